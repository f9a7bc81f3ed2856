import type { Span, ZeropsModel } from '../model/types';
import { nearest } from '../util/nearest';
import { lastAtOrBefore } from '../util/search';
import { replace } from './edits';
import { defineRule, type Rule, type RuleFinding } from './rule';

// `# zerops-disable-next-line [id, …]` silences the line below it (every rule when no id is given);
// `# zerops-disable [id, …]` silences the whole file. Ids may be separated by commas or spaces, and
// ` -- ` starts a free-text reason.

export const SUPPRESSION_RULE_ID = 'suppression-unknown-rule';

export interface SuppressionComment {
  scope: 'next-line' | 'file';
  /** The 0-based line the comment silences (for `next-line`). */
  line: number;
  /** Named ids with their spans; empty means every rule. */
  ids: { id: string; span: Span }[];
}

const COMMENT = /(?:^|[ \t])#[ \t]*zerops-disable(-next-line)?(?=[ \t]|$)([^\r\n]*)/;

export function parseSuppressions(text: string): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  if (!text.includes('zerops-disable')) return out;
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const lineText = text.slice(start, end);
    if (lineText.includes('zerops-disable')) {
      const m = COMMENT.exec(lineText);
      if (m) {
        const argsAt = start + (m.index ?? 0) + m[0].length - m[2].length;
        const reason = m[2].indexOf(' -- ');
        const args = reason >= 0 ? m[2].slice(0, reason) : m[2];
        const ids: SuppressionComment['ids'] = [];
        for (const idm of args.matchAll(/[^\s,]+/g)) {
          const at = argsAt + (idm.index ?? 0);
          ids.push({ id: idm[0], span: { start: at, end: at + idm[0].length } });
        }
        out.push({ scope: m[1] ? 'next-line' : 'file', line: line + 1, ids });
      }
    }
    if (nl < 0) break;
    start = nl + 1;
    line++;
  }
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const lineOf = (starts: readonly number[], offset: number): number => lastAtOrBefore(starts.length, (i) => starts[i], offset);

/** Drops the findings that suppression comments silence. A wrong id in a comment is never silenced. */
export function applySuppressions(text: string, findings: RuleFinding[], comments = parseSuppressions(text)): RuleFinding[] {
  if (!comments.length) return findings;
  const wholeFile = new Set<string>();
  let allFile = false;
  const byLine = new Map<number, Set<string> | 'all'>();
  for (const c of comments) {
    if (c.scope === 'file') {
      if (!c.ids.length) allFile = true;
      for (const { id } of c.ids) wholeFile.add(id);
      continue;
    }
    const prev = byLine.get(c.line);
    if (!c.ids.length || prev === 'all') byLine.set(c.line, 'all');
    else byLine.set(c.line, new Set([...(prev ?? []), ...c.ids.map((x) => x.id)]));
  }
  const starts = lineStarts(text);
  return findings.filter((f) => {
    if (f.rule === SUPPRESSION_RULE_ID) return true;
    if (allFile || wholeFile.has(f.rule)) return false;
    const here = byLine.get(lineOf(starts, f.span.start));
    return !(here === 'all' || here?.has(f.rule));
  });
}

/** The rule that reports an id no rule has; the registry passes in the ids it knows. */
export function suppressionRule(knownIds: () => readonly string[]): Rule {
  return defineRule({
    id: SUPPRESSION_RULE_ID,
    severity: 'warning',
    summary: 'A `# zerops-disable…` comment names a rule id that does not exist, so it silences nothing.',
    fix: 'The nearest rule id.',
    kinds: ['import', 'zerops-yml'],
    inline: false,
    perDocument({ memo }, report) {
      const ids = knownIds();
      for (const c of memo('suppressions', (m: ZeropsModel) => parseSuppressions(m.text))) {
        for (const { id, span } of c.ids) {
          if (ids.includes(id)) continue;
          const guess = nearest(id, ids);
          report({
            span,
            message: `No rule has the id "${id}"${guess ? `; did you mean "${guess}"?` : ''}, so this comment silences nothing. The ids are listed in the rule docs.`,
            fixes: guess ? [{ title: `Change to ${guess}`, edits: [replace(span, guess)], preferred: true }] : [],
          });
        }
      }
    },
  });
}
