// From Zerops' published JSON schemas to the catalogue's raw tables: type names, keys per level, value
// types, enums, required lists, bases. One piece of code for two callers: scripts/gen-catalog.mjs writes
// the built-in tables (types.generated.ts, zerops-yml.generated.ts) from the four schemas of July and April
// 2026, and a run pointed at a newer catalogue (`--schemas DIR`, `zerops.schemas`) builds the same tables
// from the two files Zerops publishes today, merged with the April ones kept in the generated files.
// Only data carries over; the schemas' description sentences do not. Facts: shared/zerops-facts.md §8.

/* eslint-disable @typescript-eslint/no-explicit-any -- the input is any JSON document */
type Json = any;

export type SchemaValueType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any';

export interface SchemaKey {
  type: SchemaValueType;
  /** Element type of an array. */
  items?: SchemaValueType;
  /** Value type of a map's entries. */
  values?: SchemaValueType;
  enum?: readonly string[];
  deprecated?: boolean;
  /** In the April 2026 schema only. */
  legacyOnly?: boolean;
}

export type ImportLevel = 'root' | 'project' | 'service' | 'verticalAutoscaling';
export type ImportKeyTables = Record<ImportLevel, Record<string, SchemaKey>>;

export type ZyValueType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'any';

/** A zerops.yml key as the published schemas give it, before the corrections of zerops-yml-corrections.ts. */
export interface ZySchemaKey {
  /** The value types the schema allows (several for a `oneOf`: `deployFiles` is a string or a list). */
  types: readonly ZyValueType[];
  /** Element type of a list. */
  items?: ZyValueType;
  /** Value types of a map's entries. */
  values?: readonly ZyValueType[];
  enum?: readonly string[];
  deprecated?: boolean;
  required?: boolean;
  /** In the April 2026 schema only. */
  legacyOnly?: boolean;
}

export type ZyLevels = Record<string, Record<string, ZySchemaKey>>;

/** Everything the catalogue takes from the schemas. */
export interface CatalogueTables {
  compositeTypes: string[];
  legacyTypes: string[];
  schemaKeys: ImportKeyTables;
  schemaRequired: Record<ImportLevel, string[]>;
  zyLevels: ZyLevels;
  zyCompositeBases: Record<'build' | 'run', string[]>;
  zyLegacyBases: Record<'build' | 'run', string[]>;
}

/** What the April 2026 schemas add to any newer pair: the legacy names and keys, still accepted. */
export interface LegacyTables {
  types: string[];
  importKeys: ImportKeyTables;
  zyLevels: ZyLevels;
  zyBases: Record<'build' | 'run', string[]>;
}

const IMPORT_LEVELS: readonly ImportLevel[] = ['root', 'project', 'service', 'verticalAutoscaling'];

// ---- import files ---------------------------------------------------------------------------------------

const services = (s: Json): Json => s?.properties?.services?.items;
const importLevel: Record<ImportLevel, (s: Json) => Json> = {
  root: (s) => s,
  project: (s) => s?.properties?.project,
  service: services,
  verticalAutoscaling: (s) => services(s)?.properties?.verticalAutoscaling,
};

export function typeEnum(schema: Json): string[] {
  const list: unknown[] = services(schema)?.properties?.type?.enum ?? [];
  // The legacy enum carries stray bare versions (`3.17`, `22.04`): they name no type.
  return [...new Set(list.filter((t): t is string => typeof t === 'string' && /^[a-z]/.test(t)))].sort();
}

function keyTable(objSchema: Json): Record<string, SchemaKey> {
  const table: Record<string, SchemaKey> = {};
  for (const [key, def] of Object.entries<Json>(objSchema?.properties ?? {})) {
    const entry: SchemaKey = { type: def.type ?? 'any' };
    if (def.type === 'array' && def.items?.type) entry.items = def.items.type;
    if (def.type === 'object' && def.additionalProperties?.type) entry.values = def.additionalProperties.type;
    if (Array.isArray(def.enum) && key !== 'type') entry.enum = [...def.enum];
    if (def.deprecated) entry.deprecated = true;
    table[key] = entry;
  }
  return table;
}

/** The import keys of one schema, per level, as read (before merging with another schema). */
export function importKeyTables(schema: Json): ImportKeyTables {
  return Object.fromEntries(IMPORT_LEVELS.map((l) => [l, keyTable(importLevel[l](schema))])) as ImportKeyTables;
}

/** Both schemas' keys at one level: the union, with an enum from whichever schema has one (merged). */
function mergeImportLevel(a: Record<string, SchemaKey>, b: Record<string, SchemaKey>): Record<string, SchemaKey> {
  const merged: Record<string, SchemaKey> = {};
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const x = a[key];
    const y = b[key];
    const e: SchemaKey = { ...(y ?? {}), ...(x ?? {}) } as SchemaKey;
    const enums = [...(x?.enum ?? []), ...(y?.enum ?? [])];
    if (enums.length) e.enum = [...new Set(enums)];
    if (!x) e.legacyOnly = true;
    if (x?.deprecated || (y?.deprecated && !x)) e.deprecated = true;
    else delete e.deprecated;
    merged[key] = e;
  }
  return merged;
}

// ---- zerops.yml -----------------------------------------------------------------------------------------
// Every object of the schema with properties becomes a level named by its path from a setup entry
// (`run.healthCheck.httpGet`, `run.ports[]`); the root is `root` and a setup entry `setup`. Only data
// carries over: key names, value types (all alternatives of a `oneOf`), enums, required lists,
// deprecation. The corrections the platform needs (probe timings are Go durations, bases in both
// spellings) live in zerops-yml-corrections.ts, the docs in zerops-yml.ts.

function alternatives(def: Json): Json[] {
  return Array.isArray(def?.oneOf) ? def.oneOf : def ? [def] : [];
}

function valueTypes(def: Json): ZyValueType[] {
  return [...new Set(alternatives(def).map((d) => d.type ?? 'any'))] as ZyValueType[];
}

/** The zerops.yml levels of one schema, as read (before merging with another schema). */
export function zyLevels(schema: Json): ZyLevels {
  const levels: ZyLevels = {};
  const walk = (node: Json, name: string) => {
    const table: Record<string, ZySchemaKey> = {};
    levels[name] = table;
    const required = new Set(node?.required ?? []);
    for (const [key, def] of Object.entries<Json>(node?.properties ?? {})) {
      const entry: { -readonly [K in keyof ZySchemaKey]: ZySchemaKey[K] } = { types: valueTypes(def) };
      for (const alt of alternatives(def)) {
        if (alt.type === 'array' && alt.items?.type) entry.items = alt.items.type;
        if (alt.type === 'object' && alt.additionalProperties && typeof alt.additionalProperties === 'object') {
          entry.values = valueTypes(alt.additionalProperties);
        }
        if (Array.isArray(alt.enum) && key !== 'base') entry.enum = [...new Set([...(entry.enum ?? []), ...alt.enum])];
      }
      if (def.deprecated) entry.deprecated = true;
      if (required.has(key)) entry.required = true;
      table[key] = entry;
      const child = name === 'root' ? 'setup' : name === 'setup' ? key : `${name}.${key}`;
      if (key === 'zerops' && name === 'root') walk(def.items, 'setup');
      else if (def.properties) walk(def, child);
      else if (def.items?.properties) walk(def.items, `${child}[]`);
    }
  };
  walk(schema, 'root');
  return levels;
}

function mergeZyLevels(a: ZyLevels, b: ZyLevels): ZyLevels {
  const out: ZyLevels = {};
  for (const level of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
    const x = a[level] ?? {};
    const y = b[level] ?? {};
    out[level] = {};
    for (const key of [...new Set([...Object.keys(x), ...Object.keys(y)])]) {
      const e = { ...(y[key] ?? {}), ...(x[key] ?? {}) } as { -readonly [K in keyof ZySchemaKey]: ZySchemaKey[K] };
      const enums = [...(x[key]?.enum ?? []), ...(y[key]?.enum ?? [])];
      if (enums.length) e.enum = [...new Set(enums)];
      if (!x[key]) e.legacyOnly = true;
      out[level][key] = e;
    }
  }
  return out;
}

export function baseEnum(schema: Json, section: 'build' | 'run'): string[] {
  const def = schema?.properties?.zerops?.items?.properties?.[section]?.properties?.base;
  return [...new Set(alternatives(def).flatMap((d) => d.enum ?? d.items?.enum ?? []))].sort() as string[];
}

// ---- both ---------------------------------------------------------------------------------------------

/** The April 2026 schemas, reduced to what a newer pair is merged with. */
export function legacyTables(importLegacy: Json, zyLegacy: Json): LegacyTables {
  return {
    types: typeEnum(importLegacy),
    importKeys: importKeyTables(importLegacy),
    zyLevels: zyLevels(zyLegacy),
    zyBases: { build: baseEnum(zyLegacy, 'build'), run: baseEnum(zyLegacy, 'run') },
  };
}

/** The catalogue's tables from a current pair of schemas and the April 2026 ones. */
export function catalogueTables(importSchema: Json, zySchema: Json, legacy: LegacyTables): CatalogueTables {
  const current = importKeyTables(importSchema);
  const required = (s: Json): string[] => [...(s?.required ?? [])];
  return {
    compositeTypes: typeEnum(importSchema),
    legacyTypes: [...legacy.types],
    schemaKeys: Object.fromEntries(IMPORT_LEVELS.map((l) => [l, mergeImportLevel(current[l], legacy.importKeys[l])])) as ImportKeyTables,
    schemaRequired: Object.fromEntries(IMPORT_LEVELS.map((l) => [l, required(importLevel[l](importSchema))])) as Record<ImportLevel, string[]>,
    zyLevels: mergeZyLevels(zyLevels(zySchema), legacy.zyLevels),
    zyCompositeBases: { build: baseEnum(zySchema, 'build'), run: baseEnum(zySchema, 'run') },
    zyLegacyBases: { build: [...legacy.zyBases.build], run: [...legacy.zyBases.run] },
  };
}

/**
 * Why a document is not Zerops' import schema, or undefined when it has the shape the catalogue reads:
 * a JSON schema object whose `services[].type` lists type names and whose `project` has keys.
 */
export function importSchemaProblem(schema: Json): string | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return 'not a JSON object';
  const id = schema.$id;
  if (typeof id === 'string' && !/import-project-ya?ml-json-schema/.test(id)) return `its $id is ${id}, not Zerops' import schema`;
  if (!services(schema)?.properties) return 'no services[] item with properties';
  if (!typeEnum(schema).length) return 'no service type names (services[].type.enum)';
  if (!schema.properties?.project?.properties) return 'no project properties';
  return undefined;
}

/** Why a document is not Zerops' zerops.yml schema, or undefined: `zerops[]` items with build and run. */
export function zeropsYmlSchemaProblem(schema: Json): string | undefined {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return 'not a JSON object';
  const id = schema.$id;
  if (typeof id === 'string' && !/zerops-ya?ml-json-schema/.test(id)) return `its $id is ${id}, not Zerops' zerops.yml schema`;
  const setup = schema.properties?.zerops?.items?.properties;
  if (!setup) return 'no zerops[] item with properties';
  for (const key of ['setup', 'build', 'run']) if (!setup[key]) return `zerops[] items have no ${key}`;
  if (!baseEnum(schema, 'run').length) return 'no run.base names';
  return undefined;
}
