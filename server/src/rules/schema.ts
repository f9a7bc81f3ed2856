import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { POLICY, keyNamesAt, requiredKeysAt, type KeyInfo, type SchemaKind } from '../catalog/schema';
import { fileKind } from '../model/kind';
import type { SchemaValueType } from '../catalog/types.generated';
import { nodeSpan, pairOf, scalarValue } from '../model/scalars';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import { byKind, defineRule, type Rule, type Severity } from './rule';
import { WANT, fits, yamlType } from './value-shape';
import { headSpan, hostLabel, rootMap, schemaMaps, type SchemaMap } from './structure';
import { movePairEdits, zyRequired, zyValueType } from './zerops-yml/schema';

// Owned by a rule of their own, with a message that says what really happens.
const REPORTED_ELSEWHERE: Record<string, ReadonlySet<string>> = { service: new Set(['envVariables']) };

/** What an unknown key costs in each kind, and what a kind's unknown-key check leaves alone. */
const UNKNOWN_KEY: Record<SchemaKind, {
  /** Keys that are not slips: owned by another rule, or YAML's own. */
  skip: (level: string, key: string) => boolean;
  /** A file without its list key is not that kind of file yet (schema-required says so): its keys are not slips. */
  needsListKey: boolean;
  /** The message, from the key, where it is, and the nearest allowed key. */
  message: (key: string, where: string, guess: string | undefined) => string;
  /** The start of a message that goes on to say where the key belongs. */
  base: (key: string, where: string) => string;
}> = {
  import: {
    skip: (level, key) => !!REPORTED_ELSEWHERE[level]?.has(key),
    needsListKey: false,
    message: (key, where, guess) => `Zerops does not know the key "${key}" ${where}${guess ? `; did you mean "${guess}"?` : '.'} The import is rejected over an unknown key.`,
    base: (key, where) => `Zerops does not know the key "${key}" ${where}`,
  },
  'zerops-yml': {
    // `<<: *anchor` is a YAML merge key, which Go's YAML parser (the platform's) applies.
    skip: (_level, key) => key === '<<',
    needsListKey: true,
    message: (key, where, guess) => `"${key}" is not a zerops.yml key ${where}; Zerops ignores it without an error${guess ? `. Did you mean "${guess}"?` : '.'}`,
    base: (key, where) => `"${key}" is not a zerops.yml key ${where}; Zerops ignores it without an error`,
  },
};

/** The section map `section` of the entry (setup) holding `map`, if it is written there. */
function sectionOf(m: SchemaMap, section: string): YAMLMap | undefined {
  const v = m.setup && pairOf(m.setup.node, section)?.value;
  return isMap(v) ? v : undefined;
}

export const schemaUnknownKey = defineRule({
  id: 'schema-unknown-key',
  severity: 'error',
  summary: 'A key that is not allowed at its level (root, `project`, service, `verticalAutoscaling`); `vault` is accepted. In zerops.yml a warning, since Zerops ignores unknown keys there: a misspelt key, a key in the wrong section (`run.deployFiles`), or an import-file key.',
  fix: 'The nearest allowed key (`hostName` → `hostname`). zerops.yml: move the key to its section, or rename to the nearest key.',
  kinds: ['import', 'zerops-yml'],
  severityByKind: { 'zerops-yml': 'warning' },
  perService(ctx, report) {
    const maps = schemaMaps(ctx);
    const kind = maps[0]?.kind;
    if (!kind) return;
    const policy = POLICY[kind];
    const own = UNKNOWN_KEY[kind];
    const listKey = fileKind(kind)?.listKey;
    if (own.needsListKey && listKey !== undefined && !maps[0].pairs.some((p) => p.key === listKey)) return;
    for (const m of maps) {
      const present = new Set(m.pairs.map((p) => p.key));
      const where = policy.levelPhrase(m.level);
      for (const p of m.pairs) {
        if (p.info || own.skip(m.level, p.key)) continue;
        const move = policy.moves[m.level]?.[p.key];
        const rename = policy.renames[m.level]?.[p.key];
        if (move) {
          const target = sectionOf(m, move);
          // Not next to the same key, nor to its old name (`build.deploy` is `deployFiles`): two values for one thing.
          const taken = target && (pairOf(target, p.key) || (p.key === 'deployFiles' && pairOf(target, 'deploy')));
          const edits = target && !taken ? movePairEdits(ctx.model, m.map, p.pair, target) : undefined;
          report({
            span: p.keySpan,
            message: `${own.base(p.key, where)}. It belongs under \`${move}\`${m.level === 'setup' ? ` (\`${move}.${p.key}\`)` : ''}.`,
            fixes: edits ? [{ title: `Move to ${move}`, edits, preferred: true }] : [],
          });
          continue;
        }
        if (rename && !present.has(rename)) {
          report({ span: p.keySpan, message: `${own.base(p.key, where)}. Scheduled jobs go in \`${rename}\`.`, fixes: [{ title: `Rename to ${rename}`, edits: [replace(p.keySpan, rename)], preferred: true }] });
          continue;
        }
        if (policy.foreign?.keys.has(p.key)) {
          report({ span: p.keySpan, message: `${own.base(p.key, where)}: "${p.key}" is a key of an import file's service and has no effect in zerops.yml.`, fixes: [] });
          continue;
        }
        const guess = nearest(p.key, keyNamesAt(kind, m.level).filter((k) => !present.has(k)));
        report({
          span: p.keySpan,
          message: own.message(p.key, where, guess),
          fixes: guess ? [{ title: `Rename to ${guess}`, edits: [replace(p.keySpan, guess)], preferred: true }] : [],
        });
      }
    }
  },
});

export const schemaValueType = defineRule({
  id: 'schema-value-type',
  severity: 'error',
  summary: 'A value of the wrong YAML type: a map where a string belongs, a string where a number belongs … In zerops.yml: `port: "3000"`, `httpSupport: yes`, a map where a command list belongs.',
  fix: 'zerops.yml: drop the quotes of a quoted number or boolean.',
  kinds: ['import', 'zerops-yml'],
  perService: byKind({
    import: (ctx, report) => {
      for (const { pairs } of schemaMaps(ctx)) {
        for (const { pair, key, info } of pairs) {
          if (!info) continue;
          const value = pair.value as Node | null;
          const span = nodeSpan(value);
          if (!span) continue;
          const want = info.types[0] as SchemaValueType;
          if (!fits(value, want)) {
            report({ span, message: `\`${key}\` takes ${WANT[want]}, not ${yamlType(value)}.${hint(info)}` });
            continue;
          }
          if (info.items ?? info.values) checkItems(value, info, report);
        }
      }
    },
    'zerops-yml': zyValueType,
  }),
});

function hint(info: KeyInfo): string {
  return info.enum ? ` Allowed: ${info.enum.join(', ')}.` : '';
}

function checkItems(value: Node | null, info: KeyInfo, report: (f: { span: { start: number; end: number }; message: string; severity?: Severity }) => void): void {
  const want = (info.items ?? info.values![0]) as SchemaValueType;
  const items: (Node | null)[] = isSeq(value) ? (value.items as Node[]) : isMap(value) ? (value.items as Pair[]).map((p) => p.value as Node | null) : [];
  for (const item of items) {
    const span = nodeSpan(item);
    // An empty list entry is no value at all: `- ` under `services` is a service with nothing in it.
    const empty = isSeq(value) && want === 'object' && isScalar(item) && item.value === null;
    if (span && empty) {
      // Most often the user is still typing it (completion of `services` writes `- `): information, not an error.
      report({ span, severity: 'info', message: `An empty entry of \`${info.key}\`: write its keys${info.key === 'services' ? ' (at least `hostname` and `type`)' : ''}, or remove the dash; Zerops rejects an empty one.` });
    } else if (span && !fits(item, want)) {
      report({ span, message: `Each ${isSeq(value) ? 'entry' : 'value'} of \`${info.key}\` must be ${WANT[want]}, not ${yamlType(item)}.` });
    }
  }
}

export const schemaRequired = defineRule({
  id: 'schema-required',
  severity: 'error',
  summary: 'No `services`; a service without `hostname` or `type`; `project` without `name`. In zerops.yml: no `zerops` list (or the old per-hostname format), a setup without a name, `httpGet` without `port` or `path`, a port without `port` …',
  fix: 'zerops.yml: rewrite the old per-hostname format as a `zerops:` list (offered).',
  kinds: ['import', 'zerops-yml'],
  perService: byKind({
    import: (ctx, report) => {
      const model = ctx.model;
      for (const { level, map, service } of schemaMaps(ctx)) {
        let missing: string[] | undefined;
        for (const key of requiredKeysAt('import', level)) if (!pairOf(map, key)) (missing ??= []).push(key);
        if (level === 'root' && !pairOf(map, 'services')) (missing ??= []).push('services');
        if (!missing) continue;
        const what = level === 'root' ? 'An import file' : level === 'project' ? '`project`' : service?.hostname ? `Service ${hostLabel(service)}` : `Service #${(service?.index ?? 0) + 1}`;
        const list = missing.map((k) => `\`${k}\``).join(' and ');
        report({
          span: level === 'project' ? nodeSpan(pairOf(rootMap(model)!, 'project')?.key as Node) ?? headSpan(map) : headSpan(map),
          message: `${what} needs ${list}; Zerops rejects the import without ${missing.length > 1 ? 'them' : 'it'}.`,
        });
      }
    },
    'zerops-yml': zyRequired,
  }),
});

/** How each kind reads an enum value, and which of its keys' values other rules own. */
const ENUM: Record<SchemaKind, { owned: (key: string, value: string, allowed: readonly string[]) => boolean; stringsOnly: boolean; consequence: string }> = {
  // `mode` and `os` have rules of their own (mode-invalid, valkey-mode, deprecated-field).
  import: { owned: (key) => key === 'mode' || key === 'os', stringsOnly: false, consequence: '' },
  // `TCP` / `UDP`: port-protocol-case (the docs write them so).
  'zerops-yml': { owned: (key, value, allowed) => key === 'protocol' && allowed.includes(value.toLowerCase()), stringsOnly: true, consequence: ' Zerops rejects other values.' },
};

export const schemaEnum = defineRule({
  id: 'schema-enum',
  severity: 'error',
  summary: '`corePackage`, `location`, `objectStoragePolicy` or `verticalAutoscaling.cpuMode` outside their values. In zerops.yml: `os`, `protocol` outside their values.',
  fix: 'The nearest value.',
  kinds: ['import', 'zerops-yml'],
  perService(ctx, report) {
    for (const m of schemaMaps(ctx)) {
      const own = ENUM[m.kind];
      for (const { pair, key, info } of m.pairs) {
        const allowed = info?.enum;
        if (!allowed) continue;
        const v = scalarValue(ctx.model.text, pair.value);
        if (!v || v.value === null || (own.stringsOnly && typeof v.value !== 'string')) continue;
        const value = String(v.value);
        if (allowed.includes(value) || own.owned(key, value, allowed)) continue;
        const guess = nearest(value, allowed);
        report({
          span: v.nodeSpan,
          message: `\`${key}\` must be one of ${allowed.join(', ')}${guess ? `; did you mean ${guess}?` : '.'}${own.consequence}`,
          // Inside the quotes, if any: a fix keeps the author's quoting.
          fixes: (guess ? [guess] : allowed).map((c) => ({ title: `Change to ${c}`, edits: [replace(v.span, c)], preferred: !!guess })),
        });
      }
    }
  },
});

export const SCHEMA_RULES: readonly Rule[] = [schemaUnknownKey, schemaValueType, schemaRequired, schemaEnum];
