// The key schema of both file kinds: one table keyed by (kind, level, key), each entry one description
// (value types, items, enum, required, deprecated, default, what it does and where it acts, the level of
// its value), and per kind the policy around it as data (the level names, keys that belong in another
// section, old names, keys that belong in the other kind). Built once from the published schemas
// (types.generated.ts, zerops-yml.generated.ts), the corrections (zerops-yml-corrections.ts) and our own
// words (keys.ts, zerops-yml-keys.ts). The schema rules, key hover and key completion read this module;
// nothing else lists a key.

import type { DocumentKind } from '../model/types';
import { ALL_CATEGORIES, IMPORT_KEY_LEVELS, IMPORT_UNOFFICIAL, importKeyHand } from './keys';
import type { TypeCategory } from './types';
import { SCHEMA_KEYS, SCHEMA_REQUIRED, ZY_SCHEMA_LEVELS, onCatalogueChange } from './tables';
import { DEFAULTS, DURATION_KEYS, DURATION_RANGE, REQUIRED_ELSEWHERE } from './zerops-yml-corrections';
import { zeropsYmlKeyDoc, type KeyWhere } from './zerops-yml-keys';

export type { KeyWhere } from './zerops-yml-keys';

/** The file kinds, each with its key schema (model/kind.ts describes them). */
export type SchemaKind = Exclude<DocumentKind, 'other'>;

/** A value type; `duration` is a Go duration string (`90s`, `1m30s`). */
export type KeyType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'any' | 'duration';

export interface KeyInfo {
  kind: SchemaKind;
  /** The level the key belongs to: `root`, `service`, `run`, `run.ports[]`, … */
  level: string;
  key: string;
  /** Allowed value types; several when the key takes either (`deployFiles`: a string or a list). */
  types: readonly KeyType[];
  /** Element type of a list. */
  items?: KeyType;
  /** Value types of a map's entries (`envVariables`). */
  values?: readonly KeyType[];
  enum?: readonly string[];
  /** What Zerops uses when the key is left out, as text for people. */
  default?: string;
  /** One line (or a few), in our words. */
  doc: string;
  /** zerops.yml: where the key takes effect. */
  where?: KeyWhere;
  /** The keys of an import file's services (and their verticalAutoscaling): the service kinds the key means something for. */
  appliesTo?: readonly TypeCategory[];
  /** Required by the schema and reported by schema-required when missing. */
  required?: boolean;
  /** Required by the schema, but reported by a rule of its own (deploy-files-missing, cron-all-containers-missing). */
  requiredElsewhere?: boolean;
  deprecated?: boolean;
  /** In the April 2026 schema only. */
  legacyOnly?: boolean;
  /** Not in any schema, but used by official Zerops files (`vault`). */
  unofficial?: boolean;
  /** For a probe timing: the accepted range in seconds. */
  duration?: { min: number; max: number };
  /** The level of the key's value when it is a map (`run` → `run`) or a list of maps (`ports` → `run.ports[]`). */
  child?: string;
  /** The child level is that of the items of a list (`services` → `service`, `zerops` → `setup`). */
  childItems?: boolean;
}

/** What a kind's schema says around its keys, as data. */
export interface KindPolicy {
  /** Every level with keys, in file order. */
  levels: readonly string[];
  /** How a level reads in a message: `at the top level`, `under "run"`. */
  levelPhrase(level: string): string;
  /** How a key's place is written (hover): `services[].envSecrets`, `run.ports[].port`. */
  keyPath(level: string, key: string): string;
  /** Keys written in the wrong section, and the section they belong in, by level. */
  moves: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Old or mistaken names, and the key meant, by level. */
  renames: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Keys of another kind that mean nothing in this one: the kind they belong to, and the keys. */
  foreign?: { kind: SchemaKind; keys: ReadonlySet<string> };
  /** How value types read to people: `list of strings` or `list of string`, a list of maps as such, a map with its values' type. */
  words: { pluralItems: boolean; listOfMaps: boolean; mapValues: boolean };
}

const ZY_LEVEL_PHRASES: Record<string, string> = {
  root: 'at the top level', setup: 'in a setup', build: 'under "build"', deploy: 'under "deploy"', run: 'under "run"',
};

const IMPORT_LEVEL_PHRASES: Record<string, string> = {
  root: 'at the top level', project: 'under "project"', service: 'on a service', verticalAutoscaling: 'under "verticalAutoscaling"',
};

export const POLICY: Readonly<Record<SchemaKind, KindPolicy>> = {
  import: {
    levels: IMPORT_KEY_LEVELS,
    levelPhrase: (level) => IMPORT_LEVEL_PHRASES[level] ?? `under "${level}"`,
    keyPath: (level, key) => `${level === 'root' ? '' : level === 'service' ? 'services[].' : level === 'verticalAutoscaling' ? 'services[].verticalAutoscaling.' : `${level}.`}${key}`,
    moves: {},
    renames: {},
    words: { pluralItems: false, listOfMaps: false, mapValues: true },
  },
  'zerops-yml': {
    levels: [...Object.keys(ZY_SCHEMA_LEVELS)],
    levelPhrase: (level) => ZY_LEVEL_PHRASES[level] ?? `under "${level}"`,
    keyPath: (level, key) => (level === 'root' ? key : level === 'setup' ? `zerops[].${key}` : `${level}.${key}`),
    // Spec §2 check 7.
    moves: {
      run: { deployFiles: 'build', addToRunPrepare: 'build', cache: 'build', buildCommands: 'build', readinessCheck: 'deploy' },
      deploy: { healthCheck: 'run' },
      setup: { envVariables: 'run', base: 'run', ports: 'run', start: 'run', buildCommands: 'build', deployFiles: 'build' },
    },
    renames: { run: { cron: 'crontab', crons: 'crontab', cronJobs: 'crontab' } },
    words: { pluralItems: true, listOfMaps: true, mapValues: false },
    // An import file's service keys, which mean nothing in zerops.yml.
    foreign: {
      kind: 'import',
      keys: new Set(['verticalAutoscaling', 'minContainers', 'maxContainers', 'envSecrets', 'dotEnvSecrets', 'mount', 'type', 'hostname', 'mode', 'buildFromGit', 'enableSubdomainAccess', 'priority']),
    },
  },
};

// ---- the table ----------------------------------------------------------------------------------------

/** The import schema's child levels: `project`, the items of `services`, a service's `verticalAutoscaling`. */
const IMPORT_CHILDREN: Readonly<Record<string, Readonly<Record<string, { child: string; childItems?: boolean }>>>> = {
  root: { project: { child: 'project' }, services: { child: 'service', childItems: true } },
  service: { verticalAutoscaling: { child: 'verticalAutoscaling' } },
};

function importKeys(): KeyInfo[] {
  const out: KeyInfo[] = [];
  for (const level of IMPORT_KEY_LEVELS) {
    const unofficial = IMPORT_UNOFFICIAL[level] ?? {};
    for (const [key, s] of [...Object.entries(SCHEMA_KEYS[level]), ...Object.entries(unofficial)]) {
      const h = importKeyHand(level, key);
      const info: KeyInfo = { kind: 'import', level, key, types: [s.type], doc: h?.doc ?? '' };
      if (level === 'service' || level === 'verticalAutoscaling') info.appliesTo = h?.appliesTo ?? ALL_CATEGORIES;
      const item = s.items ?? s.values;
      if (item && s.type === 'object') info.values = [item];
      else if (item) info.items = item;
      if (s.enum && key !== 'type') info.enum = s.enum;
      if (SCHEMA_REQUIRED[level].includes(key)) info.required = true;
      if (s.deprecated) info.deprecated = true;
      if (key in unofficial) info.unofficial = true;
      const child = IMPORT_CHILDREN[level]?.[key];
      if (child) Object.assign(info, child);
      out.push(info);
    }
  }
  return out;
}

/**
 * The level of a zerops.yml key's value, for a map or a list of maps only: the levels are named by their
 * paths from a setup, so a setup's own `setup` (a string) shares its name with the level `setup` and must
 * not be taken for it.
 */
function zeropsYmlChild(level: string, key: string, s: { types: readonly string[]; items?: string }): string | undefined {
  if (level === 'root' && key === 'zerops') return 'setup';
  const base = level === 'root' ? undefined : level === 'setup' ? key : `${level}.${key}`;
  if (!base) return undefined;
  if (s.types.includes('object') && ZY_SCHEMA_LEVELS[base]) return base;
  if (s.items === 'object' && ZY_SCHEMA_LEVELS[`${base}[]`]) return `${base}[]`;
  return undefined;
}

function zeropsYmlKeys(): KeyInfo[] {
  const out: KeyInfo[] = [];
  for (const [level, keys] of Object.entries(ZY_SCHEMA_LEVELS)) {
    for (const [key, s] of Object.entries(keys)) {
      const isDuration = DURATION_KEYS[level]?.includes(key);
      const elsewhere = !!s.required && !!REQUIRED_ELSEWHERE[level]?.includes(key);
      const info: KeyInfo = { kind: 'zerops-yml', level, key, types: isDuration ? ['duration'] : s.types, ...zeropsYmlKeyDoc(level, key) };
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
      const child = zeropsYmlChild(level, key, s);
      if (child) {
        info.child = child;
        if (child === 'setup' || child.endsWith('[]')) info.childItems = true;
      }
      out.push(info);
    }
  }
  return out;
}

type Table = Map<string, Map<string, KeyInfo>>;

function tableOf(rows: readonly KeyInfo[], levels: readonly string[]): Table {
  const out: Table = new Map(levels.map((l) => [l, new Map()]));
  for (const r of rows) out.get(r.level)!.set(r.key, r);
  return out;
}

const TABLES: Record<SchemaKind, Table> = { import: new Map(), 'zerops-yml': new Map() };
// Rules ask these once per map of a file, thousands of times in a large one: built here once.
const NAMES = new Map<string, readonly string[]>();
const REQUIRED = new Map<string, readonly string[]>();

function build(): void {
  (POLICY['zerops-yml'].levels as string[]).splice(0, POLICY['zerops-yml'].levels.length, ...Object.keys(ZY_SCHEMA_LEVELS));
  TABLES.import = tableOf(importKeys(), POLICY.import.levels);
  TABLES['zerops-yml'] = tableOf(zeropsYmlKeys(), POLICY['zerops-yml'].levels);
  NAMES.clear();
  REQUIRED.clear();
  for (const kind of Object.keys(TABLES) as SchemaKind[]) {
    for (const [level, keys] of TABLES[kind]) {
      NAMES.set(`${kind} ${level}`, [...keys.keys()]);
      REQUIRED.set(`${kind} ${level}`, [...keys.values()].filter((k) => k.required).map((k) => k.key));
    }
  }
}

build();
// A newer catalogue (catalog/tables.ts) swaps the tables in: the schema is built again from them.
onCatalogueChange(build);

export function isSchemaKind(kind: string): kind is SchemaKind {
  return kind in TABLES;
}

/** What the schema knows of `key` at `level`; undefined for a key it does not know there. */
export function keyInfo(kind: SchemaKind, level: string, key: string): KeyInfo | undefined {
  return TABLES[kind].get(level)?.get(key);
}

/** The keys of one level, in schema order. */
export function keysAt(kind: SchemaKind, level: string): KeyInfo[] {
  return [...(TABLES[kind].get(level)?.values() ?? [])];
}

/** The names of the keys allowed at a level, in schema order. */
export function keyNamesAt(kind: SchemaKind, level: string): readonly string[] {
  return NAMES.get(`${kind} ${level}`) ?? [];
}

/** The keys a map at this level must have, in schema order. */
export function requiredKeysAt(kind: SchemaKind, level: string): readonly string[] {
  return REQUIRED.get(`${kind} ${level}`) ?? [];
}

/** Every level the key exists at (`healthCheck` at `run`, `httpGet` at both probe levels …). */
export function levelsOfKey(kind: SchemaKind, key: string): string[] {
  return POLICY[kind].levels.filter((l) => TABLES[kind].get(l)?.has(key));
}

/** The level whose keys belong in the map of `key`'s value, if that value is a map or a list of maps. */
export function childLevel(kind: SchemaKind, level: string, key: string): { level: string; items: boolean } | undefined {
  const info = keyInfo(kind, level, key);
  return info?.child ? { level: info.child, items: !!info.childItems } : undefined;
}

/**
 * The level of the map at `path`, a path of keys and list indices from the document root
 * (`['zerops', 0, 'run', 'ports', 1]` → `run.ports[]`, `['services', 0]` → `service`); undefined when the
 * path leaves the schema, or enters a free map (`envVariables`, `routing.headers[].values`).
 */
export function levelAt(kind: SchemaKind, path: readonly (string | number)[]): string | undefined {
  let level = 'root';
  let i = 0;
  while (i < path.length) {
    const child = childLevel(kind, level, String(path[i]));
    if (!child) return undefined;
    i++;
    if (child.items) {
      if (i >= path.length || typeof path[i] !== 'number') return undefined;
      i++;
    }
    level = child.level;
  }
  return level;
}

/**
 * What the key at the end of `path` is: `keyAt('zerops-yml', ['zerops', 0, 'run', 'ports', 0, 'port'])`
 * is the `port` of `run.ports[]`. Undefined for a key the schema does not know there.
 */
export function keyAt(kind: SchemaKind, path: readonly (string | number)[]): KeyInfo | undefined {
  if (path.length === 0) return undefined;
  const level = levelAt(kind, path.slice(0, -1));
  return level === undefined ? undefined : keyInfo(kind, level, String(path[path.length - 1]));
}

/** How a key's value type reads to people: `integer`, `list of strings`, `map of string`, `Go duration (10s to 1h)`. */
export function typeLabel(info: KeyInfo): string {
  const words = POLICY[info.kind].words;
  return info.types.map((t) => {
    if (t === 'duration') return `Go duration (${info.duration ? `${info.duration.min}s to ${info.duration.max / 3600}h` : ''})`;
    if (t === 'array') return words.listOfMaps && info.child ? 'list of maps' : `list${info.items ? ` of ${info.items}${words.pluralItems ? 's' : ''}` : ''}`;
    if (t === 'object') return words.mapValues && info.values ? `map of ${info.values.join(' or ')}` : 'map';
    return t;
  }).join(' or ');
}
