import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { keyInfo, keyNamesAt, requiredKeysAt, type KeyInfo } from '../catalog/keys';
import type { SchemaValueType } from '../catalog/schema-tables';
import { keyName, nodeSpan, pairOf, scalarValue } from '../model/scalars';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import type { Rule, RuleContext, Severity } from './rule';
import { headSpan, hostLabel, levelMaps, rootMap, type LevelMap } from './structure';

const IMPORT = ['import'] as const;

const LEVEL_NAME = { root: 'at the top level', project: 'under "project"', service: 'on a service', verticalAutoscaling: 'under "verticalAutoscaling"' } as const;

// Owned by a rule of their own, with a message that says what really happens.
const REPORTED_ELSEWHERE: Record<string, ReadonlySet<string>> = { service: new Set(['envVariables']) };

/** A pair whose key is a plain scalar with a place in the text, and what the schema knows of the key. */
interface SchemaPair {
  pair: Pair;
  key: string;
  /** Undefined for a key the schema does not know at this level. */
  info: KeyInfo | undefined;
}

interface SchemaMap extends LevelMap {
  pairs: SchemaPair[];
}

/** Every map of the file by level with its keyed pairs and their schema entries, walked once for all schema rules. */
function schemaMaps(ctx: RuleContext): SchemaMap[] {
  return ctx.memo('schema-maps', (model) => {
    const out: SchemaMap[] = [];
    for (const { level, map, service } of levelMaps(model)) {
      const pairs: SchemaPair[] = [];
      for (const pair of map.items as Pair[]) {
        const key = keyName(pair);
        if (key !== undefined && (pair.key as Node | null)?.range) pairs.push({ pair, key, info: keyInfo(level, key) });
      }
      out.push({ level, map, service, pairs });
    }
    return out;
  });
}

export const schemaUnknownKey: Rule = {
  id: 'schema-unknown-key',
  severity: 'error',
  summary: 'A key that is not allowed at its level (root, `project`, service, `verticalAutoscaling`); `vault` is accepted.',
  fix: 'The nearest allowed key (`hostName` → `hostname`).',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const { level, pairs } of schemaMaps(ctx)) {
      const elsewhere = REPORTED_ELSEWHERE[level];
      for (const { pair, key, info } of pairs) {
        if (info || elsewhere?.has(key)) continue;
        const keySpan = nodeSpan(pair.key as Node)!;
        const present = new Set(pairs.map((p) => p.key));
        const guess = nearest(key, keyNamesAt(level).filter((k) => !present.has(k)));
        report({
          span: keySpan,
          message: `Zerops does not know the key "${key}" ${LEVEL_NAME[level]}${guess ? `; did you mean "${guess}"?` : '.'} The import is rejected over an unknown key.`,
          fixes: guess ? [{ title: `Rename to ${guess}`, edits: [replace(keySpan, guess)], preferred: true }] : [],
        });
      }
    }
  },
};

/** How a node reads to a person: `a map`, `a list`, `an integer` … (shared with the zerops.yml schema rules). */
export function yamlType(node: Node | null): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'boolean') return 'a boolean';
    if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
    return 'a string';
  }
  return 'an alias';
}

export const WANT: Record<SchemaValueType, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'a map', array: 'a list', any: 'anything',
};

/** Whether a node fits a schema type. Scalars fit a string (the platform reads `PORT: 3000` as text). */
export function fits(node: Node | null, want: SchemaValueType): boolean {
  if (want === 'any' || node === null || node === undefined) return true;
  if (isScalar(node) && node.value === null) return true;
  switch (want) {
    case 'string': return isScalar(node);
    case 'object': return isMap(node);
    case 'array': return isSeq(node);
    case 'boolean': return isScalar(node) && typeof node.value === 'boolean';
    case 'number': return isScalar(node) && typeof node.value === 'number';
    case 'integer': return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value);
  }
}

export const schemaValueType: Rule = {
  id: 'schema-value-type',
  severity: 'error',
  summary: 'A value of the wrong YAML type: a map where a string belongs, a string where a number belongs …',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const { pairs } of schemaMaps(ctx)) {
      for (const { pair, key, info } of pairs) {
        if (!info) continue;
        const value = pair.value as Node | null;
        const span = nodeSpan(value);
        if (!span) continue;
        if (!fits(value, info.valueType)) {
          report({ span, message: `"${key}" takes ${WANT[info.valueType]}, not ${yamlType(value)}.${hint(info)}` });
          continue;
        }
        if (info.itemType) checkItems(value, info, report);
      }
    }
  },
};

function hint(info: KeyInfo): string {
  return info.enum ? ` Allowed: ${info.enum.join(', ')}.` : '';
}

function checkItems(value: Node | null, info: KeyInfo, report: (f: { span: { start: number; end: number }; message: string; severity?: Severity }) => void): void {
  const want = info.itemType!;
  const items: (Node | null)[] = isSeq(value) ? (value.items as Node[]) : isMap(value) ? (value.items as Pair[]).map((p) => p.value as Node | null) : [];
  for (const item of items) {
    const span = nodeSpan(item);
    // An empty list entry is no value at all: `- ` under `services` is a service with nothing in it.
    const empty = isSeq(value) && want === 'object' && isScalar(item) && item.value === null;
    if (span && empty) {
      // Most often the user is still typing it (completion of `services` writes `- `): information, not an error.
      report({ span, severity: 'info', message: `An empty entry of "${info.key}": write its keys${info.key === 'services' ? ' (at least "hostname" and "type")' : ''}, or remove the dash; Zerops rejects an empty one.` });
    } else if (span && !fits(item, want)) {
      report({ span, message: `Each ${isSeq(value) ? 'entry' : 'value'} of "${info.key}" must be ${WANT[want]}, not ${yamlType(item)}.` });
    }
  }
}

export const schemaRequired: Rule = {
  id: 'schema-required',
  severity: 'error',
  summary: 'No `services`; a service without `hostname` or `type`; `project` without `name`.',
  kinds: IMPORT,
  perService(ctx, report) {
    const model = ctx.model;
    for (const { level, map, service } of schemaMaps(ctx)) {
      let missing: string[] | undefined;
      for (const key of requiredKeysAt(level)) if (!pairOf(map, key)) (missing ??= []).push(key);
      if (level === 'root' && !pairOf(map, 'services')) (missing ??= []).push('services');
      if (!missing) continue;
      const what = level === 'root' ? 'An import file' : level === 'project' ? '"project"' : service?.hostname ? `Service ${hostLabel(service)}` : `Service #${(service?.index ?? 0) + 1}`;
      const list = missing.map((k) => `"${k}"`).join(' and ');
      report({
        span: level === 'project' ? nodeSpan(pairOf(rootMap(model)!, 'project')?.key as Node) ?? headSpan(map) : headSpan(map),
        message: `${what} needs ${list}; Zerops rejects the import without ${missing.length > 1 ? 'them' : 'it'}.`,
      });
    }
  },
};

// `mode` and `os` have rules of their own (mode-invalid, valkey-mode, deprecated-field).
const ENUM_KEYS_ELSEWHERE = new Set(['mode', 'os']);

export const schemaEnum: Rule = {
  id: 'schema-enum',
  severity: 'error',
  summary: '`corePackage`, `location`, `objectStoragePolicy` or `verticalAutoscaling.cpuMode` outside their values.',
  fix: 'The nearest value.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const { pairs } of schemaMaps(ctx)) {
      for (const { pair, key, info } of pairs) {
        const allowed = info?.enum;
        if (!allowed || ENUM_KEYS_ELSEWHERE.has(key)) continue;
        const v = scalarValue(ctx.model.text, pair.value);
        if (!v || v.value === null || allowed.includes(String(v.value))) continue;
        const guess = nearest(String(v.value), allowed);
        report({
          span: v.nodeSpan,
          message: `"${key}" must be one of ${allowed.join(', ')}${guess ? `; did you mean ${guess}?` : '.'}`,
          // Inside the quotes, if any: a fix keeps the author's quoting.
          fixes: (guess ? [guess] : allowed).map((c) => ({ title: `Change to ${c}`, edits: [replace(v.span, c)], preferred: !!guess })),
        });
      }
    }
  },
};

export const SCHEMA_RULES: readonly Rule[] = [schemaUnknownKey, schemaValueType, schemaRequired, schemaEnum];
