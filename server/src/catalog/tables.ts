// The catalogue in use: the raw tables every other catalogue module reads (type names, import keys,
// zerops.yml levels and bases), with the hand corrections of corrections.ts applied, and its date.
// Built in: the tables generated from Zerops' schemas of 2026-07-30. A front end pointed at a newer
// catalogue (`--schemas DIR`, `zerops.schemas`) swaps it in once at start, before anything is checked;
// the modules that derive from these tables rebuild through onCatalogueChange. Nothing swaps on its own.

import { COMPOSITE_TYPES as G_COMPOSITE, LEGACY_IMPORT_KEYS, LEGACY_TYPES as G_LEGACY, SCHEMA_KEYS as G_KEYS, SCHEMA_REQUIRED as G_REQUIRED } from './types.generated';
import { ZY_COMPOSITE_BASES as G_ZY_COMPOSITE, ZY_LEGACY_BASES as G_ZY_LEGACY, ZY_LEGACY_LEVELS, ZY_SCHEMA_LEVELS as G_ZY_LEVELS } from './zerops-yml.generated';
import { ADDED_TYPES, RETIRED_TYPES } from './corrections';
import { ADDED_KEYS } from './zerops-yml-corrections';
import type { CatalogueTables, ImportKeyTables, ImportLevel, LegacyTables, ZyLevels } from './schema-tables';

/** The day Zerops' schemas behind the built-in tables were taken (shared/zerops-facts.md §8, §12). */
export const BUILT_IN_DATE = '2026-07-30';

export interface CatalogueInfo {
  /** `built-in`, or the folder a user pointed at. */
  source: 'built-in' | 'folder';
  dir?: string;
  /** YYYY-MM-DD: when the schemas were taken. */
  date: string;
}

/** The April 2026 schemas as the generator kept them: a newer pair of schemas is merged with these. */
export const LEGACY_TABLES: LegacyTables = {
  types: [...G_LEGACY],
  importKeys: LEGACY_IMPORT_KEYS,
  zyLevels: ZY_LEGACY_LEVELS,
  zyBases: { build: [...G_ZY_LEGACY.build], run: [...G_ZY_LEGACY.run] },
};

/** The built-in tables as generated, before corrections. */
export function builtInTables(): CatalogueTables {
  return structuredClone({
    compositeTypes: [...G_COMPOSITE],
    legacyTypes: [...G_LEGACY],
    schemaKeys: G_KEYS as ImportKeyTables,
    schemaRequired: G_REQUIRED as Record<ImportLevel, string[]>,
    zyLevels: G_ZY_LEVELS as ZyLevels,
    zyCompositeBases: { build: [...G_ZY_COMPOSITE.build], run: [...G_ZY_COMPOSITE.run] },
    zyLegacyBases: { build: [...G_ZY_LEGACY.build], run: [...G_ZY_LEGACY.run] },
  });
}

/** `tables` with corrections.ts and zerops-yml-corrections.ts applied (a new object; the input stays). */
export function corrected(tables: CatalogueTables): CatalogueTables {
  const t = structuredClone(tables);
  const retired = new Set(RETIRED_TYPES.flatMap((r) => r.types));
  const added = ADDED_TYPES.flatMap((a) => a.types);
  t.compositeTypes = [...new Set([...t.compositeTypes, ...added])].filter((x) => !retired.has(x)).sort();
  t.legacyTypes = t.legacyTypes.filter((x) => !retired.has(x));
  for (const [level, keys] of Object.entries(ADDED_KEYS)) {
    const table = (t.zyLevels[level] ??= {});
    for (const [key, def] of Object.entries(keys.keys)) table[key] ??= { ...def, types: [...def.types] };
  }
  return t;
}

// The tables in use. Exported objects keep their identity; a swap replaces their contents.
export const COMPOSITE_TYPES: readonly string[] = [];
export const LEGACY_TYPES: readonly string[] = [];
export const SCHEMA_KEYS: Readonly<ImportKeyTables> = {} as ImportKeyTables;
export const SCHEMA_REQUIRED: Readonly<Record<ImportLevel, readonly string[]>> = {} as Record<ImportLevel, string[]>;
export const ZY_SCHEMA_LEVELS: Readonly<ZyLevels> = {};
export const ZY_COMPOSITE_BASES: Readonly<Record<'build' | 'run', readonly string[]>> = { build: [], run: [] };
export const ZY_LEGACY_BASES: Readonly<Record<'build' | 'run', readonly string[]>> = { build: [], run: [] };

let info: CatalogueInfo = { source: 'built-in', date: BUILT_IN_DATE };
const listeners: (() => void)[] = [];

function refill<T>(target: T[] | Record<string, T>, from: T[] | Record<string, T>): void {
  if (Array.isArray(target)) target.splice(0, target.length, ...(from as T[]));
  else {
    for (const k of Object.keys(target)) delete target[k];
    Object.assign(target, from);
  }
}

function install(tables: CatalogueTables): void {
  const t = corrected(tables);
  refill(COMPOSITE_TYPES as string[], t.compositeTypes);
  refill(LEGACY_TYPES as string[], t.legacyTypes);
  refill(SCHEMA_KEYS as Record<string, unknown>, t.schemaKeys);
  refill(SCHEMA_REQUIRED as Record<string, unknown>, t.schemaRequired);
  refill(ZY_SCHEMA_LEVELS as Record<string, unknown>, t.zyLevels);
  refill(ZY_COMPOSITE_BASES as Record<string, unknown>, t.zyCompositeBases);
  refill(ZY_LEGACY_BASES as Record<string, unknown>, t.zyLegacyBases);
}

install(builtInTables());

/** Modules deriving from the tables register their rebuild here; it runs after every swap. */
export function onCatalogueChange(rebuild: () => void): void {
  listeners.push(rebuild);
}

/** Swaps in a catalogue (already checked); with no arguments, back to the built-in one. */
export function useCatalogue(tables: CatalogueTables = builtInTables(), with_: CatalogueInfo = { source: 'built-in', date: BUILT_IN_DATE }): void {
  install(tables);
  info = { ...with_ };
  for (const rebuild of listeners) rebuild();
}

export function catalogueInfo(): Readonly<CatalogueInfo> {
  return info;
}

/** How messages name the catalogue: "Zerops' catalogue of 2026-07-30". */
export function catalogueName(): string {
  return `Zerops' catalogue of ${info.date}`;
}

/** One line for `--version` and the editor's output: which catalogue is in use. */
export function catalogueDescription(): string {
  return info.source === 'built-in'
    ? `built-in, Zerops' schemas of ${info.date} with hand corrections (MySQL 5.7, Local Storage, startCommands[].user; Kafka 3.8 and KeyDB retired)`
    : `${info.dir}, Zerops' schemas of ${info.date} with the same hand corrections`;
}
