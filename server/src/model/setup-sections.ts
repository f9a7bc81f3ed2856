import { keySpanOf, nodeSpan, pairOf, scalarValue, stringItems } from './scalars';
import type { ScalarValue, SetupModel, Span } from './types';
import { isMap, isScalar, isSeq, type TreeMap } from './tree';
import type { MergedNode, ResolvedSetup } from './zerops-yml';

// A resolved zerops.yml setup as typed sections: build, deploy and run with the values the checks read,
// each keeping where it is written and the setup whose text holds it (its own, or a parent reached
// through `extends`, aliases and merge keys followed). Read from the merged setup (model/zerops-yml.ts)
// once per setup and version, on first use, so a check of one setup does not read the others.

/** A key of a resolved setup: where the key is written, where its value is, and whose text holds them. */
export interface Sourced {
  keySpan: Span;
  /** The value as written; undefined for an empty one (`key:` alone). */
  span?: Span;
  /** The setup whose text holds the key: the setup itself, or a parent through `extends`. */
  from: SetupModel;
}

/** A key with one value, when that is a scalar (a string, a number, a boolean as written). */
export interface Field<T> extends Sourced {
  value?: T;
}

/** A key with one scalar or a list of them (`base`, `deployFiles`, `prepareCommands`): the string items. */
export interface Strings extends Sourced {
  items: ScalarValue[];
  /** Written as a list (even of one). */
  list: boolean;
  /** No value at all: `key:`, `key: ""`, `key: []`. */
  empty: boolean;
}

/** One entry of `run.ports`. */
export interface PortDecl {
  span: Span;
  port?: ScalarValue;
  protocol?: ScalarValue;
  httpSupport?: ScalarValue;
}

/** A health or readiness check: the `httpGet` and `exec` it has, with their keys. */
export interface Probe extends Sourced {
  /** Whether its value is a map (else it holds nothing). */
  isMap: boolean;
  httpGet?: Sourced & { port?: ScalarValue; path?: ScalarValue; host?: ScalarValue; scheme?: ScalarValue };
  exec?: Sourced & { command?: ScalarValue };
}

export interface CronJob {
  span: Span;
  command?: ScalarValue;
  timing?: ScalarValue;
  allContainers?: ScalarValue;
}

/** A section (`build`, `deploy`, `run`) after `extends`. */
export interface Section extends Sourced {
  /** Its keys after merging, in the order they were merged. */
  keys: readonly string[];
  /** Its value as `from` writes it, when that is a map. */
  map?: TreeMap;
}

export interface BuildSection extends Section {
  bases?: Strings;
  os?: Field<ScalarValue>;
  prepareCommands?: Strings;
  buildCommands?: Strings;
  deployFiles?: Strings;
  /** `deploy`, the old name of `deployFiles`. */
  deploy?: Strings;
  cache?: Strings;
  addToRunPrepare?: Strings;
  envVariables?: EnvSection;
}

export interface DeploySection extends Section {
  readinessCheck?: Probe;
  temporaryShutdown?: Field<ScalarValue>;
}

export interface RunSection extends Section {
  base?: Strings;
  os?: Field<ScalarValue>;
  prepareCommands?: Strings;
  initCommands?: Strings;
  /** A string; as a list only in a file that is wrong anyway, read the way `base` is read. */
  start?: Strings;
  /** The entries, when the value is a list (as for `ports` and `crontab`). */
  startCommands?: Sourced & { items?: { span: Span; command?: ScalarValue; name?: ScalarValue }[] };
  ports?: Sourced & { items?: PortDecl[] };
  envVariables?: EnvSection;
  envReplace?: Sourced;
  routing?: Sourced;
  healthCheck?: Probe;
  crontab?: Sourced & { items?: CronJob[] };
  documentRoot?: Field<ScalarValue>;
  siteConfigPath?: Field<ScalarValue>;
}

/** An env map after `extends`: each key with the setup whose text defines it last. */
export interface EnvSection extends Sourced {
  keys: Map<string, Field<ScalarValue>>;
}

export interface SetupSections {
  build?: BuildSection;
  deploy?: DeploySection;
  run?: RunSection;
}

const SECTIONS = new WeakMap<ResolvedSetup, SetupSections>();

/** The typed sections of a resolved setup, read on first use and kept with it (see resolvedOf). */
export function sectionsOf(r: ResolvedSetup, text: string): SetupSections {
  let s = SECTIONS.get(r);
  if (!s) SECTIONS.set(r, (s = readSections(r, text)));
  return s;
}

function sourced(n: MergedNode): Sourced {
  return { keySpan: keySpanOf(n.pair) ?? { start: 0, end: 0 }, span: nodeSpan(n.node) ?? undefined, from: n.from };
}

function strings(text: string, n: MergedNode | undefined): Strings | undefined {
  if (!n) return undefined;
  const v = n.node;
  const items = stringItems(text, v);
  const empty = v === null || (isScalar(v) && (v.value === '' || v.value === null)) || (isSeq(v) && v.items.length === 0);
  return { ...sourced(n), items, list: isSeq(v), empty };
}

function field(text: string, n: MergedNode | undefined): Field<ScalarValue> | undefined {
  return n ? { ...sourced(n), value: scalarValue(text, n.node) } : undefined;
}

function mapIn(n: MergedNode | undefined): Map<string, MergedNode> | undefined {
  return n?.map;
}

function section(n: MergedNode): Section {
  return { ...sourced(n), keys: [...(n.map?.keys() ?? [])], map: isMap(n.node) ? n.node : undefined };
}

function scalarIn(text: string, map: TreeMap, key: string): ScalarValue | undefined {
  return scalarValue(text, pairOf(map, key)?.value);
}

function sub(map: Map<string, MergedNode> | undefined, key: string): (Sourced & { node: MergedNode }) | undefined {
  const n = map?.get(key);
  return n ? { ...sourced(n), node: n } : undefined;
}

function probe(text: string, n: MergedNode | undefined): Probe | undefined {
  if (!n) return undefined;
  const out: Probe = { ...sourced(n), isMap: !!n.map };
  const http = sub(n.map, 'httpGet');
  if (http) {
    const m = http.node.map;
    out.httpGet = { keySpan: http.keySpan, span: http.span, from: http.from };
    for (const key of ['port', 'path', 'host', 'scheme'] as const) {
      const v = m?.get(key);
      const s = v && scalarValue(text, v.node);
      if (s) out.httpGet[key] = s;
    }
  }
  const exec = sub(n.map, 'exec');
  if (exec) {
    const c = exec.node.map?.get('command');
    out.exec = { keySpan: exec.keySpan, span: exec.span, from: exec.from, command: c ? scalarValue(text, c.node) : undefined };
  }
  return out;
}

function env(text: string, n: MergedNode | undefined): EnvSection | undefined {
  if (!n) return undefined;
  const keys = new Map<string, Field<ScalarValue>>();
  for (const [k, v] of n.map ?? []) keys.set(k, field(text, v)!);
  return { ...sourced(n), keys };
}

/** The maps of a list value (`ports`, `crontab`, `startCommands`), as written (lists are not merged); undefined for another value. */
function listMaps(n: MergedNode): TreeMap[] | undefined {
  if (!isSeq(n.node)) return undefined;
  const items: readonly unknown[] = n.node.items;
  return items.filter((i): i is TreeMap => isMap(i));
}

function readSections(r: ResolvedSetup, text: string): SetupSections {
  const out: SetupSections = {};
  const build = r.root.get('build');
  if (build) {
    const m = mapIn(build);
    out.build = {
      ...section(build),
      bases: strings(text, m?.get('base')),
      os: field(text, m?.get('os')),
      prepareCommands: strings(text, m?.get('prepareCommands')),
      buildCommands: strings(text, m?.get('buildCommands')),
      deployFiles: strings(text, m?.get('deployFiles')),
      deploy: strings(text, m?.get('deploy')),
      cache: strings(text, m?.get('cache')),
      addToRunPrepare: strings(text, m?.get('addToRunPrepare')),
      envVariables: env(text, m?.get('envVariables')),
    };
  }
  const deploy = r.root.get('deploy');
  if (deploy) {
    const m = mapIn(deploy);
    out.deploy = { ...section(deploy), readinessCheck: probe(text, m?.get('readinessCheck')), temporaryShutdown: field(text, m?.get('temporaryShutdown')) };
  }
  const run = r.root.get('run');
  if (run) {
    const m = mapIn(run);
    const ports = m?.get('ports');
    const crontab = m?.get('crontab');
    const startCommands = m?.get('startCommands');
    const key = (k: string) => { const n = m?.get(k); return n ? sourced(n) : undefined; };
    out.run = {
      ...section(run),
      base: strings(text, m?.get('base')),
      os: field(text, m?.get('os')),
      prepareCommands: strings(text, m?.get('prepareCommands')),
      initCommands: strings(text, m?.get('initCommands')),
      start: strings(text, m?.get('start')),
      startCommands: startCommands && {
        ...sourced(startCommands),
        items: listMaps(startCommands)?.map((c) => ({ span: nodeSpan(c)!, command: scalarIn(text, c, 'command'), name: scalarIn(text, c, 'name') })),
      },
      ports: ports && {
        ...sourced(ports),
        items: listMaps(ports)?.map((p) => ({ span: nodeSpan(p)!, port: scalarIn(text, p, 'port'), protocol: scalarIn(text, p, 'protocol'), httpSupport: scalarIn(text, p, 'httpSupport') })),
      },
      envVariables: env(text, m?.get('envVariables')),
      envReplace: key('envReplace'),
      routing: key('routing'),
      healthCheck: probe(text, m?.get('healthCheck')),
      crontab: crontab && {
        ...sourced(crontab),
        items: listMaps(crontab)?.map((c) => ({ span: nodeSpan(c)!, command: scalarIn(text, c, 'command'), timing: scalarIn(text, c, 'timing'), allContainers: scalarIn(text, c, 'allContainers') })),
      },
      documentRoot: field(text, m?.get('documentRoot')),
      siteConfigPath: field(text, m?.get('siteConfigPath')),
    };
  }
  return out;
}

/** Whether a scalar is the boolean `true` (not the string "true"). */
export function isTrueValue(v: ScalarValue | undefined): boolean {
  return v?.value === true;
}

