import { POLICY, keyNamesAt, requiredKeysAt, type KeyInfo, type KeyType, type SchemaKind } from '../catalog/schema';
import { fileKind } from '../model/kind';
import { rootMapOf } from '../model/levels';
import { nodeSpan, pairOf, scalarValue } from '../model/scalars';
import { isAlias, isMap, isScalar, isSeq, type TreeMap, type TreeSeq } from '../model/tree';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import { byKind, defineRule, type Fix, type Rule, type RuleContext, type Severity } from './rule';
import { WANT, fits, yamlType } from './value-shape';
import { headSpan, hostLabel, schemaMaps, type SchemaMap } from './structure';
import { movePairEdits, zyRequired } from './zerops-yml/schema';
import { deploysNothingNote } from './zerops-yml/common';

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
  /** When a slip costs more than an ignored key: what it costs, said after the message, as an error. */
  worse?: (ctx: RuleContext, m: SchemaMap, key: string, guess: string | undefined) => string | undefined;
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
    worse: deploysNothingNote,
  },
};

/** The section map `section` of the entry (setup) holding `map`, if it is written there. */
function sectionOf(m: SchemaMap, section: string): TreeMap | undefined {
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
    if (own.needsListKey && listKey !== undefined && maps[0].level === 'root' && !maps[0].pairs.some((p) => p.key === listKey)) return;
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
            message: `${own.base(p.key, where)}. It belongs under "${move}"${m.level === 'setup' ? ` ("${move}.${p.key}")` : ''}.`,
            fixes: edits ? [{ title: `Move to ${move}`, edits, preferred: true }] : [],
          });
          continue;
        }
        if (rename && !present.has(rename)) {
          report({ span: p.keySpan, message: `${own.base(p.key, where)}. Scheduled jobs go in "${rename}".`, fixes: [{ title: `Rename to ${rename}`, edits: [replace(p.keySpan, rename)], preferred: true }] });
          continue;
        }
        if (policy.foreign?.keys.has(p.key)) {
          report({ span: p.keySpan, message: `${own.base(p.key, where)}: "${p.key}" is a key of an import file's service and has no effect in zerops.yml.`, fixes: [] });
          continue;
        }
        const guess = nearest(p.key, keyNamesAt(kind, m.level).filter((k) => !present.has(k)));
        const worse = own.worse?.(ctx, m, p.key, guess);
        report({
          ...(worse ? { severity: 'error' as const } : {}),
          span: p.keySpan,
          message: own.message(p.key, where, guess) + (worse ?? ''),
          fixes: guess ? [{ title: `Rename to ${guess}`, edits: [replace(p.keySpan, guess)], preferred: true }] : [],
        });
      }
    }
  },
});

/** What a value of the wrong type costs in each kind, and what each kind reads differently. */
const VALUE_TYPE: Record<SchemaKind, {
  /** Said after "`key` takes a string, not a map". */
  consequence: string;
  /** An alias (`*appenv`) is checked where its anchor is (Go's YAML decoder resolves it first). */
  aliases: boolean;
  /** `"3000"` where a number belongs gets a fix that drops the quotes. */
  unquote: boolean;
  /** `- ` with nothing after it in a list of maps: an entry still being typed (information). */
  emptyEntries: boolean;
  /** A map entry with no value, by key: a warning of what Zerops does with it. */
  emptyValue: Readonly<Record<string, string>>;
  /** `level.key` whose list the schemas refuse but the docs show: a warning instead of an error. */
  doubtfulList: Readonly<Record<string, string>>;
}> = {
  import: { consequence: '.', aliases: false, unquote: false, emptyEntries: true, emptyValue: {}, doubtfulList: {} },
  'zerops-yml': {
    consequence: '; Zerops rejects the file (cannot unmarshal).',
    aliases: true,
    unquote: true,
    emptyEntries: false,
    emptyValue: { envVariables: 'This variable has no value; Zerops most likely stores an empty string (not verified). Write """" if that is what you mean.' },
    doubtfulList: { 'run.base': '"run.base" is a single base in both published schemas; the Node.js docs show a list, so whether Zerops accepts one is unconfirmed.' },
  },
};

const WANT_ANY: Record<KeyType, string> = { ...WANT, duration: 'a duration' };

/**
 * Whether a node fits a type the way Go's YAML decoder reads it (any scalar into a string, only a real
 * number into an int); a duration is probe-duration's.
 */
function fitsKey(node: unknown, want: KeyType, aliases: boolean): boolean {
  return want === 'duration' || (aliases && isAlias(node)) || fits(node, want);
}

/** `"3000"` where a number belongs: the fix drops the quotes. */
function unquoteFix(text: string, node: unknown, want: KeyType): Fix[] {
  const v = scalarValue(text, node);
  if (!v || typeof v.value !== 'string' || v.nodeSpan.start === v.span.start) return [];
  const ok = want === 'integer' ? /^\d+$/.test(v.value) : want === 'boolean' ? /^(true|false)$/.test(v.value) : false;
  return ok ? [{ title: `Write ${v.value} without quotes`, edits: [replace(v.nodeSpan, v.value)], preferred: true }] : [];
}

export const schemaValueType = defineRule({
  id: 'schema-value-type',
  severity: 'error',
  summary: 'A value of the wrong YAML type: a map where a string belongs, a string where a number belongs … In zerops.yml: `port: "3000"`, `httpSupport: yes`, a map where a command list belongs.',
  fix: 'zerops.yml: drop the quotes of a quoted number or boolean.',
  kinds: ['import', 'zerops-yml'],
  perService(ctx, report) {
    for (const m of schemaMaps(ctx)) {
      const own = VALUE_TYPE[m.kind];
      for (const { pair, key, info } of m.pairs) {
        if (!info) continue;
        const value = pair.value;
        const span = nodeSpan(value);
        if (!span) continue;
        if (!info.types.some((t) => fitsKey(value, t, own.aliases))) {
          const doubtful = own.doubtfulList[`${m.level}.${key}`];
          if (doubtful && isSeq(value)) {
            report({ span, message: doubtful, severity: 'warning' });
            continue;
          }
          const message = `"${key}" takes ${info.types.map((t) => WANT_ANY[t]).join(' or ')}, not ${yamlType(value)}${own.consequence}${info.enum ? ` Allowed: ${info.enum.join(', ')}.` : ''}`;
          report(own.unquote ? { span, message, fixes: unquoteFix(ctx.model.text, value, info.types[0]) } : { span, message });
          continue;
        }
        if (isSeq(value) && info.items) checkEntries(value, info, info.items, own, report);
        if (isMap(value) && info.values) checkValues(value, info, info.values, own, report);
      }
    }
  },
});

type Reporter = (f: { span: { start: number; end: number }; message: string; severity?: Severity }) => void;

function checkEntries(list: TreeSeq, info: KeyInfo, want: KeyType, own: (typeof VALUE_TYPE)[SchemaKind], report: Reporter): void {
  for (const item of list.items) {
    const span = nodeSpan(item);
    if (!span) continue;
    // An empty list entry is no value at all: `- ` under `services` is a service with nothing in it.
    if (own.emptyEntries && want === 'object' && isScalar(item) && item.value === null) {
      // Most often the user is still typing it (completion of `services` writes `- `): information, not an error.
      report({ span, severity: 'info', message: `An empty entry of "${info.key}": write its keys${info.key === 'services' ? ' (at least "hostname" and "type")' : ''}, or remove the dash; Zerops rejects an empty one.` });
    } else if (!fitsKey(item, want, own.aliases)) {
      report({ span, message: `Each entry of "${info.key}" must be ${WANT_ANY[want]}, not ${yamlType(item)}.` });
    }
  }
}

function checkValues(map: TreeMap, info: KeyInfo, want: readonly KeyType[], own: (typeof VALUE_TYPE)[SchemaKind], report: Reporter): void {
  for (const entry of map.items) {
    const v = entry.value;
    const span = nodeSpan(v) ?? nodeSpan(entry.key);
    if (!span) continue;
    if (v === null || (isScalar(v) && v.value === null)) {
      const warning = own.emptyValue[info.key];
      if (warning) report({ span, message: warning, severity: 'warning' });
      continue;
    }
    if (!want.some((t) => fitsKey(v, t, own.aliases))) report({ span, message: `Each value of "${info.key}" must be ${want.map((t) => WANT_ANY[t]).join(' or ')}, not ${yamlType(v)}.` });
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
        const what = level === 'root' ? 'An import file' : level === 'project' ? '"project"' : service?.hostname ? `Service ${hostLabel(service)}` : `Service #${(service?.index ?? 0) + 1}`;
        const list = missing.map((k) => `"${k}"`).join(' and ');
        report({
          span: level === 'project' ? nodeSpan(pairOf(rootMapOf(model)!, 'project')?.key) ?? headSpan(map) : headSpan(map),
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
          message: `"${key}" must be one of ${allowed.join(', ')}${guess ? `; did you mean ${guess}?` : '.'}${own.consequence}`,
          // Inside the quotes, if any: a fix keeps the author's quoting.
          fixes: (guess ? [guess] : allowed).map((c) => ({ title: `Change to ${c}`, edits: [replace(v.span, c)], preferred: !!guess })),
        });
      }
    }
  },
});

export const SCHEMA_RULES: readonly Rule[] = [schemaUnknownKey, schemaValueType, schemaRequired, schemaEnum];
