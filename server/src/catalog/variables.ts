// The variables each service type exposes to `${hostname_variable}` references, with the public source
// of every list. Valkey's list lives in catalog/valkey.ts (it is the one the docs spell out in full).
//
// Zerops' per-service docs say the full list of a service's variables is shown in the GUI, so the lists
// below are what the docs and Zerops' own tooling confirm, not necessarily everything. `exhaustive`
// records which lists are complete: for the others, reference-unknown-variable only reports a name that
// is a near miss of a known one (`${db_pasword}`), never a name it simply has not heard of.

import { GENERIC_VARIABLES, VALKEY, VALKEY_ENDPOINTS, type ServiceVariable, type ValkeyMode } from './valkey';
import { portsOfBase, portVariableDescription } from './ports';
import { splitType, typeInfo, type TypeName } from './types';

export interface TypeVariables {
  /** Base names the list applies to. */
  bases: readonly string[];
  variables: readonly ServiceVariable[];
  /** Variables that exist only on the HA variant. */
  haOnly?: readonly string[];
  /** True when the list is known to be complete. */
  exhaustive: boolean;
  /** Where the list comes from. */
  sources: readonly string[];
}

const DOCS = 'https://github.com/zeropsio/docs/blob/main/apps/docs/content';
const ZCP_E2E = 'https://github.com/zeropsio/zcp/blob/main/e2e/knowledge_quality_test.go (live-verified env keys)';
const ZCP_SERVICES = 'https://github.com/zeropsio/zcp/blob/main/internal/knowledge/themes/services.md (service cards)';

function v(name: string, description: string, kind: ServiceVariable['kind'] = 'generic', secret = false): ServiceVariable {
  return secret ? { name, kind, description, secret } : { name, kind, description };
}

/** The port variables of a base, from the port table: one definition of each port number. */
const PORTS = (base: string) =>
  (portsOfBase(base)?.ports ?? []).filter((p) => p.portVar).map((p) => v(p.portVar!, portVariableDescription(p), 'port'));
/** The variables naming the HA-only ports of a base. */
const HA_ONLY = (base: string) =>
  (portsOfBase(base)?.ports ?? []).filter((p) => p.haOnly).flatMap((p) => [p.portVar, p.urlVar]).filter((x): x is string => !!x);
const PASSWORD = (what: string) => v('password', what, 'password', true);

export const TYPE_VARIABLES: readonly TypeVariables[] = [
  {
    bases: ['valkey'],
    variables: VALKEY.variables,
    haOnly: VALKEY_ENDPOINTS.filter((e) => !e.modes.includes('single')).flatMap((e) => [e.portVar, e.urlVar]),
    exhaustive: true,
    sources: [`${DOCS}/valkey/overview.mdx`, 'shared/zerops-facts.md §6.1'],
  },
  {
    bases: ['keydb'],
    variables: [
      ...GENERIC_VARIABLES,
      ...PORTS('keydb'),
      v('connectionString', 'redis://<hostname>:6379 (KeyDB has no TLS port)', 'url'),
    ],
    // The docs also mention a password under "Access details"; whether a variable holds it is unclear.
    exhaustive: false,
    sources: [`${DOCS}/keydb/how-to/connect.mdx`, 'shared/zerops-facts.md §6.2'],
  },
  {
    bases: ['postgresql'],
    variables: [
      ...GENERIC_VARIABLES,
      ...PORTS('postgresql'),
      v('user', 'the generated database user; its name equals the hostname'),
      PASSWORD('the generated password of that user'),
      v('connectionString', 'postgresql://<user>:<password>@<hostname>:5432/<dbName>', 'url', true),
      v('connectionTlsString', 'the same URL on the TLS port', 'url', true),
      v('connectionStringReplicas', 'the URL of the read-only replica port (HA only)', 'url', true),
      v('dbName', 'the name of the default database'),
      v('superUser', 'the superuser name (postgres), for extensions and DDL'),
      v('superUserPassword', 'the superuser password', 'password', true),
    ],
    haOnly: HA_ONLY('postgresql'),
    exhaustive: false,
    sources: [`${DOCS}/postgresql/how-to/connect.mdx`, ZCP_E2E],
  },
  {
    bases: ['mariadb'],
    variables: [
      ...GENERIC_VARIABLES,
      ...PORTS('mariadb'),
      v('user', 'the generated database user; its name equals the hostname'),
      PASSWORD('the generated password of that user'),
      v('connectionString', 'a connection URL with the user, password, hostname and port', 'url', true),
      v('dbName', 'the name of the default database'),
    ],
    exhaustive: false,
    sources: [`${DOCS}/mariadb/how-to/connect.mdx`, ZCP_E2E],
  },
  {
    bases: ['nats'],
    variables: [
      ...GENERIC_VARIABLES,
      ...PORTS('nats'),
      v('user', 'the generated user (zerops)'),
      PASSWORD('the generated password'),
      v('connectionString', 'nats://<user>:<password>@<hostname>:4222', 'url', true),
    ],
    exhaustive: false,
    sources: [`${DOCS}/nats/overview.mdx`, ZCP_E2E],
  },
  {
    bases: ['kafka'],
    variables: [...GENERIC_VARIABLES, ...PORTS('kafka'), v('user', 'the generated SASL user'), PASSWORD('the generated SASL password')],
    exhaustive: false,
    sources: [ZCP_E2E],
  },
  {
    bases: ['elasticsearch'],
    variables: [...GENERIC_VARIABLES, ...PORTS('elasticsearch'), PASSWORD('the generated password of the elastic user')],
    exhaustive: false,
    sources: [ZCP_E2E],
  },
  {
    bases: ['meilisearch'],
    variables: [
      ...GENERIC_VARIABLES,
      v('masterKey', 'the master key: full access, keep it on the server side', 'password', true),
      v('defaultSearchKey', 'a key that can only search, safe for front ends', 'password', true),
      v('defaultAdminKey', 'an admin key for everything but key management', 'password', true),
      // Not in the docs' list, but official recipes read them (zerops-yml-spec.md §3, check 67).
      v('port', 'the HTTP API port', 'port'),
      v('connectionString', 'a URL of the service (its exact form is not documented)', 'url'),
    ],
    exhaustive: false,
    sources: [ZCP_E2E, ZCP_SERVICES, 'zerops-recipe-apps laravel-showcase-app and nestjs-showcase-api zerops.yaml (read ${…_port} and ${…_connectionString})'],
  },
  {
    bases: ['typesense'],
    variables: [...GENERIC_VARIABLES, ...PORTS('typesense'), v('apiKey', 'the master API key (cannot be changed)', 'password', true)],
    exhaustive: false,
    sources: [`${DOCS}/typesense/overview.mdx`, ZCP_E2E],
  },
  {
    bases: ['qdrant'],
    variables: [
      ...GENERIC_VARIABLES,
      ...PORTS('qdrant'),
      v('apiKey', 'the full-access API key', 'password', true),
      v('readOnlyApiKey', 'an API key limited to reads and searches', 'password', true),
      v('connectionString', 'http://<hostname>:6333', 'url'),
      v('grpcConnectionString', 'tcp://<hostname>:6334', 'url'),
    ],
    exhaustive: false,
    sources: [`${DOCS}/qdrant/overview.mdx`, ZCP_E2E],
  },
  {
    bases: ['clickhouse'],
    variables: [
      ...GENERIC_VARIABLES,
      v('port', 'the default client port', 'port'),
      v('portHttp', 'the HTTP interface port', 'port'),
      v('portMysql', 'the MySQL-protocol port', 'port'),
      v('portPostgresql', 'the PostgreSQL-protocol port', 'port'),
      v('portNative', 'the native-protocol port', 'port'),
      PASSWORD('the generated password'),
      v('superUserPassword', 'the superuser password', 'password', true),
      v('dbName', 'the name of the default database'),
    ],
    exhaustive: false,
    sources: [ZCP_E2E],
  },
  {
    bases: ['object-storage', 'objectstorage'],
    variables: [
      ...GENERIC_VARIABLES,
      v('apiUrl', 'the S3 endpoint with its https:// scheme', 'url'),
      v('apiHost', 'the S3 endpoint host, without a scheme'),
      v('accessKeyId', 'the S3 access key id', 'generic', true),
      v('secretAccessKey', 'the S3 secret key', 'password', true),
      v('bucketName', 'the bucket created for the service (hostname plus a random prefix)'),
      v('quotaGBytes', 'the bucket quota in GB'),
    ],
    exhaustive: false,
    sources: [ZCP_E2E, ZCP_SERVICES],
  },
];

/** Variables a runtime service has besides those it declares itself (docs: features/env-variables). */
export const RUNTIME_VARIABLES: readonly ServiceVariable[] = [
  ...GENERIC_VARIABLES,
  v('zeropsSubdomain', 'the service\'s *.zerops.app address, once subdomain access is enabled', 'url'),
];

function entryFor(base: string): TypeVariables | undefined {
  return TYPE_VARIABLES.find((t) => t.bases.includes(base));
}

function baseOf(typeOrBase: string | TypeName): string | undefined {
  return typeof typeOrBase === 'string' ? splitType(typeOrBase)?.base : typeOrBase.base;
}

/**
 * The variables a service of this type exposes, or undefined where no list is confirmed. With a mode,
 * variables that exist only in the other variant are left out.
 */
export function variableListOf(typeOrBase: string | TypeName, mode?: ValkeyMode): readonly ServiceVariable[] | undefined {
  const base = baseOf(typeOrBase);
  if (!base) return undefined;
  const entry = entryFor(base);
  if (entry) return mode === 'single' && entry.haOnly ? entry.variables.filter((x) => !entry.haOnly!.includes(x.name)) : entry.variables;
  const cat = typeInfo(base)?.category;
  return cat === 'runtime' || cat === 'static' ? RUNTIME_VARIABLES : undefined;
}

/** The variables of this type that exist only on its HA variant (replica ports and URLs); empty when none are known. */
export function haOnlyVariables(typeOrBase: string | TypeName): readonly string[] {
  const base = baseOf(typeOrBase);
  return (base && entryFor(base)?.haOnly) || [];
}

/** Names only; see variableListOf. */
export function variablesOf(typeOrBase: string | TypeName, mode?: ValkeyMode): string[] | undefined {
  return variableListOf(typeOrBase, mode)?.map((x) => x.name);
}

/** Whether the list for this type is complete, so that any other name is certainly wrong. */
export function variablesExhaustive(typeOrBase: string | TypeName): boolean {
  const base = baseOf(typeOrBase);
  return !!base && !!entryFor(base)?.exhaustive;
}
