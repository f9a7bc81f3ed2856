import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES } from '../server/src/rules/registry';
import { RULE_EXAMPLES, type RuleExample } from '../server/src/rules/examples';
import { Project } from '../server/src/service/project';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';

// Each rule's example (served by `zerops-lint mcp` explain_rule) is a file the rule really reports, so
// the documentation an agent reads cannot drift from the checks.

const ROOT = '/repo';

/** The findings of an example, with its related files, git remote and files on disk as it declares them. */
export function exampleFindings(ex: RuleExample) {
  const files = ex.needs?.files ?? {};
  const project = new Project({
    // What the example does not declare is unknown (as in a folder that is not a work tree), never "missing".
    filesFor: () => ({ read: (path: string) => files[path] }),
  });
  const path = `${ROOT}/${ex.fileName}`;
  project.open(path, ex.text, 0, { fileName: path });
  for (const r of ex.related ?? []) project.setDiskFile(`${ROOT}/${r.fileName}`, r.text);
  if (ex.needs?.remotes) project.setRepository(ROOT, { remotes: ex.needs.remotes });
  return project.diagnostics(path, DEFAULT_SETTINGS);
}

/** Examples that describe their case instead of holding it: an import file over 100 KB. */
const DESCRIBED = new Set(['file-size']);

describe('rule examples', () => {
  it('every rule has one, and no example names a rule that does not exist', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids.filter((id) => !RULE_EXAMPLES[id]), []);
    assert.deepEqual(Object.keys(RULE_EXAMPLES).filter((id) => !ids.includes(id)), []);
  });

  for (const rule of RULES) {
    const ex = RULE_EXAMPLES[rule.id];
    if (!ex || DESCRIBED.has(rule.id)) continue;
    it(`${rule.id}: its example earns it`, () => {
      const found = exampleFindings(ex).map((f) => f.rule);
      assert.ok(found.includes(rule.id), `the example of ${rule.id} gives ${JSON.stringify(found)}`);
    });
  }

  it('file-size: the described case (an import over 100 KB) earns it', () => {
    const ex = RULE_EXAMPLES['file-size'];
    const padding = `# ${'x'.repeat(120)}\n`.repeat(900);
    const found = exampleFindings({ ...ex, text: ex.text + padding }).map((f) => f.rule);
    assert.ok(found.includes('file-size'), JSON.stringify(found));
    assert.ok(!exampleFindings(ex).some((f) => f.rule === 'file-size'));
  });

  it('every example says why in a sentence', () => {
    for (const [id, ex] of Object.entries(RULE_EXAMPLES)) assert.match(ex.why, /^[A-Z$a-z].{20,}\.$/s, id);
  });
});
