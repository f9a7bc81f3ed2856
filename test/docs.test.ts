import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { RULES, RULE_DOCS_BASE, ruleDocUrl } from '../server/src/rules/registry';
import { severityLabel } from '../server/src/rules/rule';
import { SUPPRESSION_RULE_ID } from '../server/src/rules/suppression';

// The rule table in the README and docs/rules.md are generated from the registry, so they cannot drift
// from what the server does. `npm run docs` rewrites both; this test fails while they are stale.

const ROOT = resolve(__dirname, '../..');
const cell = (s: string) => s.replace(/\|/g, '\\|');

function readmeTable(): string {
  const rows = RULES.map((r) => `| [\`${r.id}\`](docs/rules.md#${r.id}) | ${severityLabel(r)} | ${cell(r.summary)} | ${cell(r.fix ?? '—')} |`);
  return ['| id | default | fires when | fix |', '|---|---|---|---|', ...rows].join('\n');
}

function rulesDoc(): string {
  const parts = [
    '# Rules',
    '',
    '<!-- Generated from server/src/rules by `npm run docs`; edit the rules, not this file. -->',
    '',
    'Every diagnostic carries `source: "zerops"` and one of these ids as its `code`. Change a level with the',
    '`zerops.rules` setting (`{ "<id>": "error" | "warning" | "info" | "hint" | "off" }`).',
    '',
    '## Suppression comments',
    '',
    '- `# zerops-disable-next-line <id>[, <id>…]` silences those rules on the line below; with no id, every rule on it.',
    '- `# zerops-disable <id>[, <id>…]` anywhere in the file silences those rules in the whole file; with no id, every rule.',
    '- Ids may be separated by commas or spaces; ` -- ` starts a free-text reason.',
    `- An id that no rule has is reported as [\`${SUPPRESSION_RULE_ID}\`](#${SUPPRESSION_RULE_ID}), so a typo never silences something by accident.`,
    '',
  ];
  for (const r of RULES) {
    parts.push(`## ${r.id}`, '', `Default: **${severityLabel(r)}**. Checks: ${r.kinds.map((k) => (k === 'import' ? 'import files' : 'zerops.yml')).join(', ')}.`, '', r.summary, '');
    parts.push(r.fix ? `Quick fix: ${r.fix}` : 'No automatic fix.', '');
  }
  return parts.join('\n');
}

const MARK_START = '<!-- rules:start -->';
const MARK_END = '<!-- rules:end -->';

test('README rule table and docs/rules.md match the rule registry', () => {
  const readmePath = join(ROOT, 'README.md');
  const docPath = join(ROOT, 'docs/rules.md');
  const readme = readFileSync(readmePath, 'utf8');
  const a = readme.indexOf(MARK_START);
  const b = readme.indexOf(MARK_END);
  assert.ok(a >= 0 && b > a, 'README has the rules markers');
  const wantReadme = `${readme.slice(0, a + MARK_START.length)}\n${readmeTable()}\n${readme.slice(b)}`;
  const wantDoc = rulesDoc();
  if (process.env.UPDATE_DOCS === '1') {
    writeFileSync(readmePath, wantReadme);
    writeFileSync(docPath, wantDoc);
  }
  assert.equal(readme, wantReadme, 'README rule table is stale: run npm run docs');
  assert.equal(readFileSync(docPath, 'utf8'), wantDoc, 'docs/rules.md is stale: run npm run docs');
});

test('the zerops.rules setting offers every rule id with its levels, for completion in settings.json', () => {
  const pkgPath = join(ROOT, 'package.json');
  const raw = readFileSync(pkgPath, 'utf8');
  const pkg = JSON.parse(raw);
  const levels = ['error', 'warning', 'info', 'hint', 'off'];
  const rules = pkg.contributes.configuration.properties['zerops.rules'];
  rules.properties = Object.fromEntries(RULES.map((r) => [r.id, { type: 'string', enum: levels, markdownDescription: `${r.summary} Default: \`${severityLabel(r)}\`.` }]));
  const want = `${JSON.stringify(pkg, null, 2)}\n`;
  if (process.env.UPDATE_DOCS === '1') writeFileSync(pkgPath, want);
  assert.equal(raw, want, 'package.json zerops.rules is stale: run npm run docs');
});

test('every rule id is unique, kebab-case, and links to its own section', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.equal(ruleDocUrl(id), `${RULE_DOCS_BASE}#${id}`);
  }
});
