import { portByVariable } from '../../catalog/ports';
import { isKeydb, isValkey } from '../../catalog/services';
import { VALKEY, schemeOf, valkeyVariable } from '../../catalog/valkey';
import { variableListOf } from '../../catalog/variables';
import { KEYDB_BEHAVIOUR } from '../../catalog/cache-behaviour';
import { modeOf } from '../../analysis/connections';
import { serviceByHostname } from '../../model/lookup';
import type { EnvEntry, EnvMap, Reference, ServiceModel, ZeropsModel } from '../../model/types';
import { namesSecret } from '../../rules/secrets';

// What a `${host_variable}` or `${variable}` reference resolves to, as far as the files tell, for inlay
// hints (and anything else that shows a value). Secrets are never resolved: a password, a URL's password,
// an envSecrets value, a value the preprocessor generates and a value under a key that names a secret all
// come back as `secret` (a URL with its password masked keeps the rest).

export const MASK = '••••';

export interface ResolvedValue {
  /** What to show: the value, a URL with its password masked, or the word "secret". */
  text: string;
  /** Part or all of the value is secret and was masked. */
  secret: boolean;
  /** Where it comes from when that is not the reference itself: `api.envSecrets`, `project`. */
  from?: string;
}

const SECRET: ResolvedValue = { text: 'secret', secret: true };
const SECRET_MAPS: ReadonlySet<EnvMap['kind']> = new Set(['envSecrets', 'dotEnvSecrets']);
/** A value the preprocessor computes at import (`<@generateRandomString(<32>)>`): unknown until then and usually a secret. */
const GENERATED = /<@/;

/** The value of an env entry as it reads in the file, or secret. */
function entryValue(e: EnvEntry, from: string | undefined): ResolvedValue {
  const secret = SECRET_MAPS.has(e.map.kind) || GENERATED.test(e.source) || namesSecret(e.key);
  if (secret) return { ...SECRET, ...(from ? { from } : {}) };
  const text = typeof e.value === 'string' || typeof e.value === 'number' || typeof e.value === 'boolean' ? String(e.value) : e.source;
  return { text, secret: false, ...(from ? { from } : {}) };
}

function findEntry(maps: readonly EnvMap[], key: string): EnvEntry | undefined {
  for (const m of maps) for (const e of m.entries) if (e.key === key) return e;
  return undefined;
}

/** `${variable}` of the service (or setup) itself, then of the project. */
function ownValue(model: ZeropsModel, ref: Reference): ResolvedValue | undefined {
  const map = ref.entry.map;
  const siblings = map.service ? map.service.envMaps : map.setup ? map.setup.envMaps.filter((m) => m.kind === map.kind) : [map];
  const own = findEntry(siblings, ref.variable);
  if (own && own !== ref.entry) return entryValue(own, undefined);
  const project = findEntry(model.envMaps.filter((m) => m.kind === 'project.envVariables'), ref.variable);
  if (project && project !== ref.entry) return entryValue(project, 'project');
  return undefined;
}

function valkeyValue(host: string, svc: ServiceModel, variable: string): ResolvedValue | undefined {
  const v = valkeyVariable(variable);
  if (!v) return undefined;
  if (v.kind === 'hostname') return { text: host, secret: false };
  if (v.kind === 'password') return SECRET;
  if (!v.endpoint || !v.endpoint.modes.includes(modeOf(svc))) return undefined;
  if (v.kind === 'port') return { text: String(v.endpoint.port), secret: false };
  if (v.kind === 'url') return { text: `${schemeOf(v.endpoint)}://${VALKEY.user}:${MASK}@${host}.zerops:${v.endpoint.port}`, secret: true };
  return undefined;
}

function keydbValue(host: string, variable: string): ResolvedValue | undefined {
  if (variable === 'hostname') return { text: host, secret: false };
  if (variable === 'port') return { text: String(KEYDB_BEHAVIOUR.port), secret: false };
  if (variable === 'connectionString') return { text: `redis://${host}:${KEYDB_BEHAVIOUR.port}`, secret: false };
  return undefined;
}

/** `${host_variable}`: the catalogue's variable of the service's type, or an env entry the service itself defines. */
function serviceValue(svc: ServiceModel, host: string, variable: string): ResolvedValue | undefined {
  const t = svc.type;
  if (t && isValkey(t)) return valkeyValue(host, svc, variable);
  if (t && isKeydb(t)) return keydbValue(host, variable);
  const known = t ? variableListOf(t)?.find((v) => v.name === variable) : undefined;
  if (known) {
    if (known.secret || known.kind === 'password') return SECRET;
    if (known.kind === 'hostname') return { text: host, secret: false };
    if (known.kind === 'port') {
      const p = portByVariable(t!.base, variable);
      return p && (!p.haOnly || modeOf(svc) === 'ha') ? { text: String(p.port), secret: false } : undefined;
    }
    // A URL of another type: its user and database names are not documented well enough to write out.
    return undefined;
  }
  const entry = findEntry(svc.envMaps, variable);
  return entry ? entryValue(entry, `${host}.${entry.map.kind}`) : undefined;
}

/** The value `ref` resolves to, or undefined when the files do not tell. `extra`: services of the workspace's other files. */
export function resolveReference(model: ZeropsModel, ref: Reference, extra: readonly ServiceModel[] = []): ResolvedValue | undefined {
  if (!ref.host) return ownValue(model, ref);
  const svc = serviceByHostname(model, ref.host, extra);
  return svc ? serviceValue(svc, ref.host, ref.variable) : undefined;
}
