import { isValkey } from '../../catalog/services';
import type { SnippetDefaults } from '../../catalog/snippets';
import { categoryOfType, offeredTypeValues, splitType, typeInfo, type TypeInfo } from '../../catalog/types';
import { BASES, baseInfo, parseBase, type BaseOs, type BasePhase, type BaseTech } from '../../catalog/zerops-yml';
import { fileKind } from '../../model/kind';
import { hostnameOf } from '../../model/lookup';
import { scalarOf, scalarValue, seqItemsOf } from '../../model/scalars';
import type { ServiceModel, SetupModel, ZeropsModel } from '../../model/types';
import { mergedAt, resolvedOf, type MergedNode, type ResolvedSetup } from '../../model/zerops-yml';

// What completion knows of the project around the cursor, so that the likely value comes first: the
// setup the cursor is in (after `extends`), its other phase's base, the import services that use it,
// the types the project already has, its Valkey's hostname and the setup names still free. Pure: models
// in, rankings and defaults out; completion.ts, import/completion.ts and zerops-yml/completion.ts turn them into entries.

/** One family of technologies: PHP builds with `php` and runs on `php-nginx` or `php-apache`; `golang` is `go`. */
export function baseFamily(tech: string): string {
  return tech.startsWith('php') ? 'php' : tech === 'golang' ? 'go' : tech;
}

/** The other name of a technology that is kept out of lists (`golang` beside `go`, `objectstorage` beside `object-storage`). */
function isSecondSpelling(name: string, alias: string | undefined, has: (n: string) => boolean): boolean {
  return !!alias && has(alias) && (name === 'golang' || name.length > alias.length);
}

// ---- the setup under the cursor -------------------------------------------------------------------

export interface SetupAround {
  setup: SetupModel;
  resolved?: ResolvedSetup;
  /** The import services that build with this setup: their `zeropsSetup`, else their hostname, names it. */
  services: ServiceModel[];
}

/** The setup whose text holds `offset`, resolved through `extends`, with the services using it. */
export function setupAround(model: ZeropsModel, offset: number, external: readonly ServiceModel[]): SetupAround | undefined {
  // The last setup starting before the cursor: a blank line being typed at a setup's end is past its span.
  const setup = model.setups.filter((s) => s.span.start <= offset).pop();
  if (!setup) return undefined;
  const resolved = resolvedOf(model).find((r) => r.setup === setup);
  const name = setup.name?.value;
  return { setup, resolved, services: typeof name === 'string' ? servicesUsing(name, external) : [] };
}

/** The name a runtime service builds with: its `zeropsSetup`, else its hostname. */
function setupNameOf(s: ServiceModel): string | undefined {
  const zs = scalarOf(s.node, 'zeropsSetup');
  return typeof zs === 'string' || typeof zs === 'number' ? String(zs) : hostnameOf(s);
}

function isRuntime(s: ServiceModel): boolean {
  const cat = categoryOfType(s.type);
  return cat === 'runtime' || cat === 'static';
}

function servicesUsing(name: string, external: readonly ServiceModel[]): ServiceModel[] {
  return external.filter((s) => isRuntime(s) && setupNameOf(s) === name);
}

/** The values of a merged key (one scalar or a list of them), as text. */
function scalars(n: MergedNode | undefined): string[] {
  if (!n) return [];
  const values = (seqItemsOf(n.node) ?? [n.node]).map((x) => scalarValue('', x)?.value);
  return values.filter((v) => v !== undefined && v !== null && v !== '').map(String);
}

/** The run technology of the setup around the cursor, when its (merged) `run.base` names one. */
export function runTechAround(around: SetupAround | undefined): BaseTech | undefined {
  const n = parseBase(scalars(mergedAt(around?.resolved?.root, 'run', 'base'))[0] ?? '');
  return n && BASES.get(n.tech);
}

/** The keys the merged section already has (own and inherited). */
export function mergedKeys(around: SetupAround | undefined, section: string): Set<string> {
  return new Set(mergedAt(around?.resolved?.root, section)?.map?.keys() ?? []);
}

// ---- bases ----------------------------------------------------------------------------------------

interface Hint { tech: string; version?: string }

/** What the setup says of `phase`'s base: the other phase's base and the type of each service using it, in that order. */
function baseHints(around: SetupAround | undefined, phase: BasePhase): Hint[] {
  const other: BasePhase = phase === 'build' ? 'run' : 'build';
  const out: Hint[] = [];
  for (const raw of scalars(mergedAt(around?.resolved?.root, other, 'base'))) {
    const n = parseBase(raw);
    if (n) out.push({ tech: n.tech, version: n.version });
  }
  for (const s of around?.services ?? []) if (s.type) out.push({ tech: s.type.base, version: s.type.version });
  return out;
}

/** A version written like `8.4` matches the catalogue's `8.4` and `8.4+1.22`. */
function sameVersion(catalogue: string, written: string | undefined): boolean {
  return !!written && (catalogue === written || catalogue.startsWith(`${written}+`));
}

/** The technology of a family most setups use, when the other phase does not say which. */
const USUAL_IN_FAMILY: Readonly<Record<string, string>> = { php: 'php-nginx' };

export interface RankedBase {
  value: string;
  tech: BaseTech;
  version: string;
  os?: BaseOs;
  /** Suggested by the setup's other phase or its service (and, for the first of them, the likeliest). */
  hinted: boolean;
}

/**
 * The bases of a phase in the order a user of this setup most likely wants them: the technologies of the
 * other phase's base and of the service using the setup first (their family: `php` → `php-nginx`,
 * `php-apache`), at the version they use, then newest first; then the newest version of every other
 * technology; then the older versions. One spelling: bare, or prefixed when `typed` starts with an OS
 * (`alpine/`). Versions not offered on the section's `os` are left out, as are legacy-only versions and
 * technologies of the other phase.
 */
export function rankBases(phase: BasePhase, typed: string, around: SetupAround | undefined): RankedBase[] {
  const prefix = /^(alpine|ubuntu)\//.exec(typed)?.[1] as BaseOs | undefined;
  const sectionOs = scalars(mergedAt(around?.resolved?.root, phase, 'os'))[0];
  const os = prefix ?? (sectionOs === 'alpine' || sectionOs === 'ubuntu' ? sectionOs : undefined);
  const hints = baseHints(around, phase);
  const techRank = new Map<string, number>();
  for (const h of hints) {
    const family = baseFamily(h.tech);
    // The exact technology before its family's others (a php-apache service: php-apache, then php-nginx);
    // else the usual one first (php builds mostly run on php-nginx).
    const order = (t: BaseTech) => (t.tech === h.tech ? 0 : t.tech === USUAL_IN_FAMILY[family] ? 1 : 2);
    const techs = [...BASES.values()].filter((t) => t.phases[phase] && baseFamily(t.tech) === family).sort((a, b) => order(a) - order(b));
    for (const t of techs) if (!techRank.has(t.tech)) techRank.set(t.tech, techRank.size);
  }
  const first: (RankedBase & { rank: number; hintAt: number; exact: number })[] = [];
  const newest: RankedBase[] = [];
  const older: RankedBase[] = [];
  for (const tech of BASES.values()) {
    const versions = tech.phases[phase];
    if (!versions || isSecondSpelling(tech.tech, tech.alias, (n) => !!BASES.get(n)?.phases[phase])) continue;
    // A bare OS (`alpine@3.22`) has no prefixed spelling: it belongs to the bare list only.
    if (prefix && tech.role === 'os') continue;
    let firstOfTech = true;
    for (const v of versions) {
      if (!v.current || (os && v.oses.length && !v.oses.includes(os))) continue;
      const bare = v.version ? `${tech.tech}@${v.version}` : tech.tech;
      const entry: RankedBase = { value: prefix ? `${prefix}/${bare}` : bare, tech, version: v.version, os: prefix, hinted: false };
      const rank = techRank.get(tech.tech);
      if (rank !== undefined) {
        const hintAt = hints.findIndex((h) => baseFamily(h.tech) === baseFamily(tech.tech) && sameVersion(v.version, h.version));
        // `8.4` itself before `8.4+1.22` when 8.4 is what the hint says.
        const exact = hintAt >= 0 && v.version === hints[hintAt].version ? 0 : 1;
        first.push({ ...entry, hinted: true, rank, hintAt: hintAt < 0 ? hints.length : hintAt, exact });
      } else (firstOfTech ? newest : older).push(entry);
      firstOfTech = false;
    }
  }
  // Hinted technologies: the hinted version of each first (in hint order), then by technology, newest first (stable).
  first.sort((a, b) => a.hintAt - b.hintAt || a.exact - b.exact || a.rank - b.rank);
  return [...first.map(({ rank: _r, hintAt: _h, exact: _e, ...e }) => e), ...newest, ...older];
}

// ---- import types ---------------------------------------------------------------------------------

export interface RankedType {
  value: string;
  info: TypeInfo;
  version: string;
  variant?: string;
  /** The project already has a service of this technology. */
  used: boolean;
}

/** The spellings of one version of a type: `valkey:single@7.2` and `valkey:ha@7.2`, `nodejs@22`, `alpine/nodejs@22`. */
function typeSpellings(info: TypeInfo, version: string, os: string | undefined): { value: string; variant?: string }[] {
  const at = version ? `@${version}` : '';
  if (os) return info.composite.filter((c) => splitType(c)?.os === os && (splitType(c)?.version ?? '') === version).map((value) => ({ value }));
  if (info.variants.length) {
    return info.variants.map((variant) => ({ value: `${info.base}:${variant}${at}`, variant }))
      .filter((s) => info.composite.includes(s.value));
  }
  return [{ value: `${info.base}${at}` }];
}

/**
 * Every type Zerops offers, one spelling each (a managed service by its variant, `valkey:single@7.2`; a
 * runtime bare, `nodejs@22`, or with the OS `typed` starts with), the technologies the project already
 * uses first (at the version it uses, then newest first), then the newest version of every other type,
 * then the older versions.
 */
export function rankTypes(typed: string, used: readonly ServiceModel[]): RankedType[] {
  const os = /^(alpine|ubuntu)\//.exec(typed)?.[1];
  const usedBases = new Map<string, Set<string>>();
  for (const s of used) {
    const t = s.type && splitType(s.type.raw);
    if (!t || !typeInfo(t.base)) continue;
    const alias = typeInfo(t.base)!.alias;
    const base = isSecondSpelling(t.base, alias, (n) => !!typeInfo(n)?.composite.length) ? alias! : t.base;
    if (!usedBases.has(base)) usedBases.set(base, new Set());
    if (t.version) usedBases.get(base)!.add(t.version);
  }
  const order = [...usedBases.keys()];
  const first: (RankedType & { at: number; again: boolean })[] = [];
  const newest: RankedType[] = [];
  const older: RankedType[] = [];
  for (const base of allTypeBases()) {
    const info = typeInfo(base)!;
    if (!info.offered || isSecondSpelling(base, info.alias, (n) => !!typeInfo(n)?.composite.length)) continue;
    let firstVersion = true;
    // TypeInfo.versions is newest first already.
    for (const version of info.versions) {
      const spellings = typeSpellings(info, version, os);
      if (!spellings.length) continue;
      for (const s of spellings) {
        const entry: RankedType = { value: s.value, info, version, variant: s.variant, used: usedBases.has(base) };
        if (entry.used) first.push({ ...entry, at: order.indexOf(base), again: !usedBases.get(base)!.has(version) });
        else (firstVersion ? newest : older).push(entry);
      }
      firstVersion = false;
    }
  }
  // Every type at the version in use first, then the other versions of those technologies.
  first.sort((a, b) => Number(a.again) - Number(b.again) || a.at - b.at);
  return [...first.map(({ at: _a, again: _g, ...e }) => e), ...newest, ...older];
}

let typeBases: readonly string[] | undefined;

/** Every offered base type, in catalogue order (worked out once: the catalogue does not change). */
function allTypeBases(): readonly string[] {
  typeBases ??= [...new Set(offeredTypeValues().map((raw) => splitType(raw)?.base).filter((b): b is string => !!b))];
  return typeBases;
}

// ---- snippet defaults -----------------------------------------------------------------------------

/** The one Valkey hostname among `services`, when there is exactly one. */
function onlyValkey(services: readonly ServiceModel[]): string | undefined {
  const names = new Set(services.filter((s) => s.type && isValkey(s.type)).map(hostnameOf).filter((h): h is string => !!h));
  return names.size === 1 ? [...names][0] : undefined;
}

/** `app`, else `app2`, `app3` …: the first name no setup has. */
function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** The build and run technologies a recipe of `tech` writes (`php` builds on php, runs on php-nginx). */
const RECIPE_BASES: Readonly<Record<string, readonly [string, string]>> = { php: ['php', 'php-nginx'] };

/**
 * What the snippets write by default in `model`: the project's Valkey when it has exactly one; for a
 * setup recipe, the name and runtime version of a service of its technology that no setup of this file
 * serves yet, else a setup name not yet used.
 */
export function snippetDefaults(model: ZeropsModel, external: readonly ServiceModel[]): SnippetDefaults {
  const services = fileKind(model.kind)?.definesServices ? [...model.services, ...external] : external;
  const taken = new Set(model.setups.map((s) => s.name?.value).filter((n): n is string => typeof n === 'string'));
  const waiting = external.filter((s) => isRuntime(s) && !taken.has(setupNameOf(s) ?? ''));
  return {
    valkey: onlyValkey(services),
    setup: (tech) => {
      const s = waiting.find((x) => x.type && baseFamily(x.type.base) === baseFamily(tech));
      const name = s && setupNameOf(s);
      if (!s || !name) return { name: freeName('app', taken) };
      const [build, run] = RECIPE_BASES[tech] ?? [tech, tech];
      const v = s.type?.version;
      const fits = !!v && baseInfo(`${build}@${v}`, 'build').status === 'ok' && baseInfo(`${run}@${v}`, 'run').status === 'ok';
      return { name, version: fits ? v : undefined };
    },
  };
}
