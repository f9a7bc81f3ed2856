import { isValkey, valkeyMode } from '../catalog/services';
import {
  VALKEY, VALKEY_PORTS, endpointByPort, valkeyVariable, type ValkeyEndpoint, type ValkeyMode, type VariableKind,
} from '../catalog/valkey';
import { everyService, serviceByHostname } from '../model/lookup';
import type { EnvEntry, EnvMap, Reference, ServiceModel, SetupModel, Span, UrlRef, ZeropsModel } from '../model/types';
import { keyWords } from '../util/words';
import { portByNumber, portByUrlVariable, portByVariable, portsOfBase, type ServicePort, type TypePorts } from '../catalog/ports';

// Connection analysis: which env value connects to which service of the file or the workspace, on which
// port, with which credentials. It takes the model and the workspace's services, not a rule context, so
// rules (through their memo), hover and navigation share it. Valkey gets the deep analysis (every use,
// bare ports, groups per container); every other type with a port table gets its URL and port-variable
// ports explained (portAt).

/** The services other files of the workspace define (see RuleContext.external). */
export type ExternalServices = readonly ServiceModel[] | undefined;

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

export function valkeyService(model: ZeropsModel, external: ExternalServices, hostname: string | undefined): ServiceModel | undefined {
  const svc = serviceByHostname(model, hostname, external);
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
function urlUse(model: ZeropsModel, external: ExternalServices, url: UrlRef): ValkeyUse | undefined {
  // Only redis:// and rediss:// say how they talk to a Valkey; another scheme to its hostname is not a use.
  if (!/^rediss?$/i.test(url.scheme)) return undefined;
  const svc = valkeyService(model, external, url.hostname);
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
function anyValkey(model: ZeropsModel, external: ExternalServices): boolean {
  for (const s of everyService(model, external)) if (s.type && isValkey(s.type)) return true;
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

/** Every use of a Valkey in the model's env maps, grouped by what one container sees. */
export function valkeyConnectionsOf(model: ZeropsModel, external: ExternalServices): ValkeyConnections {
  if (!anyValkey(model, external)) return { uses: [], groups: [] };
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
        const u = urlUse(model, external, url);
        if (!u) continue;
        mapUses.push(u);
        (valkeyUrls ??= []).push(url);
      }
      for (const ref of entry.references) {
        const svc = valkeyService(model, external, ref.host);
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

/** A port of any service type with a port table, named under the cursor by a URL or a port variable. */
export interface PortAt {
  service: ServiceModel;
  ports: TypePorts;
  mode: ValkeyMode;
  /** The number as written, or the variable's port. */
  port: number;
  /** The table's row; undefined when the service does not listen on that number. */
  row?: ServicePort;
  span: Span;
}

/** The mode of any service: the composite variant, else `mode: HA`, else a single node. */
export function serviceMode(svc: ServiceModel): ValkeyMode {
  return svc.type ? valkeyMode(svc.type, svc.mode?.value?.value) : 'single';
}

/**
 * The port of a workspace service at `offset`: the digits of a URL's port (`postgresql://…@db:5432`) or
 * a port-variable reference (`${db_port}`), for every type catalog/ports.ts lists.
 */
export function portAt(model: ZeropsModel, external: ExternalServices, offset: number): PortAt | undefined {
  for (const url of model.urls) {
    const ps = url.portSpan;
    if (!ps || offset < ps.start || offset > ps.end || url.port === undefined || !/^\d+$/.test(url.port)) continue;
    const svc = serviceByHostname(model, url.hostname, external);
    const ports = portsOfBase(svc?.type?.base);
    if (!svc || !ports) return undefined;
    const port = Number(url.port);
    return { service: svc, ports, mode: serviceMode(svc), port, row: portByNumber(svc.type!.base, port), span: ps };
  }
  for (const ref of model.references) {
    if (offset < ref.span.start || offset > ref.span.end || !ref.host) continue;
    const svc = serviceByHostname(model, ref.host, external);
    const row = portByVariable(svc?.type?.base, ref.variable);
    const ports = portsOfBase(svc?.type?.base);
    if (!svc || !row || !ports) return undefined;
    return { service: svc, ports, mode: serviceMode(svc), port: row.port, row, span: ref.span };
  }
  return undefined;
}


/** What one env value connects to: a service, on a port when the value says which, through variables of it. */
export interface EntryConnection {
  service: ServiceModel;
  /** The port as written in a URL, or the port a port or URL variable names; undefined when nothing says. */
  port?: number;
  /** The port table's row for it, for the types catalog/ports.ts lists. */
  row?: ServicePort;
  /** The variables of the service the value references (`password`, `connectionString`), in order. */
  through: string[];
}

/**
 * Every service one env value connects to, for every type: each URL naming a service's host (with its
 * port) and each `${host_var}` reference. A reference inside a URL to the same service adds to that URL's
 * connection; a port or URL variable outside one (`${db_connectionString}`) gives the port it names.
 */
export function entryConnections(model: ZeropsModel, external: ExternalServices, entry: EnvEntry): EntryConnection[] {
  const found = new Map<ServiceModel, { ports: Map<number | undefined, ServicePort | undefined>; through: string[]; urls: UrlRef[] }>();
  const slot = (svc: ServiceModel) => {
    let f = found.get(svc);
    if (!f) found.set(svc, (f = { ports: new Map(), through: [], urls: [] }));
    return f;
  };
  for (const url of entry.urls) {
    const svc = serviceByHostname(model, url.hostname, external);
    if (!svc) continue;
    const f = slot(svc);
    f.urls.push(url);
    let port: number | undefined;
    if (url.port !== undefined && /^\d+$/.test(url.port)) port = Number(url.port);
    else if (url.portSpan) {
      const ref = entry.references.find((r) => r.span.start === url.portSpan!.start && r.span.end === url.portSpan!.end);
      if (ref && ref.host === url.hostname) port = portByVariable(svc.type?.base, ref.variable)?.port;
    }
    f.ports.set(port, port === undefined ? undefined : portByNumber(svc.type?.base, port));
  }
  for (const ref of entry.references) {
    const svc = ref.host ? serviceByHostname(model, ref.host, external) : undefined;
    if (!svc) continue;
    const f = slot(svc);
    if (!f.through.includes(ref.variable)) f.through.push(ref.variable);
    if (within(ref, f.urls)) continue;
    const row = portByVariable(svc.type?.base, ref.variable) ?? portByUrlVariable(svc.type?.base, ref.variable);
    if (row) f.ports.set(row.port, row);
  }
  const out: EntryConnection[] = [];
  for (const [service, f] of found) {
    const ports = [...f.ports].filter(([p]) => p !== undefined);
    if (ports.length === 0) out.push({ service, through: f.through });
    for (const [port, row] of ports) out.push({ service, port, ...(row ? { row } : {}), through: f.through });
  }
  return out;
}
