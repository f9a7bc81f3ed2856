import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { keysAtLevel, type ZyKeyInfo, type ZyKeyType } from '../../catalog/zerops-yml';
import { nodeSpan, pairOf, scalarValue } from '../../model/scalars';
import type { Span, ZeropsModel } from '../../model/types';
import { nearest } from '../../util/nearest';
import { removePair, replace } from '../edits';
import { WANT as IMPORT_WANT, fits as importFits, yamlType } from '../value-shape';
import { defineRule, type Fix, type Report, type RuleContext } from '../rule';
import { deployFilesSlip, mergedLevels, onceReporter, resolved, rootMapOf, str, type ZyMap, ZY, zyMaps } from './common';
import { mergedAt } from '../../model/zerops-yml';

// The schema layer of zerops.yml: unknown keys (ignored by the platform, so warnings), wrong value types
// and bad enum values (rejected, so errors), required keys, deprecated keys. Spec §2 checks 4, 5, 7–11.

const WHERE: Record<string, string> = {
  root: 'at the top level', setup: 'in a setup', build: 'under "build"', deploy: 'under "deploy"', run: 'under "run"',
};
const where = (level: string) => WHERE[level] ?? `under "${level.replace(/\[\]/g, '[]')}"`;

/** Keys written in the wrong section, and the section they belong in (spec check 7). */
const MOVES: Record<string, Record<string, string>> = {
  run: { deployFiles: 'build', addToRunPrepare: 'build', cache: 'build', buildCommands: 'build', readinessCheck: 'deploy' },
  deploy: { healthCheck: 'run' },
  setup: { envVariables: 'run', base: 'run', ports: 'run', start: 'run', buildCommands: 'build', deployFiles: 'build' },
};
const RENAMES: Record<string, Record<string, string>> = { run: { cron: 'crontab', crons: 'crontab', cronJobs: 'crontab' } };
/** Keys of an import file's service, which mean nothing in zerops.yml. */
const IMPORT_KEYS = new Set(['verticalAutoscaling', 'minContainers', 'maxContainers', 'envSecrets', 'dotEnvSecrets', 'mount', 'type', 'hostname', 'mode', 'buildFromGit', 'enableSubdomainAccess', 'priority']);

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Moves a block pair to the end of another block map, re-indented to that map's keys. Undefined when
 * either map is a flow map or the pair does not start its own line.
 */
export function movePairEdits(model: ZeropsModel, from: YAMLMap, pair: Pair, to: YAMLMap): Fix['edits'] | undefined {
  const text = model.text;
  if (from.flow || to.flow || to.items.length === 0) return undefined;
  const keyStart = (pair.key as Node | null)?.range?.[0];
  const last = to.items[to.items.length - 1] as Pair;
  const toKey = (to.items[0] as Pair).key as Node | null;
  const lastEnd = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1];
  if (keyStart === undefined || !toKey?.range || lastEnd === undefined) return undefined;
  const ls = lineStartOf(text, keyStart);
  if (!/^[ \t]*$/.test(text.slice(ls, keyStart))) return undefined;
  const remove = removePair(model, from, pair);
  if (!remove) return undefined;
  const oldIndent = keyStart - ls;
  const newIndent = toKey.range[0] - lineStartOf(text, toKey.range[0]);
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

/** The section map `section` of the setup holding `map`, if it is written there. */
function sectionOf(setupNode: YAMLMap | undefined, section: string): YAMLMap | undefined {
  const v = setupNode && pairOf(setupNode, section)?.value;
  return isMap(v) ? v : undefined;
}

/** Whether the setup holding the build map `m` names what to deploy after `extends` (deployFiles or build.deploy). */
function deploysFiles(ctx: RuleContext, m: ZyMap): boolean {
  const own = resolved(ctx).filter((r) => r.setup === m.setup);
  // A template's build is checked through the setups extending it: deployed if every one of them names files.
  const users = own.length && !own[0].template ? own : resolved(ctx).filter((r) => r.parents.includes(m.setup!));
  return users.length > 0 && users.every((r) => !!(mergedAt(r.root, 'build', 'deployFiles') ?? mergedAt(r.root, 'build', 'deploy')));
}

export function zyUnknownKey(ctx: RuleContext, report: Report): void {
  const model = ctx.model;
  const root = rootMapOf(model);
  // A file without `zerops:` is not a zerops.yml yet (schema-required says so): its keys are not slips.
  if (root && !pairOf(root, 'zerops')) return;
  for (const m of zyMaps(ctx)) {
    const present = new Set(m.pairs.map((p) => p.key));
    for (const p of m.pairs) {
      // `<<: *anchor` is a YAML merge key, which Go's YAML parser (the platform's) applies.
      if (p.info || p.key === '<<') continue;
      const base = `"${p.key}" is not a zerops.yml key ${where(m.level)}; Zerops ignores it without an error`;
      const move = MOVES[m.level]?.[p.key];
      const rename = RENAMES[m.level]?.[p.key];
      if (move) {
        const target = sectionOf(m.setup?.node, move);
        // Not next to the same key, nor to its old name (`build.deploy` is `deployFiles`): two values for one thing.
        const taken = target && (pairOf(target, p.key) || (p.key === 'deployFiles' && pairOf(target, 'deploy')));
        const edits = target && !taken ? movePairEdits(model, m.map, p.pair, target) : undefined;
        report({
          span: p.keySpan,
          message: `${base}. It belongs under "${move}"${m.level === 'setup' ? ` ("${move}.${p.key}")` : ''}.`,
          fixes: edits ? [{ title: `Move to ${move}`, edits, preferred: true }] : [],
        });
        continue;
      }
      if (rename && !present.has(rename)) {
        report({ span: p.keySpan, message: `${base}. Scheduled jobs go in "${rename}".`, fixes: [{ title: `Rename to ${rename}`, edits: [replace(p.keySpan, rename)], preferred: true }] });
        continue;
      }
      if (IMPORT_KEYS.has(p.key)) {
        report({ span: p.keySpan, message: `${base}: "${p.key}" is a key of an import file's service and has no effect in zerops.yml.`, fixes: [] });
        continue;
      }
      const guess = nearest(p.key, keysAtLevel(m.level).map((k) => k.key).filter((k) => !present.has(k)));
      // A slip for `deployFiles` where nothing else names what to deploy: the setup deploys nothing, an
      // error (what deploy-files-missing would say, here on the key that causes it).
      const deploysNothing = m.level === 'build' && guess === 'deployFiles' && deployFilesSlip(p.key) && !deploysFiles(ctx, m);
      report({
        ...(deploysNothing ? { severity: 'error' as const } : {}),
        span: p.keySpan,
        message: `${base}${guess ? `. Did you mean "${guess}"?` : '.'}${deploysNothing ? ' Without "deployFiles" nothing is deployed (the schema requires it).' : ''}`,
        fixes: guess ? [{ title: `Rename to ${guess}`, edits: [replace(p.keySpan, guess)], preferred: true }] : [],
      });
    }
  }
}

const WANT: Record<ZyKeyType, string> = { ...IMPORT_WANT, duration: 'a duration' };

/**
 * Whether a node fits a type the way Go's YAML decoder reads it (any scalar into a string, only a real
 * number into an int), as for import files; a duration is probe-duration's, an alias (`*appenv`) is
 * checked where its anchor is.
 */
function fits(node: Node | null, want: ZyKeyType): boolean {
  return want === 'duration' || isAlias(node) || importFits(node, want);
}

function typeList(info: ZyKeyInfo): string {
  return info.types.map((t) => WANT[t]).join(' or ');
}

/** `"3000"` where a number belongs: the fix drops the quotes. */
function unquoteFix(model: ZeropsModel, node: Node | null, want: ZyKeyType): Fix[] {
  const v = scalarValue(model.text, node);
  if (!v || typeof v.value !== 'string' || v.nodeSpan.start === v.span.start) return [];
  const ok = want === 'integer' ? /^\d+$/.test(v.value) : want === 'boolean' ? /^(true|false)$/.test(v.value) : false;
  return ok ? [{ title: `Write ${v.value} without quotes`, edits: [replace(v.nodeSpan, v.value)], preferred: true }] : [];
}

export function zyValueType(ctx: RuleContext, report: Report): void {
  const model = ctx.model;
  for (const m of zyMaps(ctx)) {
    for (const p of m.pairs) {
      const info = p.info;
      if (!info) continue;
      const value = p.pair.value as Node | null;
      const span = nodeSpan(value);
      if (!span) continue;
      if (!info.types.some((t) => fits(value, t))) {
        if (m.level === 'run' && p.key === 'base' && isSeq(value)) {
          report({ span, message: '"run.base" is a single base in both published schemas; the Node.js docs show a list, so whether Zerops accepts one is unconfirmed.', severity: 'warning' });
          continue;
        }
        report({ span, message: `"${p.key}" takes ${typeList(info)}, not ${yamlType(value)}; Zerops rejects the file (cannot unmarshal).${info.enum ? ` Allowed: ${info.enum.join(', ')}.` : ''}`, fixes: unquoteFix(model, value, info.types[0]) });
        continue;
      }
      if (isSeq(value) && info.items) {
        for (const item of value.items as Node[]) {
          const s = nodeSpan(item);
          if (s && !fits(item, info.items) && !(info.items === 'object' && isMap(item))) {
            report({ span: s, message: `Each entry of "${p.key}" must be ${WANT[info.items]}, not ${yamlType(item)}.` });
          }
        }
      }
      if (isMap(value) && info.values) {
        for (const entry of value.items as Pair[]) {
          const v = entry.value as Node | null;
          const s = nodeSpan(v) ?? nodeSpan(entry.key as Node);
          if (!s) continue;
          if (v === null || (isScalar(v) && v.value === null)) {
            if (p.key === 'envVariables') report({ span: s, message: 'This variable has no value; Zerops most likely stores an empty string (not verified). Write """" if that is what you mean.', severity: 'warning' });
            continue;
          }
          if (!info.values.some((t) => fits(v, t))) report({ span: s, message: `Each value of "${p.key}" must be ${info.values.map((t) => WANT[t]).join(' or ')}, not ${yamlType(v)}.` });
        }
      }
    }
  }
}

export function zyEnum(ctx: RuleContext, report: Report): void {
  const model = ctx.model;
  for (const m of zyMaps(ctx)) {
    for (const p of m.pairs) {
      const allowed = p.info?.enum;
      if (!allowed) continue;
      const v = str(model, p.pair.value as Node);
      if (!v || allowed.includes(v.value as string)) continue;
      // `TCP` / `UDP`: port-protocol-case (the docs write them so).
      if (p.key === 'protocol' && allowed.includes((v.value as string).toLowerCase())) continue;
      const guess = nearest(String(v.value), allowed);
      report({
        span: v.nodeSpan,
        message: `"${p.key}" must be one of ${allowed.join(', ')}${guess ? `; did you mean ${guess}?` : '.'} Zerops rejects other values.`,
        fixes: (guess ? [guess] : allowed).map((c) => ({ title: `Change to ${c}`, edits: [replace(v.span, c)], preferred: !!guess })),
      });
    }
  }
}

/** True for the old per-hostname format: root keys whose values are maps with `build` or `run`. */
function oldFormat(root: YAMLMap): boolean {
  const items = root.items as Pair[];
  return items.length > 0 && items.every((p) => isMap(p.value) && (!!pairOf(p.value, 'build') || !!pairOf(p.value, 'run')));
}

/**
 * The items of the `zerops` list with nothing in them (`- ` alone, or `- null`): where their dash is, and
 * the whole line when the dash stands alone on it (what deleting the entry removes).
 */
function emptySetupItems(model: ZeropsModel): { dash: Span; line?: Span }[] {
  const root = rootMapOf(model);
  const list = root && (pairOf(root, 'zerops')?.value as Node | null);
  if (!isSeq(list) || list.flow) return [];
  const text = model.text;
  const out: { dash: Span; line?: Span }[] = [];
  for (const item of list.items as (Node | null)[]) {
    if (item !== null && !(isScalar(item) && item.value === null && !item.tag)) continue;
    const at = item?.range?.[0];
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
    const head = nodeSpan((root.items[0] as Pair | undefined)?.key as Node) ?? nodeSpan(root) ?? { start: 0, end: 0 };
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
    const name = str(model, pairOf(m.map, 'setup')?.value as Node);
    if (!name || name.value === '') {
      report({ span: nodeSpan(pairOf(m.map, 'setup')?.key as Node) ?? headOf(m), message: 'A setup needs a "setup:" name; Zerops cannot select it without one.' });
    }
  }
  const once = onceReporter(report);
  for (const l of mergedLevels(ctx)) {
    if (l.level === 'setup') continue;
    const missing = keysAtLevel(l.level).filter((k) => k.required && !l.keys.has(k.key)).map((k) => `"${k.key}"`);
    if (!missing.length) continue;
    once({ span: l.head, message: `"${l.level.split('.').pop()!.replace('[]', '')}" needs ${missing.join(' and ')}; the schema requires ${missing.length > 1 ? 'them' : 'it'} and Zerops most likely rejects the file without ${missing.length > 1 ? 'them' : 'it'} (zeropsYamlMissingParameter).` });
  }
}

/**
 * `app:\n  build: …` → `zerops:\n  - setup: app\n    build: …`: each root key becomes a setup, its lines
 * indented two more. Only for a block map whose keys are plain names at column 0 and whose values are
 * block maps; anything else is left to the user.
 */
function oldFormatRewrite(model: ZeropsModel, root: YAMLMap): Fix['edits'][number] | undefined {
  const text = model.text;
  const range = root.range;
  if (root.flow || !range) return undefined;
  const out: string[] = ['zerops:'];
  for (const pair of root.items as Pair[]) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
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

function headOf(m: ZyMap): Span {
  return nodeSpan((m.map.items[0] as Pair | undefined)?.key as Node) ?? nodeSpan(m.map) ?? { start: 0, end: 0 };
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
        const base = pairOf(m.map, 'base')?.value as Node | null;
        const bases = isSeq(base) ? (base.items as Node[]) : [base];
        const composite = bases.map((b) => str(model, b)).find((b) => b && /^(alpine|ubuntu)\/./.test(String(b.value)));
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
    const v = z.value as Node | null;
    if (v === null || (isScalar(v) && v.value === null) || (isSeq(v) && v.items.length === 0)) {
      report({ span: nodeSpan(z.key as Node)!, message: '"zerops:" holds no setup, so there is nothing to build or deploy.' });
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
    const re = /<@[^>\n]*>/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      report({ span: { start: m.index, end: m.index + m[0].length }, message: 'The preprocessor is documented for import files only; "<@…>" most likely reaches the container literally here (not verified).' });
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
      span: nodeSpan(z?.key as Node) ?? { start: 0, end: 0 },
      message: 'zerops.yaml sits beside this file, and zcli reads zerops.yaml first: "zcli push" ignores this one (which file a build from git uses is not documented).',
    });
  },
});
