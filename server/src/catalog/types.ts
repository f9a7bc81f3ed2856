// The catalogue of service types, built once from the generated schema data (types.generated.ts) and
// a little hand-kept knowledge (categories, display names, types no longer offered). Rules, hovers and
// completion read it; nothing else in the code lists a type or a version.
// Facts: shared/zerops-facts.md §1.2, §3, §4.

import { KEYDB, type ValkeyMode } from './valkey';
import { COMPOSITE_TYPES, LEGACY_TYPES, onCatalogueChange } from './tables';
import { NOT_OFFERED_BASES, REMOVED_BASES } from './corrections';
import { splitType, type TypeName } from '../model/type-name';

/**
 * What a base type is, which decides the keys that apply to it: runtimes (and static, a runtime that
 * only serves files) scale containers; managed services have a fixed node count; object storage lives on
 * separate infrastructure; shared storage is mounted into runtimes.
 */
export type TypeCategory = 'runtime' | 'static' | 'managed' | 'object-storage' | 'shared-storage';

export interface TypeInfo {
  base: string;
  /** The other name of the same thing (`object-storage` / `objectstorage`, `go` / `golang`). */
  alias?: string;
  label: string;
  category: TypeCategory;
  /** False for types Zerops still knows but no longer creates (KeyDB, RabbitMQ). */
  offered: boolean;
  /** Removed from the platform altogether (KeyDB): an import naming it is refused. */
  removed?: boolean;
  /** Every version either spelling accepts, newest first; '' when the bare name is accepted. */
  versions: readonly string[];
  /** Variants of the composite spelling (`postgresql:ha@18`). */
  variants: readonly ValkeyMode[];
  /** OS prefixes of the composite spelling (`alpine/nodejs@22`). */
  oses: readonly string[];
  /** The exact `type` strings of each spelling, newest version first. */
  composite: readonly string[];
  legacy: readonly string[];
}

export { splitType, type TypeName };

const MANAGED = new Set([
  'postgresql', 'mariadb', 'valkey', 'keydb', 'nats', 'kafka', 'elasticsearch', 'meilisearch',
  'typesense', 'qdrant', 'clickhouse', 'seaweedfs', 'rabbitmq', 'mysql', 'local-storage',
]);
const OBJECT_STORAGE = new Set(['object-storage', 'objectstorage']);
const SHARED_STORAGE = new Set(['shared-storage', 'sharedstorage']);
const NOT_OFFERED = new Set([...Object.keys(REMOVED_BASES), ...NOT_OFFERED_BASES]);
const ALIASES: Record<string, string> = {
  'object-storage': 'objectstorage', objectstorage: 'object-storage',
  'shared-storage': 'sharedstorage', sharedstorage: 'shared-storage',
  go: 'golang', golang: 'go',
};
const LABELS: Record<string, string> = {
  postgresql: 'PostgreSQL', mariadb: 'MariaDB', valkey: 'Valkey', keydb: 'KeyDB', nats: 'NATS', kafka: 'Kafka',
  elasticsearch: 'Elasticsearch', meilisearch: 'Meilisearch', typesense: 'Typesense', qdrant: 'Qdrant',
  clickhouse: 'ClickHouse', seaweedfs: 'SeaweedFS', rabbitmq: 'RabbitMQ', mysql: 'MySQL', 'local-storage': 'Local storage', 'object-storage': 'Object storage',
  objectstorage: 'Object storage', 'shared-storage': 'Shared storage', sharedstorage: 'Shared storage',
  nodejs: 'Node.js', 'php-nginx': 'PHP + Nginx', 'php-apache': 'PHP + Apache', dotnet: '.NET', go: 'Go',
  golang: 'Go', static: 'Static', docker: 'Docker', alpine: 'Alpine Linux', ubuntu: 'Ubuntu', zcp: 'Zerops Control Plane',
};

function categoryOf(base: string): TypeCategory {
  if (MANAGED.has(base)) return 'managed';
  if (OBJECT_STORAGE.has(base)) return 'object-storage';
  if (SHARED_STORAGE.has(base)) return 'shared-storage';
  if (base === 'static') return 'static';
  return 'runtime';
}

/**
 * Plain code-unit order for the catalogue's ASCII names. `localeCompare` would give the same order here,
 * but its first call builds an ICU collator, about 15 ms of every server and CLI start, and its order
 * follows the machine's locale.
 */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers compare as numbers, segment by segment; named channels (`latest`, `nightly`) come after them. */
export function compareVersionsDesc(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '' || b === '') return a === '' ? 1 : -1;
  const na = /^\d/.test(a);
  const nb = /^\d/.test(b);
  if (na !== nb) return na ? -1 : 1;
  if (!na) return byCodeUnit(a, b);
  const pa = a.split(/[.+]/).map(Number);
  const pb = b.split(/[.+]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return y - x;
  }
  return 0;
}

function build(): Map<string, TypeInfo> {
  interface Acc { versions: Set<string>; variants: Set<ValkeyMode>; oses: Set<string>; composite: string[]; legacy: string[] }
  const acc = new Map<string, Acc>();
  const get = (base: string): Acc => {
    let a = acc.get(base);
    if (!a) acc.set(base, (a = { versions: new Set(), variants: new Set(), oses: new Set(), composite: [], legacy: [] }));
    return a;
  };
  for (const [list, spelling] of [[COMPOSITE_TYPES, 'composite'], [LEGACY_TYPES, 'legacy']] as const) {
    for (const raw of list) {
      const t = splitType(raw);
      if (!t) continue;
      const a = get(t.base);
      a.versions.add(t.version ?? '');
      if (t.variant === 'single' || t.variant === 'ha') a.variants.add(t.variant);
      if (t.os) a.oses.add(t.os);
      a[spelling].push(raw);
    }
  }
  const byVersion = (x: string, y: string) => compareVersionsDesc(splitType(x)?.version ?? '', splitType(y)?.version ?? '') || byCodeUnit(x, y);
  const out = new Map<string, TypeInfo>();
  for (const [base, a] of acc) {
    out.set(base, {
      base,
      alias: ALIASES[base],
      label: LABELS[base] ?? base.charAt(0).toUpperCase() + base.slice(1),
      category: categoryOf(base),
      offered: !NOT_OFFERED.has(base),
      ...(base in REMOVED_BASES ? { removed: true } : {}),
      versions: [...a.versions].sort(compareVersionsDesc),
      variants: (['single', 'ha'] as const).filter((v) => a.variants.has(v)),
      oses: [...a.oses].sort(),
      composite: a.composite.sort(byVersion),
      legacy: a.legacy.sort(byVersion),
    });
  }
  return out;
}

let TYPES: ReadonlyMap<string, TypeInfo> = build();
// A newer catalogue (catalog/tables.ts) rebuilds the table.
onCatalogueChange(() => {
  TYPES = build();
});

export function typeInfo(base: string): TypeInfo | undefined {
  return TYPES.get(base);
}

/** Every base name, offered or not: what `service-type-unknown` measures a misspelt base against. */
export function baseNames(): readonly string[] {
  return [...TYPES.keys()];
}

/** Every `type` value Zerops offers today, in both spellings, newest version first within each base. */
export function offeredTypeValues(): string[] {
  const out: string[] = [];
  for (const t of TYPES.values()) if (t.offered) out.push(...newestFirst(t));
  return out;
}

/** Both spellings of one base merged, newest version first, the composite name before the legacy one. */
function newestFirst(t: TypeInfo): string[] {
  const version = (raw: string) => splitType(raw)?.version ?? '';
  const composite = new Set(t.composite);
  return [...t.composite, ...t.legacy].sort(
    (a, b) => compareVersionsDesc(version(a), version(b)) || Number(composite.has(b)) - Number(composite.has(a)) || byCodeUnit(a, b),
  );
}

export function categoryOfType(t: TypeName | undefined): TypeCategory | undefined {
  return t ? typeInfo(t.base)?.category : undefined;
}

/**
 * What, if anything, is wrong with a type name. Both spellings pass when each part exists for the base:
 * a version from either list (the platform maps the legacy names onto the new ones), a variant and an
 * OS prefix the composite list uses for that base.
 */
export type TypeProblem = 'base' | 'variant' | 'os' | 'version';

export function typeProblem(t: TypeName): TypeProblem | undefined {
  const info = typeInfo(t.base);
  if (!info) return 'base';
  if (t.variant !== undefined && !(info.variants as readonly string[]).includes(t.variant)) return 'variant';
  if (t.os !== undefined && !info.oses.includes(t.os)) return 'os';
  if (!info.versions.includes(t.version ?? '')) return 'version';
  return undefined;
}

/** The versions a base offers, newest first, without the bare name. */
export function offeredVersions(base: string): string[] {
  return (typeInfo(base)?.versions ?? []).filter((v) => v !== '');
}


/**
 * How many nodes a managed service runs (shared/zerops-facts.md §3, §7): one on a single node, three on HA
 * (one primary and two replicas for Valkey), two for an HA KeyDB. Undefined for runtimes (they scale
 * containers), object storage, and shared storage on HA, whose node count no source gives.
 */
export function nodeCount(base: string, mode: ValkeyMode): number | undefined {
  const category = typeInfo(base)?.category;
  if (category === 'shared-storage') return mode === 'single' ? 1 : undefined;
  if (category !== 'managed') return undefined;
  if (mode === 'single') return 1;
  return base === KEYDB.type ? 2 : 3;
}

/**
 * The composite spelling a type means (`valkey@7.2` with `mode: HA` is `valkey:ha@7.2`; with NON_HA or no
 * mode, `:single`). Types without variants (runtimes, object storage) are their own canonical form.
 * Undefined for an unknown base or a variant the base does not offer.
 */
export function canonicalTypeOf(t: TypeName, mode: ValkeyMode): string | undefined {
  const info = typeInfo(t.base);
  if (!info) return undefined;
  if (info.variants.length === 0) return [t.os ? `${t.os}/` : '', t.base, t.version !== undefined ? `@${t.version}` : ''].join('');
  if (!info.variants.includes(mode)) return undefined;
  return [t.os ? `${t.os}/` : '', t.base, `:${mode}`, t.version !== undefined ? `@${t.version}` : ''].join('');
}
