// The zerops.yml catalogue: every key at every level with its value type, allowed values, default, and
// a one-line explanation (what it does and where it acts), and every `build.base` / `run.base` in both
// spellings with its phase and OS. Generated from the two published schemas (zerops-yml.generated.ts),
// corrected by hand where the platform disagrees (zerops-yml-corrections.ts), explained in our own words.
// Facts: shared/zerops-yml-spec.md §1. Rules, hover and completion read this module; nothing else lists
// a zerops.yml key or base.

import { compareVersionsDesc } from './types';
import { DATA_LEGACY_VERSIONS, DEFAULTS, DURATION_KEYS, DURATION_RANGE, EXTRA_BASES, REQUIRED_ELSEWHERE } from './zerops-yml-corrections';
import { ZY_COMPOSITE_BASES, ZY_LEGACY_BASES, ZY_SCHEMA_LEVELS, onCatalogueChange } from './tables';
import type { ZyValueType } from './schema-tables';

// ---- keys ------------------------------------------------------------------------------------------

/**
 * Where a key takes effect: the build container, the runtime container (or the prepare container that
 * builds its image), the platform around it (balancer, deploy process), or the file itself.
 */
export type KeyWhere = 'file' | 'build' | 'runtime' | 'platform';

/** A value type after the corrections: `duration` is a Go duration string (`90s`, `1m30s`). */
export type ZyKeyType = ZyValueType | 'duration';

export interface ZyKeyInfo {
  key: string;
  /** The level the key belongs to (`run`, `run.ports[]`, …), see ZEROPS_YML_LEVELS. */
  level: string;
  /** Allowed value types; several when the key takes either (`deployFiles`: a string or a list). */
  types: readonly ZyKeyType[];
  /** Element type of a list. */
  items?: ZyValueType;
  /** Value types of a map's entries (`envVariables`). */
  values?: readonly ZyValueType[];
  enum?: readonly string[];
  /** What Zerops uses when the key is left out, as text for people. */
  default?: string;
  /** One line, in our words. */
  doc: string;
  where: KeyWhere;
  /** Required by the schema and reported by schema-required when missing. */
  required?: boolean;
  /** Required by the schema, but reported by a rule of its own (deploy-files-missing, cron-all-containers-missing). */
  requiredElsewhere?: boolean;
  deprecated?: boolean;
  /** In the April 2026 schema only. */
  legacyOnly?: boolean;
  /** For a probe timing: the accepted range in seconds. */
  duration?: { min: number; max: number };
  /** The level of the key's value when it is a map (`run` → `run`) or a list of maps (`ports` → `run.ports[]`). */
  child?: string;
}

/** Every level with keys, in file order: `root`, `setup`, `build`, …, `run.crontab[]`. */
export const ZEROPS_YML_LEVELS: readonly string[] = [...Object.keys(ZY_SCHEMA_LEVELS)];

type Doc = string | { doc: string; where: KeyWhere };
const B = (doc: string): Doc => ({ doc, where: 'build' });
const R = (doc: string): Doc => ({ doc, where: 'runtime' });
const P = (doc: string): Doc => ({ doc, where: 'platform' });
const F = (doc: string): Doc => ({ doc, where: 'file' });

const HTTP_GET = {
  port: P('The port the check connects to, inside the container.'),
  path: P('The URL path requested, e.g. `/health`; a 2xx answer within 5 seconds passes.'),
  host: P('The Host header sent with the request (not an address: the request always goes to 127.0.0.1).'),
  scheme: P('`http`, or `https` only when the application itself serves TLS; Zerops terminates public TLS at its balancer.'),
};
const EXEC = { command: P('A shell command run in the container; exit code 0 passes.') };

const DOCS: Readonly<Record<string, Readonly<Record<string, Doc>>>> = {
  root: {
    zerops: F('The list of setups: each entry is a build and run recipe named by `setup`.'),
  },
  setup: {
    setup: F('The name of this recipe. A service uses the setup named like its hostname, or the one its import names in `zeropsSetup` (`zcli push --setup` picks one by hand).'),
    extends: F('Another setup (or a list of them) of this file to start from; the keys written here override the inherited ones, maps merged key by key.'),
    build: B('How the application is built: the build container\'s base, commands, and what to deploy.'),
    deploy: P('How a new version replaces the running one: readiness check and temporary shutdown.'),
    run: R('The runtime container: its base, ports, start command, variables and checks.'),
  },
  build: {
    base: B('Technology (and version) of the build container, e.g. `nodejs@22` or `alpine/nodejs@22`; a list installs several (`[php@8.4, nodejs@22]`).'),
    os: B('`alpine` or `ubuntu`: the build container\'s operating system. Superseded by an OS prefix in `base` (`ubuntu/nodejs@22`).'),
    prepareCommands: B('Commands that customise the build image (install tools); run in /home/zerops and cached until they change.'),
    buildCommands: B('Commands that build the application, run in /build/source; each item is its own shell, and a failing one stops the build.'),
    deployFiles: B('Paths (from the directory of zerops.yml) copied from the build into /var/www of the runtime; `./` is everything, `dist/~` the contents of dist.'),
    deploy: B('Old name of `deployFiles`.'),
    cache: B('What the build keeps for the next build: `true` (the whole container), `false`, or paths relative to /build/source.'),
    addToRunPrepare: B('Files copied from the build into /home/zerops of the container that runs `run.prepareCommands`.'),
    envVariables: B('Variables of the build container only; the runtime has its own (`run.envVariables`).'),
  },
  deploy: {
    readinessCheck: P('A check each new container must pass before it gets traffic; if it never passes, the deploy fails and the old version keeps running.'),
    temporaryShutdown: P('`true` stops the old containers before starting new ones (downtime); `false` starts the new ones first.'),
  },
  'deploy.readinessCheck': {
    httpGet: P('Check by HTTP GET against the container (give either this or `exec`).'),
    exec: P('Check by running a command in the container (give either this or `httpGet`).'),
    failureTimeout: P('How long the check may keep failing before the deploy fails: a Go duration such as `60s` or `5m`.'),
    retryPeriod: P('How long to wait between attempts: a Go duration such as `10s`.'),
  },
  'deploy.readinessCheck.httpGet': HTTP_GET,
  'deploy.readinessCheck.exec': EXEC,
  run: {
    base: R('Technology (and version) of the runtime container, e.g. `nodejs@22`, `php-nginx@8.4`, `static`; left out, the current one stays.'),
    os: R('`alpine` or `ubuntu`: the runtime container\'s operating system. Superseded by an OS prefix in `base`.'),
    prepareCommands: R('Commands that build a custom runtime image (system packages); they run without your application files, in /home/zerops.'),
    initCommands: R('Commands run in /var/www at every container start or restart, before the application.'),
    start: R('The command that starts the application process (required for most language runtimes).'),
    startCommands: R('Several processes instead of one `start`, each with its own command, name and working directory.'),
    ports: P('The ports the application listens on; Zerops routes internal traffic (and public HTTP, with `httpSupport`) to them.'),
    documentRoot: R('For webserver runtimes (PHP, nginx, static): the directory served, relative to /var/www.'),
    siteConfigPath: R('For webserver runtimes: your own server configuration file, deployed with the application (`.tmpl` for substitutions).'),
    envVariables: R('Variables of the runtime container; values may reference others with `${name}` or `${hostname_name}`.'),
    envReplace: R('Replaces `<delimiter>NAME<delimiter>` placeholders in deployed files with variable values at start.'),
    routing: P('Redirects, CORS and headers of a Static service (ignored on other runtimes).'),
    healthCheck: P('A check repeated for the life of each container; a failing container is disconnected and restarted.'),
    crontab: R('Scheduled commands, in cron syntax.'),
  },
  'run.envReplace': {
    target: R('Files or directories (not recursive) whose placeholders are replaced.'),
    delimiter: R('The characters around a placeholder, e.g. `%%` for `%%API_KEY%%`.'),
  },
  'run.healthCheck': {
    httpGet: P('Check by HTTP GET against the container (give either this or `exec`).'),
    exec: P('Check by running a command in the container (give either this or `httpGet`).'),
    failureTimeout: P('How long the check may fail before the container is disconnected: a Go duration such as `60s`.'),
    disconnectTimeout: P('How long a failing container stays disconnected before it is restarted: a Go duration.'),
    recoveryTimeout: P('How long the check must pass again before the container gets traffic back: a Go duration.'),
    execPeriod: P('How often the check runs: a Go duration such as `30s`.'),
  },
  'run.healthCheck.httpGet': HTTP_GET,
  'run.healthCheck.exec': EXEC,
  'run.routing': {
    root: P('The directory the Static service serves.'),
    cors: P('The allowed origins, sent as the Access-Control-Allow-Origin header (`"*"` for any).'),
    redirects: P('Redirect rules, tried in order.'),
    headers: P('Extra response headers for paths matching a pattern.'),
  },
  'run.routing.redirects[]': {
    from: P('The path (or absolute URL) to redirect; `*` matches anything.'),
    to: P('Where to redirect.'),
    status: P('The HTTP status of the redirect (301, 302, …); needed for absolute URLs.'),
    preservePath: P('Append the rest of the matched path to `to`.'),
    preserveQuery: P('Keep the query string.'),
  },
  'run.routing.headers[]': {
    for: P('The path pattern the headers apply to.'),
    values: P('Header name → value; each value is written into the nginx configuration as is, so quote it there.'),
  },
  'run.ports[]': {
    port: P('A port number between 10 and 65435.'),
    protocol: P('`tcp` or `udp`.'),
    httpSupport: P('`true` when the port speaks HTTP, which lets Zerops route public domains and the zerops.app subdomain to it (TCP only).'),
    description: P('Free text for people.'),
  },
  'run.startCommands[]': {
    command: R('The command that starts this process.'),
    name: R('A name for the process, shown in logs.'),
    workingDir: R('The directory the command starts in.'),
    initCommands: R('Commands run before this process starts.'),
    user: R('The system user this command and its `initCommands` run under.'),
  },
  'run.crontab[]': {
    timing: R('When to run, as five cron fields: minute hour day month weekday (`*/5 * * * *`).'),
    command: R('The shell command to run.'),
    workingDir: R('The directory the command runs in.'),
    allContainers: R('`true` runs the job on every container, `false` on one.'),
  },
};

function docOf(level: string, key: string): { doc: string; where: KeyWhere } {
  const d = DOCS[level]?.[key];
  if (!d) return { doc: '', where: 'file' };
  return typeof d === 'string' ? { doc: d, where: 'file' } : d;
}

/**
 * The level of a key's value, for a map or a list of maps only: the levels are named by their paths
 * from a setup, so a setup's own `setup` (a string) shares its name with the level `setup` and must not
 * be taken for it.
 */
function childLevel(level: string, key: string, s: { types: readonly string[]; items?: string }): string | undefined {
  if (level === 'root' && key === 'zerops') return 'setup';
  const base = level === 'root' ? undefined : level === 'setup' ? key : `${level}.${key}`;
  if (!base) return undefined;
  if (s.types.includes('object') && ZY_SCHEMA_LEVELS[base]) return base;
  if (s.items === 'object' && ZY_SCHEMA_LEVELS[`${base}[]`]) return `${base}[]`;
  return undefined;
}

function buildKeys(): Map<string, Map<string, ZyKeyInfo>> {
  const out = new Map<string, Map<string, ZyKeyInfo>>();
  for (const [level, keys] of Object.entries(ZY_SCHEMA_LEVELS)) {
    const table = new Map<string, ZyKeyInfo>();
    for (const [key, s] of Object.entries(keys)) {
      const isDuration = DURATION_KEYS[level]?.includes(key);
      const elsewhere = !!s.required && !!REQUIRED_ELSEWHERE[level]?.includes(key);
      const info: ZyKeyInfo = {
        key,
        level,
        types: isDuration ? ['duration'] : s.types,
        ...docOf(level, key),
      };
      if (s.items) info.items = s.items;
      if (s.values) info.values = s.values;
      if (s.enum) info.enum = s.enum;
      const dflt = DEFAULTS[level]?.[key];
      if (dflt !== undefined) info.default = dflt;
      if (s.required && !elsewhere) info.required = true;
      if (elsewhere) info.requiredElsewhere = true;
      if (s.deprecated) info.deprecated = true;
      if (s.legacyOnly) info.legacyOnly = true;
      if (isDuration) info.duration = { ...DURATION_RANGE };
      const child = childLevel(level, key, s);
      if (child) info.child = child;
      table.set(key, info);
    }
    out.set(level, table);
  }
  return out;
}

let KEYS = buildKeys();

/** The keys of one level, in schema order. */
export function keysAtLevel(level: string): ZyKeyInfo[] {
  return [...(KEYS.get(level)?.values() ?? [])];
}

export function keyInfoAt(level: string, key: string): ZyKeyInfo | undefined {
  return KEYS.get(level)?.get(key);
}

/** Every level the key exists at (`healthCheck` at `run`, `httpGet` at both probe levels …). */
export function levelsOfKey(key: string): string[] {
  return ZEROPS_YML_LEVELS.filter((l) => KEYS.get(l)?.has(key));
}

/**
 * The level of the map at `path`, a path of keys and list indices from the document root
 * (`['zerops', 0, 'run', 'ports', 1]` → `run.ports[]`); undefined when the path leaves the schema, or
 * enters a free map (`envVariables`, `routing.headers[].values`).
 */
export function levelAt(path: readonly (string | number)[]): string | undefined {
  let level = 'root';
  let i = 0;
  while (i < path.length) {
    const info = keyInfoAt(level, String(path[i]));
    if (!info?.child) return undefined;
    i++;
    if (info.child.endsWith('[]') || info.child === 'setup') {
      if (i >= path.length) return undefined;
      if (typeof path[i] !== 'number') return undefined;
      i++;
    }
    level = info.child;
  }
  return level;
}

/**
 * What the key at the end of `path` is: `keyAt(['zerops', 0, 'run', 'ports', 0, 'port'])` is the `port`
 * of `run.ports[]`. Undefined for a key the schema does not know there.
 */
export function keyAt(path: readonly (string | number)[]): ZyKeyInfo | undefined {
  if (path.length === 0) return undefined;
  const level = levelAt(path.slice(0, -1));
  return level === undefined ? undefined : keyInfoAt(level, String(path[path.length - 1]));
}

/** Parses a Go duration (`90s`, `1m30s`, `1.5h`, `500ms`) to seconds; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let pos = 0;
  let any = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
    any = true;
  }
  return any && pos === s.length ? total : undefined;
}

// ---- bases -----------------------------------------------------------------------------------------

export type BasePhase = 'build' | 'run';
export type BaseOs = 'alpine' | 'ubuntu';

export interface BaseVersion {
  /** `22`, `latest`, `8.4+1.22`; '' for a base written without a version (`static`). */
  version: string;
  /** The OSes the 2026-07 schema offers it on; empty for a legacy-only version (unknown). */
  oses: readonly BaseOs[];
  /** In the 2026-07 schema (in some OS spelling). */
  current: boolean;
  /** In the April 2026 schema (bare spelling) or the docs' version data. */
  legacy: boolean;
}

/** What the runtime is, which decides start, ports and webserver keys (spec §1.10). */
export type BaseRole = 'language' | 'php-build' | 'webserver' | 'static' | 'docker' | 'os' | 'zcp' | 'other';

export interface BaseTech {
  tech: string;
  /** The other spelling of the same technology (`go` / `golang`). */
  alias?: string;
  label: string;
  role: BaseRole;
  doc: string;
  /** Versions per phase, newest first; a phase is absent when the technology is not offered there. */
  phases: Partial<Record<BasePhase, readonly BaseVersion[]>>;
  /** True when `run.start` is expected (docs: "REQUIRED") for a runtime of this technology. */
  startExpected: boolean;
  /** True when Zerops serves port 80 without any `ports` (PHP, nginx, static). */
  implicitPort80: boolean;
}

export interface BaseName {
  raw: string;
  os?: string;
  tech: string;
  version?: string;
}

const BASE_NAME = /^(?:([a-z]+)\/)?([a-z][a-z0-9-]*)(?:@([^\s@]*))?$/;

/** `[os/]tech[@version]`; the April schema's stray bare versions (`3.20`, `22.04`) read as alpine / ubuntu. */
export function parseBase(raw: string): BaseName | undefined {
  const s = raw.trim();
  if (/^3\.\d+$/.test(s)) return { raw, tech: 'alpine', version: s };
  if (/^\d\d\.04$/.test(s)) return { raw, tech: 'ubuntu', version: s };
  const m = BASE_NAME.exec(s);
  if (!m) return undefined;
  return { raw, os: m[1], tech: m[2], version: m[3] };
}

interface TechHand { label: string; role: BaseRole; doc: string; alias?: string }

const TECH: Readonly<Record<string, TechHand>> = {
  nodejs: { label: 'Node.js', role: 'language', doc: 'Node.js with npm, yarn and pnpm.' },
  bun: { label: 'Bun', role: 'language', doc: 'The Bun JavaScript runtime and package manager.' },
  deno: { label: 'Deno', role: 'language', doc: 'The Deno runtime; offered on Ubuntu only.' },
  go: { label: 'Go', role: 'language', alias: 'golang', doc: 'The Go toolchain; the runtime runs the binary you build.' },
  golang: { label: 'Go', role: 'language', alias: 'go', doc: 'Other spelling of `go`.' },
  python: { label: 'Python', role: 'language', doc: 'Python with pip.' },
  rust: { label: 'Rust', role: 'language', doc: 'The Rust toolchain (cargo); the runtime runs the binary you build.' },
  java: { label: 'Java', role: 'language', doc: 'A JDK with Maven and Gradle available to install.' },
  dotnet: { label: '.NET', role: 'language', doc: 'The .NET SDK (build) and runtime.' },
  elixir: { label: 'Elixir', role: 'language', doc: 'Elixir with Erlang/OTP.' },
  gleam: { label: 'Gleam', role: 'language', doc: 'Gleam with Erlang/OTP.' },
  ruby: { label: 'Ruby', role: 'language', doc: 'Ruby with Bundler.' },
  zero: { label: 'Zero', role: 'language', doc: 'The Zero toolchain.' },
  php: { label: 'PHP', role: 'php-build', doc: 'PHP with Composer, for the build container; run it with `php-nginx` or `php-apache`.' },
  'php-nginx': { label: 'PHP + Nginx', role: 'webserver', doc: 'PHP-FPM behind nginx, serving port 80; the build uses `php@<version>`.' },
  'php-apache': { label: 'PHP + Apache', role: 'webserver', doc: 'PHP behind Apache, serving port 80; the build uses `php@<version>`.' },
  nginx: { label: 'Nginx', role: 'webserver', doc: 'A plain nginx web server serving port 80; build with another base.' },
  static: { label: 'Static', role: 'static', doc: 'Serves deployed files on port 80 with `routing` for redirects and headers; build with e.g. `nodejs@22`.' },
  docker: { label: 'Docker', role: 'docker', doc: 'A VM running Docker (Alpine only, run only); start containers with `docker run --network=host`.' },
  alpine: { label: 'Alpine Linux', role: 'os', doc: 'A bare Alpine Linux container, for static binaries or your own setup.' },
  ubuntu: { label: 'Ubuntu', role: 'os', doc: 'A bare Ubuntu container, for static binaries or your own setup.' },
  zcp: { label: 'Zerops Control Plane', role: 'zcp', doc: 'Zerops\' agent workspace runtime.' },
  runtime: { label: 'runtime', role: 'other', doc: 'A legacy name in the April 2026 schema only.' },
};

/** Runtimes whose docs page marks `start` REQUIRED (spec §1.5, §1.10). */
const START_EXPECTED = new Set(['nodejs', 'bun', 'deno', 'go', 'golang', 'python', 'rust', 'java', 'dotnet', 'elixir', 'gleam', 'ruby', 'docker']);

function buildBases(): Map<string, BaseTech> {
  interface Acc { versions: Map<string, { oses: Set<BaseOs>; current: boolean; legacy: boolean }> }
  const acc = new Map<string, Partial<Record<BasePhase, Acc>>>();
  const add = (phase: BasePhase, raw: string, current: boolean) => {
    const n = parseBase(raw);
    if (!n) return;
    const byPhase = acc.get(n.tech) ?? {};
    acc.set(n.tech, byPhase);
    const a = (byPhase[phase] ??= { versions: new Map() });
    const version = n.version ?? '';
    const v = a.versions.get(version) ?? { oses: new Set<BaseOs>(), current: false, legacy: false };
    a.versions.set(version, v);
    if (current) {
      v.current = true;
      if (n.os === 'alpine' || n.os === 'ubuntu') v.oses.add(n.os);
      else if (n.tech === 'alpine' || n.tech === 'ubuntu') v.oses.add(n.tech);
    } else v.legacy = true;
  };
  for (const phase of ['build', 'run'] as const) {
    for (const raw of [...ZY_COMPOSITE_BASES[phase], ...EXTRA_BASES[phase]]) add(phase, raw, true);
    for (const raw of ZY_LEGACY_BASES[phase]) add(phase, raw, false);
    for (const [tech, versions] of Object.entries(DATA_LEGACY_VERSIONS)) for (const v of versions) add(phase, `${tech}@${v}`, false);
  }
  // A bare base the 2026-07 schema lists without an OS prefix (`static`, `zcp@1`) runs on either OS
  // when the schema also has it prefixed; otherwise the OS is not stated.
  const out = new Map<string, BaseTech>();
  for (const [tech, byPhase] of acc) {
    const hand = TECH[tech];
    const phases: Partial<Record<BasePhase, BaseVersion[]>> = {};
    for (const phase of ['build', 'run'] as const) {
      const a = byPhase[phase];
      if (!a) continue;
      phases[phase] = [...a.versions.entries()]
        .map(([version, v]) => ({ version, oses: [...v.oses].sort(), current: v.current, legacy: v.legacy }))
        .sort((x, y) => compareVersionsDesc(x.version, y.version));
    }
    out.set(tech, {
      tech,
      alias: hand?.alias,
      label: hand?.label ?? tech,
      role: hand?.role ?? 'other',
      doc: hand?.doc ?? '',
      phases,
      startExpected: START_EXPECTED.has(tech),
      implicitPort80: hand?.role === 'webserver' || hand?.role === 'static',
    });
  }
  return out;
}

/** Every technology either schema offers for `build.base` or `run.base`. */
export const BASES: ReadonlyMap<string, BaseTech> = buildBases();

// A newer catalogue (catalog/tables.ts) rebuilds what is derived here; the exported objects keep their identity.
onCatalogueChange(() => {
  (ZEROPS_YML_LEVELS as string[]).splice(0, ZEROPS_YML_LEVELS.length, ...Object.keys(ZY_SCHEMA_LEVELS));
  KEYS = buildKeys();
  const bases = BASES as Map<string, BaseTech>;
  bases.clear();
  for (const [k, v] of buildBases()) bases.set(k, v);
});

/** What is wrong with a base written for a phase, if anything. */
export type BaseStatus =
  | 'ok'
  /** Known technology and version, but only in the April schema or the docs' data. */
  | 'legacy'
  | 'unknown-tech'
  | 'unknown-version'
  /** A technology offered only in the other phase (`php-nginx` in build, `php` in run). */
  | 'wrong-phase'
  /** An OS prefix other than alpine/ubuntu, or one the version is not offered on (`alpine/deno@2`). */
  | 'os-unavailable';

export interface BaseCheck {
  name?: BaseName;
  tech?: BaseTech;
  /** The version entry in this phase, when there is one. */
  version?: BaseVersion;
  status: BaseStatus;
}

/** The versions of a technology in a phase (newest first), current ones only unless `withLegacy`. */
export function baseVersions(tech: string, phase: BasePhase, withLegacy = false): BaseVersion[] {
  return (BASES.get(tech)?.phases[phase] ?? []).filter((v) => v.current || withLegacy);
}

/**
 * Everything the catalogue knows about a base value, judged for `phase`. Both spellings count:
 * `nodejs@22` is current because `alpine/nodejs@22` is; `@latest` is an alias Zerops offers per base.
 */
export function baseInfo(raw: string, phase: BasePhase): BaseCheck {
  const name = parseBase(raw);
  if (!name) return { status: 'unknown-tech' };
  const tech = BASES.get(name.tech);
  if (!tech) return { name, status: 'unknown-tech' };
  const versions = tech.phases[phase];
  if (!versions) return { name, tech, status: 'wrong-phase' };
  const version = versions.find((v) => v.version === (name.version ?? ''));
  if (!version) return { name, tech, status: 'unknown-version' };
  if (name.os !== undefined) {
    if (name.os !== 'alpine' && name.os !== 'ubuntu') return { name, tech, version, status: 'os-unavailable' };
    if (version.current && !version.oses.includes(name.os)) return { name, tech, version, status: 'os-unavailable' };
  }
  return { name, tech, version, status: version.current ? 'ok' : 'legacy' };
}

/** The OS a base fixes, if it fixes one: its prefix, or the only OS its version is offered on. */
export function baseOs(raw: string, phase: BasePhase): BaseOs | undefined {
  const c = baseInfo(raw, phase);
  if (c.name?.os === 'alpine' || c.name?.os === 'ubuntu') return c.name.os;
  if (c.version && c.version.oses.length === 1) return c.version.oses[0];
  return undefined;
}

/** Every base value of a phase in both spellings (current ones; legacy too with `withLegacy`), for completion. */
export function baseValues(phase: BasePhase, withLegacy = false): string[] {
  const out: string[] = [];
  for (const t of BASES.values()) {
    for (const v of t.phases[phase] ?? []) {
      if (!v.current && !withLegacy) continue;
      const bare = v.version ? `${t.tech}@${v.version}` : t.tech;
      out.push(bare);
      if (t.role !== 'os') for (const os of v.oses) out.push(`${os}/${bare}`);
    }
  }
  return out;
}

/** The technologies offered in a phase (both `go` and `golang`). */
export function techNames(phase?: BasePhase): string[] {
  return [...BASES.values()].filter((t) => !phase || t.phases[phase]).map((t) => t.tech);
}
