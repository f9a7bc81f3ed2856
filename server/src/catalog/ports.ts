// The ports each managed service type listens on, as data: one row per port with what it is for, the URL
// scheme clients use on it, TLS, read-only, HA-only, and the variables that name it. The variable lists
// (variables.ts), the connection analysis (analysis/connections.ts), its rules and the port hovers all
// read this table; a port number is written nowhere else.
//
// Valkey's rows are its endpoint table (valkey.ts, shared/zerops-facts.md §6.1). The others are the
// numbers the sources of variables.ts give (Zerops docs per service, zcp's live-verified env keys).
// Types whose port numbers no source gives (Meilisearch, ClickHouse) have no rows: nothing is guessed.

import { VALKEY, VALKEY_ENDPOINTS, schemeOf, type ValkeyMode } from './valkey';

export interface ServicePort {
  port: number;
  /** What the port is for, as a phrase: "read/write port, plain". */
  role: string;
  /** URL schemes clients write for this port, the usual one first; none for a port no URL names. */
  schemes: readonly string[];
  tls: boolean;
  readOnly: boolean;
  /** Exists only on the HA variant. */
  haOnly: boolean;
  /** The variable holding the port number (`${db_port}` …), and the one holding a URL to it. */
  portVar?: string;
  urlVar?: string;
}

export interface TypePorts {
  bases: readonly string[];
  /** The name hovers use: PostgreSQL, Valkey. */
  label: string;
  ports: readonly ServicePort[];
}

const plainPort = (port: number, role: string, schemes: readonly string[], portVar = 'port', urlVar?: string): ServicePort => ({
  port, role, schemes, tls: false, readOnly: false, haOnly: false, portVar, ...(urlVar ? { urlVar } : {}),
});

export const TYPE_PORTS: readonly TypePorts[] = [
  {
    bases: [VALKEY.type],
    label: 'Valkey',
    ports: VALKEY_ENDPOINTS.map((e) => ({
      port: e.port, role: e.role, schemes: [schemeOf(e)], tls: e.tls, readOnly: e.readOnly, haOnly: !e.modes.includes('single'),
      portVar: e.portVar, urlVar: e.urlVar,
    })),
  },
  { bases: ['keydb'], label: 'KeyDB', ports: [plainPort(6379, 'the service port', ['redis'], 'port', 'connectionString')] },
  {
    bases: ['postgresql'],
    label: 'PostgreSQL',
    ports: [
      plainPort(5432, 'read/write port, plain', ['postgresql', 'postgres'], 'port', 'connectionString'),
      {
        port: 6432, role: 'TLS port for access from outside the project, through pgBouncer', schemes: ['postgresql', 'postgres'],
        tls: true, readOnly: false, haOnly: false, portVar: 'portTls', urlVar: 'connectionTlsString',
      },
      {
        port: 5433, role: 'read-only port balanced over the replicas', schemes: ['postgresql', 'postgres'],
        tls: false, readOnly: true, haOnly: true, portVar: 'portReplicas', urlVar: 'connectionStringReplicas',
      },
    ],
  },
  { bases: ['mariadb'], label: 'MariaDB', ports: [plainPort(3306, 'the service port', ['mysql', 'mariadb'], 'port', 'connectionString')] },
  { bases: ['nats'], label: 'NATS', ports: [plainPort(4222, 'the client port', ['nats'], 'port', 'connectionString')] },
  { bases: ['kafka'], label: 'Kafka', ports: [plainPort(9092, 'the broker port', [])] },
  { bases: ['elasticsearch'], label: 'Elasticsearch', ports: [plainPort(9200, 'the HTTP port', ['http'])] },
  { bases: ['typesense'], label: 'Typesense', ports: [plainPort(8108, 'the API port', ['http'])] },
  {
    bases: ['qdrant'],
    label: 'Qdrant',
    ports: [
      plainPort(6333, 'the HTTP API port', ['http'], 'port', 'connectionString'),
      plainPort(6334, 'the gRPC API port', ['tcp', 'http'], 'grpcPort', 'grpcConnectionString'),
    ],
  },
];

/** Every URL scheme a Zerops service speaks, for the model's URL scan (model/references.ts mirrors it). */
export const SERVICE_SCHEMES: readonly string[] = [...new Set(TYPE_PORTS.flatMap((t) => t.ports.flatMap((p) => p.schemes)))];

export function portsOfBase(base: string | undefined): TypePorts | undefined {
  return base === undefined ? undefined : TYPE_PORTS.find((t) => t.bases.includes(base));
}

/** The ports a service of this base listens on in this mode: the HA-only ones only on HA. */
export function portsIn(base: string | undefined, mode: ValkeyMode): readonly ServicePort[] {
  return (portsOfBase(base)?.ports ?? []).filter((p) => !p.haOnly || mode === 'ha');
}

export function portByNumber(base: string | undefined, port: number): ServicePort | undefined {
  return portsOfBase(base)?.ports.find((p) => p.port === port);
}

export function portByVariable(base: string | undefined, variable: string): ServicePort | undefined {
  return portsOfBase(base)?.ports.find((p) => p.portVar === variable);
}

/** How a variable list describes a port variable: "read/write port, plain (5432)", "… (5433, HA only)". */
export function portVariableDescription(p: ServicePort): string {
  return `${p.role} (${p.port}${p.haOnly ? ', HA only' : ''})`;
}

/** The port a URL variable of this base points at (`connectionStringReplicas` -> 5433). */
export function portByUrlVariable(base: string | undefined, variable: string): ServicePort | undefined {
  return portsOfBase(base)?.ports.find((p) => p.urlVar === variable);
}

/** A port's role in a few words: "read/write", "read-only replicas", with ", TLS" when it is encrypted. */
export function shortRole(p: ServicePort): string {
  return `${p.readOnly ? 'read-only replicas' : 'read/write'}${p.tls ? ', TLS' : ''}`;
}
