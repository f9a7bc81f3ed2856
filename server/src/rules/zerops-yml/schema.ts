import { requiredKeysAt } from '../../catalog/schema';
import { locate } from '../../model/locate';
import { keySpanOf, pairOf, rangeOf, stringItems } from '../../model/scalars';
import { isMap, isScalar, isSeq, type TreeMap, type TreePair } from '../../model/tree';
import type { Span, ZeropsModel } from '../../model/types';
import { removePair, replace } from '../edits';
import { scanPreprocessor } from '../preprocessor';
import { defineRule, onceReporter, type Fix, type Report, type RuleContext } from '../rule';
import { headSpan } from '../structure';
import { mergedLevels, rootMapOf, str, ZY, zyMaps } from './common';

// The schema layer of zerops.yml: unknown keys (ignored by the platform, so warnings), wrong value types
// and bad enum values (rejected, so errors), required keys, deprecated keys. Spec §2 checks 4, 5, 7–11.

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Moves a block pair to the end of another block map, re-indented to that map's keys. Undefined when
 * either map is a flow map or the pair does not start its own line.
 */
export function movePairEdits(model: ZeropsModel, from: TreeMap, pair: TreePair, to: TreeMap): Fix['edits'] | undefined {
  const text = model.text;
  if (from.flow || to.flow || to.items.length === 0) return undefined;
  const keyStart = rangeOf(pair.key)?.[0];
  const last = to.items[to.items.length - 1];
  const toKey = rangeOf(to.items[0].key);
  const lastEnd = rangeOf(last.value)?.[1] ?? rangeOf(last.key)?.[1];
  if (keyStart === undefined || !toKey || lastEnd === undefined) return undefined;
  const ls = lineStartOf(text, keyStart);
  if (!/^[ \t]*$/.test(text.slice(ls, keyStart))) return undefined;
  const remove = removePair(model, from, pair);
  if (!remove) return undefined;
  const oldIndent = keyStart - ls;
  const newIndent = toKey[0] - lineStartOf(text, toKey[0]);
  const block = text.slice(remove.span.start, remove.span.end).replace(/\r?\n$/, '');
  const lines = block.split(/\r?\n/).map((l) => {
    const lead = /^[ ]*/.exec(l)![0].length;
    const cut = Math.min(lead, oldIndent);
    return l.trim() === '' ? l : ' '.repeat(newIndent) + l.slice(cut);
  });
  // After the last line of the target map's last value (a block value ends at the next line's start).
  let at = lastEnd;
  if (text[at - 1] === '\n') at -= text[at - 2] === '\r' ? 2 : 1;
  if (at <= remove.span.end && at >= remove.span.start) return undefined;
  return [remove, { span: { start: at, end: at }, newText: model.lineBreak + lines.join(model.lineBreak) }];
}

/** True for the old per-hostname format: root keys whose values are maps with `build` or `run`. */
function oldFormat(root: TreeMap): boolean {
  const items = root.items;
  return items.length > 0 && items.every((p) => isMap(p.value) && (!!pairOf(p.value, 'build') || !!pairOf(p.value, 'run')));
}

/**
 * The items of the `zerops` list with nothing in them (`- ` alone, or `- null`): where their dash is, and
 * the whole line when the dash stands alone on it (what deleting the entry removes).
 */
function emptySetupItems(model: ZeropsModel): { dash: Span; line?: Span }[] {
  const root = rootMapOf(model);
  const list = root && pairOf(root, 'zerops')?.value;
  if (!isSeq(list) || list.flow) return [];
  const text = model.text;
  const out: { dash: Span; line?: Span }[] = [];
  for (const item of list.items) {
    if (item !== null && !(isScalar(item) && item.value === null && !item.tag)) continue;
    const at = rangeOf(item)?.[0];
    if (at === undefined) continue;
    const dash = text.lastIndexOf('-', at);
    if (dash < 0 || /\S/.test(text.slice(dash + 1, at))) continue;
    const start = text.lastIndexOf('\n', dash) + 1;
    const nl = text.indexOf('\n', dash);
    const end = nl < 0 ? text.length : nl + 1;
    const alone = /^[ \t]*-[ \t]*(null|~)?[ \t]*(#.*)?\r?\n?$/.test(text.slice(start, end));
    out.push({ dash: { start: dash, end: dash + 1 }, ...(alone ? { line: { start, end } } : {}) });
  }
  return out;
}

export function zyRequired(ctx: RuleContext, report: Report): void {
  const model = ctx.model;
  const root = rootMapOf(model);
  if (root && !pairOf(root, 'zerops')) {
    const head = headSpan(root);
    const old = oldFormat(root);
    const rewrite = old ? oldFormatRewrite(model, root) : undefined;
    report({
      span: head,
      message: old
        ? 'This is the old per-hostname format: zerops.yml now needs a top-level "zerops:" list; write each entry as "- setup: <hostname>" with its build and run.'
        : 'zerops.yml needs a top-level "zerops:" list of setups; zcli finds no setup without it.',
      fixes: rewrite ? [{ title: 'Rewrite as a zerops: list of setups', edits: [rewrite] }] : [],
    });
  }
  for (const empty of emptySetupItems(model)) {
    report({
      span: empty.dash,
      message: 'An empty entry in "zerops:" (a "-" with nothing after it): a setup with no name and nothing in it, which Zerops most likely rejects (zeropsYamlMissingParameter). Delete the line, or write the setup.',
      fixes: empty.line ? [{ title: 'Delete the empty entry', edits: [{ span: empty.line, newText: '' }] }] : [],
    });
  }
  for (const m of zyMaps(ctx)) {
    if (m.level !== 'setup') continue;
    const name = str(model, pairOf(m.map, 'setup')?.value);
    if (!name || name.value === '') {
      report({ span: keySpanOf(pairOf(m.map, 'setup')) ?? headSpan(m.map), message: 'A setup needs a "setup:" name; Zerops cannot select it without one.' });
    }
  }
  const once = onceReporter(report);
  for (const l of mergedLevels(ctx)) {
    if (l.level === 'setup') continue;
    const missing = requiredKeysAt('zerops-yml', l.level).filter((k) => !l.keys.has(k)).map((k) => `"${k}"`);
    if (!missing.length) continue;
    once({ span: l.head, message: `"${l.level.split('.').pop()!.replace('[]', '')}" needs ${missing.join(' and ')}; the schema requires ${missing.length > 1 ? 'them' : 'it'} and Zerops most likely rejects the file without ${missing.length > 1 ? 'them' : 'it'} (zeropsYamlMissingParameter).` });
  }
}

/**
 * `app:\n  build: …` → `zerops:\n  - setup: app\n    build: …`: each root key becomes a setup, its lines
 * indented two more. Only for a block map whose keys are plain names at column 0 and whose values are
 * block maps; anything else is left to the user.
 */
function oldFormatRewrite(model: ZeropsModel, root: TreeMap): Fix['edits'][number] | undefined {
  const text = model.text;
  const range = root.range;
  if (root.flow || !range) return undefined;
  const out: string[] = ['zerops:'];
  for (const pair of root.items) {
    const key = pair.key;
    const value = pair.value;
    if (!isScalar(key) || typeof key.value !== 'string' || !/^[a-z0-9]+$/.test(key.value) || !key.range || !isMap(value) || value.flow || !value.range) return undefined;
    if (lineStartOf(text, key.range[0]) !== key.range[0]) return undefined;
    // Whatever follows `api:` on its line (a comment) stays on the setup line.
    const lineEnd = text.indexOf('\n', key.range[1]);
    const rest = text.slice(key.range[1], lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '').replace(/^\s*:/, '');
    out.push(`  - setup: ${key.value}${rest}`);
    const body = text.slice(lineStartOf(text, value.range[0]), value.range[1]).replace(/\r?\n$/, '');
    for (const line of body.split(/\r?\n/)) out.push(line.trim() === '' ? line : `  ${line}`);
  }
  const end = text[range[1] - 1] === '\n' ? range[1] - (text[range[1] - 2] === '\r' ? 2 : 1) : range[1];
  return { span: { start: range[0], end }, newText: out.join(model.lineBreak) };
}

export function zyDeprecated(ctx: RuleContext, report: Report): void {
  const model = ctx.model;
  for (const m of zyMaps(ctx)) {
    for (const p of m.pairs) {
      if (m.level === 'build' && p.key === 'deploy') {
        const canRename = !pairOf(m.map, 'deployFiles');
        report({
          span: p.keySpan,
          message: '"build.deploy" is the old name of "deployFiles".',
          tags: ['deprecated'],
          fixes: canRename ? [{ title: 'Rename to deployFiles', edits: [replace(p.keySpan, 'deployFiles')], preferred: true }] : [],
        });
      }
      if ((m.level === 'build' || m.level === 'run') && p.key === 'os') {
        // Only next to a composite base: with a bare base, `os` is the form every real file uses.
        const composite = stringItems(model.text, pairOf(m.map, 'base')?.value).find((b) => /^(alpine|ubuntu)\/./.test(String(b.value)));
        if (!composite) continue;
        report({ span: p.keySpan, message: `"os" is deprecated: the base "${composite.value}" already names the OS.`, tags: ['deprecated'], fixes: [] });
      }
    }
  }
}

export const fileEmpty = defineRule({
  id: 'file-empty',
  severity: 'error',
  summary: 'zerops.yml is empty: zcli refuses to push it.',
  kinds: ZY,
  inline: false,
  perDocument(ctx, report) {
    if (ctx.model.text.trim() === '') report({ span: { start: 0, end: 0 }, message: 'zerops.yml is empty; zcli refuses to push it.' });
  },
});

export const setupsEmpty = defineRule({
  id: 'setups-empty',
  severity: 'error',
  summary: '`zerops:` holds no setup.',
  kinds: ZY,
  perDocument(ctx, report) {
    const root = rootMapOf(ctx.model);
    const z = root && pairOf(root, 'zerops');
    if (!z) return;
    const v = z.value;
    if (v === null || (isScalar(v) && v.value === null) || (isSeq(v) && v.items.length === 0)) {
      report({ span: keySpanOf(z)!, message: '"zerops:" holds no setup, so there is nothing to build or deploy.' });
    }
  },
});

export const preprocessorNotExpanded = defineRule({
  id: 'preprocessor-not-expanded',
  severity: 'warning',
  summary: '`<@…>` in zerops.yml, where the preprocessor is documented for import files only (the directive line alone: a hint).',
  kinds: ZY,
  inline: false,
  perDocument(ctx, report) {
    const text = ctx.model.text;
    const first = text.slice(0, 200).split(/\r?\n/, 1)[0];
    const directive = /^#\s*(?:yaml|zerops)Preprocessor\s*=\s*on\b/i.exec(first);
    if (directive) {
      // The line alone changes nothing (each `<@…>` below gets its own warning): a hint.
      report({ severity: 'hint', span: { start: 0, end: directive[0].length }, message: 'The YAML preprocessor is documented for import files only; nothing says this line does anything in zerops.yml (not verified).' });
    }
    // The import files' scanner: it follows nested `<…>` to the expression's own end and skips comment
    // lines. Where it cannot follow an expression, the span runs to the first `>` on the line, if any.
    // A `<@…>` in a comment after a value reaches nothing either.
    const tail = /<@[^>\n]*>/y;
    for (const e of scanPreprocessor(text).expressions) {
      if (locate(ctx.model, e.start).inComment) continue;
      let span: Span | undefined = e;
      if (e.end - e.start <= 2) {
        tail.lastIndex = e.start;
        span = tail.test(text) ? { start: e.start, end: tail.lastIndex } : undefined;
      }
      if (span) report({ span, message: 'The preprocessor is documented for import files only; "<@…>" most likely reaches the container literally here (not verified).' });
    }
  },
});

export const fileNameShadowed = defineRule({
  id: 'file-name-shadowed',
  severity: 'warning',
  summary: 'A `zerops.yml` with a `zerops.yaml` beside it: zcli reads `zerops.yaml` first.',
  kinds: ZY,
  inline: false,
  perDocument(ctx, report) {
    if (ctx.fileName?.toLowerCase() !== 'zerops.yml' || !ctx.siblings?.some((s) => s.toLowerCase() === 'zerops.yaml')) return;
    const root = rootMapOf(ctx.model);
    const z = root && pairOf(root, 'zerops');
    report({
      span: keySpanOf(z) ?? { start: 0, end: 0 },
      message: 'zerops.yaml sits beside this file, and zcli reads zerops.yaml first: "zcli push" ignores this one (which file a build from git uses is not documented).',
    });
  },
});
