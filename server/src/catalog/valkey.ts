// Valkey and KeyDB on Zerops, as data. Every rule, and later every hover, completion and snippet, reads
// these tables instead of restating a port or a variable name. Facts: shared/zerops-facts.md §3, §4.3,
// §6.1, §6.2 and §7.

export type ValkeyMode = 'single' | 'ha';

/** One endpoint a Valkey service listens on. */
export interface ValkeyEndpoint {
  port: number;
  tls: boolean;
  readOnly: boolean;
  /** Variable holding the port number (`${cache_port}` …). */
  portVar: string;
  /** Variable holding a full connection URL to this endpoint. */
  urlVar: string;
  /** Modes in which the endpoint exists. */
  modes: readonly ValkeyMode[];
  role: string;
}

export const VALKEY_ENDPOINTS: readonly ValkeyEndpoint[] = [
  {
    port: 6379, tls: false, readOnly: false, portVar: 'port', urlVar: 'connectionString', modes: ['single', 'ha'],
    role: 'read/write, plain; always reaches the primary',
  },
  {
    port: 6380, tls: true, readOnly: false, portVar: 'portTls', urlVar: 'connectionTlsString', modes: ['single', 'ha'],
    role: 'read/write over TLS; meant for access from outside the project (VPN, laptops)',
  },
  {
    port: 7000, tls: false, readOnly: true, portVar: 'portReplicas', urlVar: 'connectionStringReplicas', modes: ['ha'],
    role: 'read-only, plain; balanced over the replicas (HA only)',
  },
  {
    port: 7001, tls: true, readOnly: true, portVar: 'portTlsReplicas', urlVar: 'connectionTlsStringReplicas', modes: ['ha'],
    role: 'read-only over TLS; balanced over the replicas (HA only)',
  },
];

export function endpointByPort(port: number): ValkeyEndpoint | undefined {
  return VALKEY_ENDPOINTS.find((e) => e.port === port);
}

/** The endpoint with this TLS-ness and access; the table has one of each. */
/** The URL scheme of an endpoint: `rediss` over TLS, `redis` in plain text. */
export function schemeOf(e: { tls: boolean }): 'redis' | 'rediss' {
  return e.tls ? 'rediss' : 'redis';
}

export function endpointFor(want: { tls: boolean; readOnly: boolean }): ValkeyEndpoint {
  return VALKEY_ENDPOINTS.find((x) => x.tls === want.tls && x.readOnly === want.readOnly)!;
}

/** `e` with one attribute changed: 7001 without TLS is 7000, 7001 read/write is 6380. */
export function endpointWith(e: ValkeyEndpoint, change: { tls?: boolean; readOnly?: boolean }): ValkeyEndpoint {
  return endpointFor({ tls: change.tls ?? e.tls, readOnly: change.readOnly ?? e.readOnly });
}

export type VariableKind = 'hostname' | 'port' | 'url' | 'password' | 'generic';

export interface ServiceVariable {
  name: string;
  kind: VariableKind;
  /** For `port` and `url` variables: the endpoint they point at. */
  endpoint?: ValkeyEndpoint;
  secret?: boolean;
  description: string;
}

function endpointVariables(): ServiceVariable[] {
  const out: ServiceVariable[] = [];
  for (const e of VALKEY_ENDPOINTS) {
    out.push({ name: e.portVar, kind: 'port', endpoint: e, description: `port ${e.port} (${e.role})` });
    out.push({
      name: e.urlVar, kind: 'url', endpoint: e, secret: true,
      description: `${schemeOf(e)}://default:<password>@<hostname>.zerops:${e.port} (${e.role})`,
    });
  }
  return out;
}

/** Variables every service exposes, whatever its type. */
export const GENERIC_VARIABLES: readonly ServiceVariable[] = [
  { name: 'hostname', kind: 'hostname', description: 'the service hostname; also resolvable as <hostname>.zerops' },
  { name: 'serviceId', kind: 'generic', description: 'the Zerops id of the service' },
  { name: 'projectId', kind: 'generic', description: 'the Zerops id of the project' },
];

export const VALKEY = {
  type: 'valkey',
  /** The only version Zerops offers. Any other is refused at import with serviceStackTypeNotFound. */
  version: '7.2',
  variants: ['single', 'ha'] as const,
  nodes: { single: 1, ha: 3 } as const,
  /** The user is fixed; there is no `user` variable. */
  user: 'default',
  variables: [
    ...GENERIC_VARIABLES,
    { name: 'password', kind: 'password', secret: true, description: 'the generated password of user `default` (services created since mid-June 2026 require it)' },
    { name: 'ZEROPS_PROMETHEUS_PORT', kind: 'generic', description: 'the metrics port (9121)' },
    ...endpointVariables(),
  ] as readonly ServiceVariable[],
  profiles: ['hobby', 'staging', 'production'] as const,
  profileOverrideKeys: ['maxmemory-policy'] as const,
  maxmemoryPolicies: [
    'noeviction', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random',
    'volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl',
  ] as const,
} as const;

const VALKEY_VARIABLES: ReadonlyMap<string, ServiceVariable> = new Map([...VALKEY.variables].reverse().map((v) => [v.name, v]));

export function valkeyVariable(name: string): ServiceVariable | undefined {
  return VALKEY_VARIABLES.get(name);
}

/** KeyDB: still a known type in real files, no longer offered; Valkey replaces it on the same port. */
export const KEYDB = {
  type: 'keydb',
  versions: ['6'],
  replacement: `valkey@${VALKEY.version}`,
} as const;

/** Plain-text port numbers that mean a Valkey endpoint when they stand alone in an env map. */
export const VALKEY_PORTS: ReadonlySet<number> = new Set(VALKEY_ENDPOINTS.map((e) => e.port));

/** Mode values Zerops accepts, and how each maps onto a variant. */
export const MODES = { HA: 'ha', NON_HA: 'single' } as const satisfies Record<string, ValkeyMode>;
export type ModeValue = keyof typeof MODES;

export function isModeValue(v: unknown): v is ModeValue {
  return v === 'HA' || v === 'NON_HA';
}

export function modeValueFor(variant: ValkeyMode): ModeValue {
  return variant === 'ha' ? 'HA' : 'NON_HA';
}
