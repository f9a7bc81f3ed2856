import type { RuleFinding } from '../../rules/rule';
import type { HoverResult } from './feature';

// A hover over a place that has a diagnostic: editors show the diagnostic's message in the same hover box,
// so the hover's own warning paragraphs (those starting with ⚠) would say it twice. They are dropped
// there; where no diagnostic is shown (the rule is off, or the spot has none) the hover keeps them.

const WARNING = /^(?:\*\*)?⚠/;

export function hideRepeatedWarnings(h: HoverResult, shown: readonly RuleFinding[]): HoverResult {
  const overlaps = shown.some((f) => f.span.start <= h.span.end && h.span.start <= f.span.end);
  if (!overlaps) return h;
  const kept = h.markdown.split('\n\n').filter((p) => !WARNING.test(p.trimStart()));
  return kept.length ? { ...h, markdown: kept.join('\n\n') } : h;
}
