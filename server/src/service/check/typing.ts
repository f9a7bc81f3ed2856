import type { RuleFinding } from '../../rules/rule';

// What an editor shows differs from what the CLI reports in two places, both about a file being typed:
//
// - A new, empty zerops.yml is not an error yet: the editor shows, as information, what to write. The CLI
//   keeps its error (zcli refuses to push an empty file).
// - A reference being typed (`${redis_` that the editor closed to `${redis_}`, while the completion list
//   is open) is not reported while it is typed. The server cannot see the completion list, so it uses what
//   it can see: a reference finding whose span holds the place the last change touched is held back from
//   the check that follows that change, and is published by the next check after a quiet period with no
//   change (the server schedules it). Any other finding, and a finding elsewhere, is published at once.

/** Rules about a `${host_variable}` reference: what a half-typed reference trips. */
const REFERENCE_RULES: ReadonlySet<string> = new Set(['reference-unknown-variable', 'reference-unknown-service', 'reference-unknown-local']);

const EMPTY_MESSAGE = 'This zerops.yml is empty. Start it with "zerops:" and a "- setup: <hostname>" entry (completion offers them); '
  + 'zcli refuses to push an empty file, and "zerops-lint" reports it as an error.';

export interface EditorFindings {
  findings: RuleFinding[];
  /** Some findings were held back because they sit where the last change was typed. */
  held: boolean;
}

/** The offset where `after` first differs from `before`: where the change that made it happened. */
export function changeOffset(before: string, after: string): number {
  const n = Math.min(before.length, after.length);
  let i = 0;
  while (i < n && before.charCodeAt(i) === after.charCodeAt(i)) i++;
  return i;
}

/** The findings an editor shows: `typedAt` is where the last change was typed (undefined on a quiet check). */
export function editorFindings(findings: readonly RuleFinding[], typedAt: number | undefined): EditorFindings {
  const out: RuleFinding[] = [];
  let held = false;
  for (const f of findings) {
    if (f.rule === 'file-empty') {
      out.push({ ...f, severity: 'info', message: EMPTY_MESSAGE });
      continue;
    }
    if (typedAt !== undefined && REFERENCE_RULES.has(f.rule) && f.span.start <= typedAt && typedAt <= f.span.end) {
      held = true;
      continue;
    }
    out.push(f);
  }
  return { findings: out, held };
}
