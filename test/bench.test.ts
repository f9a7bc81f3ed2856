import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { GROUP, generate } from '../bench/generate';
import { generateZeropsYml, zeropsYmlEditValue } from '../bench/generate-zerops-yml';
import { busyPositions, logLevelValue } from '../bench/positions';
import { parseZerops } from '../server/src/model/parse';
import { complete } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { runRules } from '../server/src/service/check/validate';

// The benchmark's files must stay what its numbers claim: realistic weight, valid YAML, clean for the
// linter (but for the size limit above 100 KB), and the busy positions must land on what they name.

const rulesOf = (text: string) => runRules(parseZerops(text, { fileName: 'import.yaml' })).map((f) => f.rule);

for (const spelling of ['mixed', 'composite'] as const) {
  test(`the 400-service ${spelling} file weighs 90–110 KB, parses without errors and lints clean`, () => {
    const text = generate(400, spelling);
    const kb = Buffer.byteLength(text) / 1024;
    assert.ok(kb >= 90 && kb <= 110, `${kb.toFixed(1)} KB`);
    assert.deepEqual(parseDocument(text).errors, []);
    assert.equal((text.match(/^ {2}- hostname: /gm) ?? []).length, 400);
    assert.deepEqual(rulesOf(text), []);
  });
}

test('a file over 100 KB has the size error and nothing else', () => {
  assert.deepEqual(rulesOf(generate(1000)), ['file-size']);
});

test('a file cut inside a group refers only to services it holds', () => {
  for (let n = 1; n <= GROUP.length * 2 + 1; n++) assert.deepEqual(rulesOf(generate(n)), [], `${n} services`);
});

test('the busy positions are a cache password reference and a 6379 port in the middle group', () => {
  const text = generate(400);
  const at = busyPositions(text, 400);
  assert.match(text.slice(at.reference - 20, at.reference + 10), /\$\{cache40_password\}/);
  assert.equal(text.slice(at.port - 2, at.port + 2), '6379');
  const model = parseZerops(text, { fileName: 'import.yaml' });
  assert.match(hover(model, at.reference)?.markdown ?? '', /password/i);
  assert.match(hover(model, at.port)?.markdown ?? '', /6379/);
  assert.ok(complete(model, at.referenceVariable).some((e) => e.label === 'password'));
  const v = logLevelValue(text, 400);
  assert.equal(text.slice(v.offset, v.offset + v.length), 'info');
  assert.equal(text.split('\n')[v.line].slice(v.start, v.end), 'info');
});

test('the generated zerops.yml: the setups asked for, valid YAML, clean for the linter, the edit on the middle LOG_LEVEL', () => {
  for (const n of [1, 2, 3, 4, 300]) {
    const text = generateZeropsYml(n);
    assert.deepEqual(parseDocument(text).errors, [], `${n} setups`);
    assert.equal((text.match(/^ {2}- setup: /gm) ?? []).length, n);
    assert.deepEqual(runRules(parseZerops(text, { fileName: 'zerops.yml' })).map((f) => `${f.rule}: ${f.message}`), [], `${n} setups`);
  }
  const text = generateZeropsYml(300);
  const edit = zeropsYmlEditValue(text, 300);
  assert.equal(text.slice(edit.offset, edit.offset + edit.length), 'info');
  assert.equal(text.split('\n')[edit.line].slice(edit.start, edit.end), 'info');
  assert.ok(text.lastIndexOf('- setup: ', edit.offset) === text.indexOf('  - setup: base50\n') + 2);
});
