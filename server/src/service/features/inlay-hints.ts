import type { ServiceModel, Span, ZeropsModel } from '../../model/types';
import type { InlayHintEntry } from './feature';
import { featuresOf } from './kinds';
import { resolveReference } from './resolve';

// Inlay hints, in offsets: after each `${host_variable}` the value it resolves to (secrets masked, see
// resolve.ts), for every kind, and what a kind adds (registered in kinds.ts: after each name of a
// zerops.yml `extends`, what the setup inherits from it). Only what lies in the asked range is computed:
// an editor asks for the lines it shows.

export type { InlayHintEntry } from './feature';

/** A hint stays one short line: long values are cut. */
const MAX_LABEL = 60;

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

/** The hints for the part of the document in `range`. `extra`: services the workspace's other files define. */
export function inlayHints(model: ZeropsModel, range: Span, extra: readonly ServiceModel[] = []): InlayHintEntry[] {
  if (model.kind === 'other' || model.skipped) return [];
  const out = valueHints(model, range, extra);
  out.push(...(featuresOf(model.kind).hints?.(model, range) ?? []));
  return out.sort((a, b) => a.offset - b.offset);
}
