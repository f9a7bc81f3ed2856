import { entriesOf } from '../../model/scalars';
import type { ServiceModel, SetupModel, Span, ZeropsModel } from '../../model/types';
import { resolveSetups, type MergedNode } from '../../model/zerops-yml';
import { resolveReference } from './resolve';

// Inlay hints, in offsets: after each `${host_variable}` the value it resolves to (secrets masked, see
// resolve.ts), and after each name of a zerops.yml `extends` what the setup inherits from it. Only what
// lies in the asked range is computed: an editor asks for the lines it shows.

export interface InlayHintEntry {
  /** Where the hint sits: right after the reference or the name. */
  offset: number;
  label: string;
  tooltip: string;
  kind: 'value' | 'inherits';
}

/** A hint stays one short line: long values are cut. */
const MAX_LABEL = 60;
const INHERITED = ['build', 'deploy', 'run'] as const;

function cut(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line;
}

function valueHints(model: ZeropsModel, range: Span, extra: readonly ServiceModel[]): InlayHintEntry[] {
  const out: InlayHintEntry[] = [];
  for (const ref of model.references) {
    if (ref.span.end < range.start || ref.span.start > range.end) continue;
    // Only a closed reference: `${redis_` being typed resolves to nothing yet.
    if (model.text[ref.span.end - 1] !== '}') continue;
    const v = resolveReference(model, ref, extra);
    if (!v) continue;
    const name = ref.host ? `${ref.host}_${ref.variable}` : ref.variable;
    const where = v.from ? ` (from ${v.from})` : '';
    out.push({
      offset: ref.span.end,
      label: `= ${cut(v.text)}`,
      tooltip: v.secret
        ? `\${${name}} resolves to a secret${where}; its value is never shown.`
        : `\${${name}} resolves to ${v.text}${where}.`,
      kind: 'value',
    });
  }
  return out;
}

/** The keys of `own` (the setup's text) a parent's merged section adds: `run.start`, or the whole `build`. */
function inheritedKeys(parentRoot: Map<string, MergedNode>, own: unknown): string[] {
  const out: string[] = [];
  const sections = entriesOf(own);
  for (const section of INHERITED) {
    const p = parentRoot.get(section);
    if (!p) continue;
    const mine = sections.find((x) => x.key === section);
    if (!mine) {
      out.push(section);
      continue;
    }
    const mineKeys = new Set(entriesOf(mine.value).map((x) => x.key));
    for (const k of p.map?.keys() ?? []) if (!mineKeys.has(k)) out.push(`${section}.${k}`);
  }
  return out;
}

function extendsHints(model: ZeropsModel, range: Span): InlayHintEntry[] {
  const inRange = (s: SetupModel) => s.extends?.some((e) => e.nodeSpan.end >= range.start && e.nodeSpan.start <= range.end);
  if (!model.setups.some(inRange)) return [];
  const resolved = resolveSetups(model.setups, model.documents[0]);
  const bySetup = new Map(resolved.map((r) => [r.setup, r]));
  const byName = new Map<string, SetupModel>();
  for (const s of model.setups) if (typeof s.name?.value === 'string' && !byName.has(s.name.value)) byName.set(s.name.value, s);
  const out: InlayHintEntry[] = [];
  for (const s of model.setups) {
    if (!inRange(s) || bySetup.get(s)?.cycle) continue;
    for (const e of s.extends ?? []) {
      const parent = byName.get(String(e.value));
      const pr = parent && bySetup.get(parent);
      if (!pr || pr.cycle || parent === s) continue;
      const keys = inheritedKeys(pr.root, s.node);
      const shown = keys.length > 4 ? [...keys.slice(0, 4), `+${keys.length - 4}`] : keys;
      out.push({
        offset: e.nodeSpan.end,
        label: keys.length ? `inherits ${shown.join(', ')}` : 'overrides everything it inherits',
        tooltip: keys.length
          ? `Setup "${String(s.name?.value ?? '')}" takes ${keys.join(', ')} from "${String(e.value)}" (maps merge key by key; lists and values written here replace the inherited ones).`
          : `Setup "${String(s.name?.value ?? '')}" writes every section "${String(e.value)}" has; nothing is left to inherit.`,
        kind: 'inherits',
      });
    }
  }
  return out;
}

/** The hints for the part of the document in `range`. `extra`: services the workspace's other files define. */
export function inlayHints(model: ZeropsModel, range: Span, extra: readonly ServiceModel[] = []): InlayHintEntry[] {
  if (model.kind === 'other' || model.skipped) return [];
  const out = valueHints(model, range, extra);
  if (model.kind === 'zerops-yml') out.push(...extendsHints(model, range));
  return out.sort((a, b) => a.offset - b.offset);
}
