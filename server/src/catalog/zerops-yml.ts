// The zerops.yml bases: every `build.base` / `run.base` in both spellings with its phase and OS, and what
// each technology is. Generated from the two published schemas (zerops-yml.generated.ts), corrected by
// hand where the platform disagrees (zerops-yml-corrections.ts), explained in our own words. Facts:
// shared/zerops-yml-spec.md §1.8. The keys of a zerops.yml are in the key schema (schema.ts).

import { compareVersionsDesc } from './types';
import { DATA_LEGACY_VERSIONS, EXTRA_BASES } from './zerops-yml-corrections';
import { ZY_COMPOSITE_BASES, ZY_LEGACY_BASES, onCatalogueChange } from './tables';

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

// ---- the zerops.yml names the rules still use (until they read the key schema directly) ----------------

export { parseGoDuration } from './duration';
export type { KeyInfo as ZyKeyInfo, KeyType as ZyKeyType } from './schema';
import { keyInfo, keysAt } from './schema';
export const keyInfoAt = (level: string, key: string) => keyInfo('zerops-yml', level, key);
export const keysAtLevel = (level: string) => keysAt('zerops-yml', level);
