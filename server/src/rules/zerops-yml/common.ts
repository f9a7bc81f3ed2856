import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { BASES, baseOs, keyInfoAt, parseBase, type BaseOs, type BaseTech } from '../../catalog/zerops-yml';
import { keyInfo, keyNamesAt } from '../../catalog/schema';
import { keyName, nodeSpan, pairOf, scalarValue } from '../../model/scalars';
import type { ScalarValue, SetupModel, Span, ZeropsModel } from '../../model/types';
import { sectionsOf, type SetupSections } from '../../model/setup-sections';
import { isChecked, mergedAt, resolvedOf, type MergedNode, type ResolvedSetup } from '../../model/zerops-yml';
import type { TreeMap } from '../../model/tree';
import type { Finding, OffsetEdit, Report, RuleContext } from '../rule';
import { nearest } from '../../util/nearest';

// What the zerops.yml rules share: the maps of the file by schema level (own text, as written), the
// setups with `extends` merged, and readers for the few values most checks need (bases, OS, start).

export const ZY = ['zerops-yml'] as const;

import type { SchemaMap as ZyMap } from '../structure';
export type { SchemaMap as ZyMap, SchemaPair as ZyPair } from '../structure';
export { rootMapOf } from '../../model/levels';
/** Every map of the file at a schema level, as written (before `extends`), in file order. */
export { schemaMaps as zyMaps } from '../structure';

/** The setups to check with `extends` merged (resolved once per version of the document). */
export function resolved(ctx: RuleContext): ResolvedSetup[] {
  return ctx.memo('zy-resolved', (model) => (model.part ? resolvedOf(model).filter((r) => isChecked(model, r.setup)) : resolvedOf(model)));
}

/** Setups that should deploy: not templates, and not broken by an `extends` cycle. */
export function deployable(ctx: RuleContext): ResolvedSetup[] {
  return resolved(ctx).filter((r) => !r.template && !r.cycle);
}

/** Reports each finding once: a parent's text is merged into every child, a check on each would repeat it. */
export function onceReporter(report: Report): Report {
  const seen = new Set<string>();
  return (f: Finding) => {
    const k = `${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    report(f);
  };
}

export function str(model: ZeropsModel, node: Node | null | undefined): ScalarValue | undefined {
  const v = scalarValue(model.text, node);
  return v && typeof v.value === 'string' ? v : undefined;
}

export function scalarOf(model: ZeropsModel, n: MergedNode | undefined): ScalarValue | undefined {
  return n ? scalarValue(model.text, n.node) : undefined;
}

/** The name to show for a setup. */
export function setupLabel(s: SetupModel): string {
  return typeof s.name?.value === 'string' ? `"${s.name.value}"` : `#${s.index + 1}`;
}

/** Where to report a whole setup: its `setup:` value, else its first key. */
export function setupSpan(s: SetupModel): Span {
  if (s.name) return s.name.nodeSpan;
  const first = s.node.items[0] as Pair | undefined;
  return nodeSpan(first?.key as Node) ?? s.span;
}

/** The typed sections of a resolved setup (model/setup-sections.ts). */
export function sections(ctx: RuleContext, r: ResolvedSetup): SetupSections {
  return sectionsOf(r, ctx.model.text);
}

/** The string values of a merged `base` (one scalar or a list). */
export function baseValues(model: ZeropsModel, r: ResolvedSetup, section: 'build' | 'run'): ScalarValue[] {
  const s = sectionsOf(r, model.text);
  return (section === 'build' ? s.build?.bases : s.run?.base)?.items ?? [];
}

/** The run technology of a merged setup: `run.base`, else (the base is kept) unknown. */
export function runTech(model: ZeropsModel, r: ResolvedSetup): BaseTech | undefined {
  const b = baseValues(model, r, 'run')[0];
  const n = b && parseBase(String(b.value));
  return n ? BASES.get(n.tech) : undefined;
}

/** The OS a section runs on: an explicit `os`, else what the base fixes, else alpine (the default). */
export function effectiveOs(model: ZeropsModel, r: ResolvedSetup, section: 'build' | 'run'): { os: BaseOs; explicit: boolean } | undefined {
  const at = sectionsOf(r, model.text)[section];
  const os = at?.os?.value?.value;
  if (os === 'alpine' || os === 'ubuntu') return { os, explicit: true };
  for (const b of baseValues(model, r, section)) {
    const fixed = baseOs(String(b.value), section);
    if (fixed) return { os: fixed, explicit: true };
  }
  if (!at) return undefined;
  return { os: 'alpine', explicit: false };
}

export function isTrue(node: Node | null | undefined): boolean {
  return isScalar(node) && node.value === true;
}

export function pairIn(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map ? pairOf(map, key) : undefined;
}

/** A map of a merged setup at a schema level: its keys (merged) and where to report the map as a whole. */
export interface MergedLevel {
  level: string;
  keys: Map<string, { pair: Pair; node: Node | null }>;
  head: Span;
  resolved: ResolvedSetup;
}

/** Every map of every deployable setup after merging, at its level. Lists are not merged: their maps are the text's. */
export function mergedLevels(ctx: RuleContext): MergedLevel[] {
  return ctx.memo('zy-merged-levels', () => {
    const out: MergedLevel[] = [];
    for (const r of deployable(ctx)) {
      const visitYaml = (map: YAMLMap, level: string, head: Span) => {
        const keys = new Map<string, { pair: Pair; node: Node | null }>();
        for (const pair of map.items as Pair[]) {
          const k = keyName(pair);
          if (k !== undefined) keys.set(k, { pair, node: pair.value as Node | null });
        }
        out.push({ level, keys, head, resolved: r });
        for (const [k, { node, pair }] of keys) descend(level, k, node, pair);
      };
      const descend = (level: string, key: string, node: Node | null, pair: Pair, merged?: MergedNode) => {
        const child = keyInfoAt(level, key)?.child;
        if (!child) return;
        const head = nodeSpan(pair.key as Node) ?? r.setup.span;
        if (child.endsWith('[]')) {
          if (isSeq(node)) for (const item of node.items as Node[]) if (isMap(item)) visitYaml(item, child, nodeSpan((item.items[0] as Pair | undefined)?.key as Node) ?? head);
        } else if (merged?.map) visitMerged(merged.map, child, head);
        else if (isMap(node)) visitYaml(node, child, head);
      };
      const visitMerged = (map: Map<string, MergedNode>, level: string, head: Span) => {
        const keys = new Map<string, { pair: Pair; node: Node | null }>();
        for (const [k, m] of map) keys.set(k, { pair: m.pair, node: m.node });
        out.push({ level, keys, head, resolved: r });
        for (const [k, m] of map) descend(level, k, m.node, m.pair, m);
      };
      visitMerged(r.root, 'setup', setupSpan(r.setup));
    }
    return out;
  });
}

/** Appends `key: value` to a block map, indented like its first key, after its last value. */
export function appendPair(model: ZeropsModel, map: TreeMap, key: string, value: string): OffsetEdit | undefined {
  const text = model.text;
  const first = (map.items[0] as Pair | undefined)?.key as Node | null | undefined;
  const last = map.items[map.items.length - 1] as Pair | undefined;
  if (map.flow || !first?.range || !last) return undefined;
  const start = first.range[0];
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  let end = (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1];
  // A block value ends where the next line starts: insert before that line break.
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { span: { start: end, end }, newText: `${model.lineBreak}${' '.repeat(indent)}${key}: ${value}` };
}

/** The string items of a key written in `m` (one scalar or a list): `deployFiles`, `cache`, `prepareCommands`. */
export function writtenItems(ctx: RuleContext, m: ZyMap, key: string): ScalarValue[] {
  const p = m.pairs.find((x) => x.key === key);
  const node = p?.pair.value as Node | null | undefined;
  if (!p || node === undefined) return [];
  const items = isSeq(node) ? (node.items as Node[]) : [node];
  return items.map((x) => str(ctx.model, x)).filter((x): x is ScalarValue => !!x);
}

/**
 * A key of the build section that is a slip for `deployFiles` (`deployFile`, `deployfiles`): not a key
 * of its own, and nearer to deployFiles than to any other. One slip gets one finding: the unknown-key
 * warning names it (as an error, since then nothing is deployed) and deploy-files-missing stays silent.
 */
export function deployFilesSlip(key: string): boolean {
  return !keyInfo('zerops-yml', 'build', key) && key !== '<<' && nearest(key, keyNamesAt('zerops-yml', 'build')) === 'deployFiles';
}

/** Whether the setup holding the build map `m` names what to deploy after `extends` (deployFiles or build.deploy). */
function deploysFiles(ctx: RuleContext, m: ZyMap): boolean {
  const own = resolved(ctx).filter((r) => r.setup === m.setup);
  // A template's build is checked through the setups extending it: deployed if every one of them names files.
  const users = own.length && !own[0].template ? own : resolved(ctx).filter((r) => r.parents.includes(m.setup!));
  return users.length > 0 && users.every((r) => !!(mergedAt(r.root, 'build', 'deployFiles') ?? mergedAt(r.root, 'build', 'deploy')));
}

/**
 * A slip for `deployFiles` (the unknown key `key`, nearest to `guess`) where nothing else names what to
 * deploy: the setup deploys nothing, so the unknown-key finding is an error and says so (what
 * deploy-files-missing would say, here on the key that causes it).
 */
export function deploysNothingNote(ctx: RuleContext, m: ZyMap, key: string, guess: string | undefined): string | undefined {
  const nothing = m.level === 'build' && guess === 'deployFiles' && deployFilesSlip(key) && !deploysFiles(ctx, m);
  return nothing ? ' Without "deployFiles" nothing is deployed (the schema requires it).' : undefined;
}
