import { isValkey, valkeyMode } from '../catalog/services';
import {
  VALKEY, VALKEY_PORTS, endpointByPort, schemeOf, valkeyVariable, type ValkeyEndpoint, type ValkeyMode, type VariableKind,
} from '../catalog/valkey';
import { serviceByHostname } from '../model/lookup';
import type { EnvEntry, EnvMap, Reference, ServiceModel, SetupModel, Span, UrlRef } from '../model/types';
import { keyWords } from '../util/words';
import { replace } from './edits';
import type { OffsetEdit, RuleContext } from './rule';

// Which env values connect to which Valkey service, and through which endpoint. Computed once per model
// and shared by every connection rule.

export type UseKind = 'url' | 'url-variable' | 'port-variable' | 'hostname' | 'bare-port';

export interface ValkeyUse {
  service: ServiceModel;
  mode: ValkeyMode;
  entry: EnvEntry;
  kind: UseKind;
  /** What to underline. */
  span: Span;
  /** The endpoint the use reaches, when the value says. */
  endpoint?: ValkeyEndpoint;
  url?: UrlRef;
  ref?: Reference;
  /** Span of the port digits of a URL or a bare port value. */
  portDigits?: Span;
  /** The use itself carries the password (a connection-string variable, a password in the URL). */
  auth: boolean;
}

/**
 * What one running container sees together: a service's env maps, the project's, or one section (build
 * or run) of a zerops.yml setup.
 */
export interface EnvGroup {
  service?: ServiceModel;
  setup?: SetupModel;
  maps: EnvMap[];
  uses: ValkeyUse[];
  /** Valkey services whose `${x_password}` the group references. */
  passwords: Set<ServiceModel>;
}

/** Empty when no service the file can see is a Valkey: then nothing connects to one. */
export interface ValkeyConnections {
  uses: ValkeyUse[];
  groups: EnvGroup[];
  project?: EnvGroup;
}

export function valkeyService(ctx: RuleContext, hostname: string | undefined): ServiceModel | undefined {
  const svc = serviceByHostname(ctx.model, hostname, ctx.external);
  return svc?.type && isValkey(svc.type) ? svc : undefined;
}

export function modeOf(svc: ServiceModel): ValkeyMode {
  return valkeyMode(svc.type ?? { base: VALKEY.type }, svc.mode?.value?.value);
}

function digitsIn(source: string, start: number): Span | undefined {
  const m = /\d+/.exec(source);
  return m ? { start: start + m.index, end: start + m.index + m[0].length } : undefined;
}

/** The use a URL to a Valkey makes; the references inside it are part of it (see `within`). */
function urlUse(ctx: RuleContext, url: UrlRef): ValkeyUse | undefined {
  const svc = valkeyService(ctx, url.hostname);
  if (!svc) return undefined;
  const entry = url.entry;
  let endpoint: ValkeyEndpoint | undefined;
  let portDigits: Span | undefined;
  if (url.port !== undefined && url.portSpan) {
    if (/^\d+$/.test(url.port)) {
      endpoint = endpointByPort(Number(url.port));
      portDigits = url.portSpan;
    } else {
      const ref = entry.references.find((r) => r.span.start === url.portSpan!.start && r.span.end === url.portSpan!.end);
      if (ref && ref.host === url.hostname) endpoint = valkeyVariable(ref.variable)?.endpoint;
    }
  }
  const password = url.userinfo?.includes(':') ? url.userinfo.slice(url.userinfo.indexOf(':') + 1) : '';
  return {
    service: svc, mode: modeOf(svc), entry, kind: 'url', span: url.authoritySpan, endpoint, url, portDigits,
    auth: password.length > 0,
  };
}

const USE_OF_VARIABLE: Partial<Record<VariableKind, { kind: UseKind; auth: boolean }>> = {
  url: { kind: 'url-variable', auth: true },
  port: { kind: 'port-variable', auth: false },
  hostname: { kind: 'hostname', auth: false },
};

/** The use a reference to a variable of the Valkey service `svc` makes, if it connects. */
/** Whether a reference lies inside one of these URLs. */
function within(ref: Reference, urls: readonly UrlRef[]): boolean {
  return urls.some((url) => ref.span.start >= url.span.start && ref.span.end <= url.span.end);
}

function refUse(svc: ServiceModel, ref: Reference): ValkeyUse | undefined {
  const v = valkeyVariable(ref.variable);
  const use = v && USE_OF_VARIABLE[v.kind];
  if (!use) return undefined;
  return { service: svc, mode: modeOf(svc), entry: ref.entry, span: ref.span, ref, endpoint: v.endpoint, kind: use.kind, auth: use.auth };
}

/** Whether any service the rules can see, the file's own or the workspace's, is a Valkey. */
function anyValkey(ctx: RuleContext): boolean {
  // byHostname, not services: a model cut down to the changed services still knows every hostname.
  for (const list of ctx.model.byHostname.values()) for (const s of list) if (s.type && isValkey(s.type)) return true;
  for (const s of ctx.external ?? []) if (s.type && isValkey(s.type)) return true;
  return false;
}

/** Words of a key that name a cache, whatever the service is called. */
const CACHE_WORDS = new Set(['redis', 'valkey', 'keydb', 'cache']);

/**
 * The bare port values whose key ties them to the Valkey `svc`: the key names the cache (its hostname,
 * or redis, valkey, keydb, cache as a word), or shares its prefix with a key holding the cache's
 * hostname (`CACHE_HOST` with `CACHE_PORT`). `CONTROL_PORT: "7000"` is the application's own port.
 */
function barePortsOf(svc: ServiceModel, entries: EnvEntry[], uses: ValkeyUse[]): EnvEntry[] {
  const hostname = typeof svc.hostname?.value === 'string' ? svc.hostname.value.toLowerCase() : undefined;
  const prefix = (words: string[]) => words.slice(0, -1).join('_');
  const hostPrefixes = new Set<string>();
  for (const u of uses) {
    if (u.kind !== 'hostname') continue;
    const p = prefix(keyWords(u.entry.key));
    if (p) hostPrefixes.add(p);
  }
  return entries.filter((e) => {
    const words = keyWords(e.key);
    if (words.some((w) => CACHE_WORDS.has(w) || w === hostname)) return true;
    const p = prefix(words);
    return p !== '' && hostPrefixes.has(p);
  });
}

function analyse(ctx: RuleContext): ValkeyConnections {
  const model = ctx.model;
  if (!anyValkey(ctx)) return { uses: [], groups: [] };
  // The build and the run container of a setup see different variables, so each section is its own group.
  const groups = new Map<ServiceModel | EnvMap | undefined, EnvGroup>();
  const groupOf = (map: EnvMap): EnvGroup => {
    const key = map.setup ? map : map.service;
    let g = groups.get(key);
    if (!g) {
      g = { service: map.service, setup: map.setup, maps: [], uses: [], passwords: new Set() };
      groups.set(key, g);
    }
    return g;
  };
  const all: ValkeyUse[] = [];
  for (const map of model.envMaps) {
    const group = groupOf(map);
    group.maps.push(map);
    const mapUses: ValkeyUse[] = [];
    const barePorts: EnvEntry[] = [];
    for (const entry of map.entries) {
      // URLs to a Valkey; the references inside them are not uses of their own.
      let valkeyUrls: UrlRef[] | undefined;
      for (const url of entry.urls) {
        const u = urlUse(ctx, url);
        if (!u) continue;
        mapUses.push(u);
        (valkeyUrls ??= []).push(url);
      }
      for (const ref of entry.references) {
        const svc = valkeyService(ctx, ref.host);
        if (!svc) continue;
        if (ref.variable === 'password') group.passwords.add(svc);
        if (valkeyUrls && within(ref, valkeyUrls)) continue;
        const u = refUse(svc, ref);
        if (u) mapUses.push(u);
      }
      if (entry.references.length || entry.urls.length) continue;
      const raw = typeof entry.value === 'number' ? String(entry.value) : typeof entry.value === 'string' ? entry.value.trim() : '';
      if (/^\d+$/.test(raw) && VALKEY_PORTS.has(Number(raw))) barePorts.push(entry);
    }
    // A bare "7000" means a Valkey port only when everything else in the map talks to one Valkey, and
    // the key says it belongs to that connection.
    const svc = barePorts.length ? mapUses[0]?.service : undefined;
    if (svc && mapUses.every((u) => u.service === svc)) {
      for (const entry of barePortsOf(svc, barePorts, mapUses)) {
        const digits = digitsIn(entry.source, entry.sourceStart);
        if (!digits) continue;
        mapUses.push({
          service: svc, mode: modeOf(svc), entry, kind: 'bare-port', span: digits, portDigits: digits,
          endpoint: endpointByPort(Number(entry.source.slice(digits.start - entry.sourceStart, digits.end - entry.sourceStart))),
          auth: false,
        });
      }
    }
    for (const u of mapUses) {
      group.uses.push(u);
      all.push(u);
    }
  }
  return { uses: all, groups: [...groups.values()], project: groups.get(undefined) };
}

export function valkeyConnections(ctx: RuleContext): ValkeyConnections {
  return ctx.memo('valkey-connections', () => analyse(ctx));
}

/**
 * The edits that point a use at another endpoint: a literal port, a port or connection-string variable,
 * and the URL scheme when TLS changes. Each edit covers only the characters that change.
 */
export function retarget(use: ValkeyUse, target: ValkeyEndpoint): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  if (use.url) {
    const wantTls = target.tls;
    const isTls = use.url.scheme.toLowerCase() === 'rediss';
    if (wantTls !== isTls) edits.push(replace(use.url.schemeSpan, schemeOf(target)));
    // The port may already be right (a TLS scheme on the plain port): then only the scheme changes.
    if (use.portDigits) {
      if (use.url.port !== String(target.port)) edits.push(replace(use.portDigits, String(target.port)));
    } else if (use.url.portSpan && use.endpoint) {
      const ref = use.entry.references.find((r) => r.span.start === use.url!.portSpan!.start);
      if (ref) edits.push(replace(ref.variableSpan, target.portVar));
    }
    return edits;
  }
  if (use.ref) {
    const name = use.kind === 'url-variable' ? target.urlVar : target.portVar;
    return [replace(use.ref.variableSpan, name)];
  }
  if (use.portDigits) return [replace(use.portDigits, String(target.port))];
  return edits;
}

/** How a use is written, for messages: `port 7000`, `${cache_portReplicas}`, `rediss://`. */
export function describeUse(use: ValkeyUse, text: string): string {
  if (use.ref) return text.slice(use.ref.span.start, use.ref.span.end);
  if (use.portDigits && use.kind === 'bare-port') return `port ${text.slice(use.portDigits.start, use.portDigits.end)}`;
  if (use.url?.port) return `port ${use.url.port}`;
  return `${use.url?.scheme ?? ''}://`;
}
