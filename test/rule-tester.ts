import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ServiceModel } from '../server/src/model/types';
import { RULES_BY_ID } from '../server/src/rules/registry';
import type { Severity } from '../server/src/rules/rule';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { validate } from '../server/src/service/check/validate';
import { parseZerops } from '../server/src/model/parse';
import { applyEdits } from './helpers';

// One tester for the rules of every family: a table of files that must stay silent and files that must
// give exactly the findings listed, each case with its own file name (the kind follows from it), and
// where there is a fix, the text after it. The fix must clear its own finding.

interface Case {
  /** What the case shows; the file's text when left out. */
  name?: string;
  code: string;
  /** `import.yaml` unless given; `zerops.yml` makes it a zerops.yml. */
  filename?: string;
  /** Services of the workspace's other files the file is checked against. */
  external?: readonly ServiceModel[];
}

export type ValidCase = Case | string;

export interface InvalidCase extends Case {
  /** Each finding of the rule, as the text its span covers, in file order; or with its level and message. */
  hits: readonly (string | { text: string; severity?: Severity; message?: RegExp })[];
  /** The text after the fix (the preferred or only one, or the one titled `fix`), which clears the finding. */
  output?: string;
  fix?: string | RegExp;
  /** The one finding offers no fix. */
  noFix?: true;
}

function findings(rule: string, c: Case) {
  const model = parseZerops(c.code, { fileName: c.filename ?? 'import.yaml' });
  return validate(model, DEFAULT_SETTINGS, { external: c.external }).filter((f) => f.rule === rule);
}

const nameOf = (c: Case) => c.name ?? c.code.trim().split('\n').slice(-2).join(' ⏎ ').slice(0, 80);

/** `describe(rule)` with a test per case: `valid` cases give nothing, `invalid` ones exactly their `hits`. */
export function ruleTester(rule: string, cases: { valid?: readonly ValidCase[]; invalid?: readonly InvalidCase[] }): void {
  assert.ok(RULES_BY_ID.has(rule), `no rule ${rule}`);
  describe(rule, () => {
    for (const v of cases.valid ?? []) {
      const c = typeof v === 'string' ? { code: v } : v;
      test(`silent: ${nameOf(c)}`, () => {
        assert.deepEqual(findings(rule, c).map((f) => f.message), []);
      });
    }
    for (const c of cases.invalid ?? []) {
      test(`reports: ${nameOf(c)}`, () => {
        const found = findings(rule, c);
        assert.deepEqual(found.map((f) => c.code.slice(f.span.start, f.span.end)), c.hits.map((h) => (typeof h === 'string' ? h : h.text)));
        c.hits.forEach((h, i) => {
          if (typeof h === 'string') return;
          if (h.severity) assert.equal(found[i].severity, h.severity, found[i].message);
          if (h.message) assert.match(found[i].message, h.message);
        });
        if (c.noFix) assert.deepEqual(found.map((f) => f.fixes ?? []), [[]]);
        if (c.output === undefined) return;
        assert.equal(found.length, 1, 'a fix is checked on a case with one finding');
        const fixes = found[0].fixes ?? [];
        const fix = c.fix === undefined
          ? (fixes.length === 1 ? fixes[0] : fixes.find((x) => x.preferred))
          : fixes.find((x) => (typeof c.fix === 'string' ? x.title === c.fix : c.fix!.test(x.title)));
        assert.ok(fix, `no fix ${String(c.fix ?? '')} among ${JSON.stringify(fixes.map((x) => x.title))}`);
        const after = applyEdits(c.code, fix.edits);
        assert.equal(after, c.output);
        // Every fix must make its own finding go away.
        assert.deepEqual(findings(rule, { ...c, code: after }).map((f) => f.message), [], `${rule} is still there after "${fix.title}"`);
      });
    }
  });
}
