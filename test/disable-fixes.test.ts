import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleFinding } from '../server/src/rules/rule';
import { disableFixes } from '../server/src/service/check/disable-fixes';
import { codeActions, fixAllAction, planPreferredFixes, toDiagnostic } from '../server/src/service/lsp/diagnostics';
import { applyEdits, lint, yaml } from './helpers';

// "Disable <rule> for this line / file": applied, the finding is gone and every other finding stays.

const BAD = ['services:', '  - hostname: cache', '    type: valkey@8', '  - hostname: app', '    type: nodejs@22', '    envSecrets:',
  '      URL: rediss://default:${cache_password}@cache:6380'];

function apply(text: string, rule: string, scope: 'line' | 'file'): string {
  const f = lint(text).find((x) => x.rule === rule);
  assert.ok(f, `${rule} is found in:\n${text}`);
  const fix = disableFixes(text, f).find((x) => x.title === `Disable ${rule} for this ${scope}`);
  assert.ok(fix, `a ${scope} fix for ${rule}`);
  assert.ok(!fix.preferred);
  return applyEdits(text, fix.edits);
}

const rules = (text: string) => lint(text).map((f) => f.rule).sort();

describe('disable for this line', () => {
  test('writes the comment above at the line\'s indentation; only that finding goes', () => {
    const text = yaml(...BAD);
    const before = rules(text);
    assert.ok(before.includes('valkey-version') && before.includes('valkey-tls-internal'));
    const out = apply(text, 'valkey-version', 'line');
    assert.equal(out, text.replace('    type: valkey@8\n', '    # zerops-disable-next-line valkey-version\n    type: valkey@8\n'));
    assert.deepEqual(rules(out), before.filter((r) => r !== 'valkey-version'));
  });

  test('joins a next-line comment already there (with or without a reason), keeping CRLF', () => {
    const text = yaml(...BAD.slice(0, 6), '      # zerops-disable-next-line valkey-no-auth -- checked', BAD[6]).replace(/\n/g, '\r\n');
    const out = apply(text, 'valkey-tls-internal', 'line');
    assert.ok(out.includes('# zerops-disable-next-line valkey-no-auth, valkey-tls-internal -- checked\r\n'));
    assert.ok(!rules(out).includes('valkey-tls-internal'));
  });

  test('no line comment inside a block scalar, where it would become text of the value; the file one stays', () => {
    const text = yaml('#yamlPreprocessor=on', 'services:', '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      KEY: |', '        <@generateRandomStrng(<32>)>');
    const f = lint(text).find((x) => x.rule === 'preprocessor-function');
    assert.ok(f);
    assert.deepEqual(disableFixes(text, f).map((x) => x.title), ['Disable preprocessor-function for this file']);
    // Look-alike: a plain value under the same key is not in a block scalar.
    const plainText = yaml('#yamlPreprocessor=on', 'services:', '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      KEY: <@generateRandomStrng(<32>)>');
    const out = apply(plainText, 'preprocessor-function', 'line');
    assert.ok(!rules(out).includes('preprocessor-function'));
  });
});

describe('disable for this file', () => {
  test('at the top, or after the preprocessor directive, which stays first', () => {
    const text = yaml(...BAD);
    const out = apply(text, 'valkey-tls-internal', 'file');
    assert.ok(out.startsWith('# zerops-disable valkey-tls-internal\nservices:'));
    assert.ok(!rules(out).includes('valkey-tls-internal') && rules(out).includes('valkey-version'));
    const pre = yaml('#zeropsPreprocessor=on', ...BAD);
    const outPre = apply(pre, 'valkey-version', 'file');
    assert.ok(outPre.startsWith('#zeropsPreprocessor=on\n# zerops-disable valkey-version\nservices:'));
    assert.ok(!rules(outPre).includes('valkey-version'));
    // A second one joins the first.
    const twice = apply(out, 'valkey-version', 'file');
    assert.ok(twice.startsWith('# zerops-disable valkey-tls-internal, valkey-version\nservices:'));
    assert.deepEqual(rules(twice).filter((r) => r === 'valkey-version' || r === 'valkey-tls-internal'), []);
  });
});

describe('in code actions', () => {
  test('every diagnostic gets both, after its own fixes, never preferred; fix-all and --fix leave them out', () => {
    const text = yaml(...BAD);
    const doc = TextDocument.create('file:///import.yaml', 'yaml', 1, text);
    const findings: RuleFinding[] = lint(text);
    const diagnostics = findings.map((f) => toDiagnostic(doc, f));
    const actions = codeActions(doc, findings, diagnostics);
    for (const d of diagnostics) {
      const titles = actions.filter((a) => a.diagnostics?.[0] === d).map((a) => a.title);
      assert.deepEqual(titles.slice(-2), [`Disable ${d.code} for this line`, `Disable ${d.code} for this file`]);
    }
    assert.ok(actions.filter((a) => a.title.startsWith('Disable ')).every((a) => !a.isPreferred));
    const all = fixAllAction(doc, findings)!;
    const edits = Object.values(all.edit!.changes!).flat();
    assert.ok(edits.every((e) => !e.newText.includes('zerops-disable')));
    assert.ok(planPreferredFixes(findings).edits.every((e) => !e.newText.includes('zerops-disable')));
  });
});
