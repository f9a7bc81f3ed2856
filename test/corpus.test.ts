import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { corpusDir, lint } from './helpers';

// Every real file in ../shared/corpus is linted on every run. Each finding was reviewed by hand and is
// recorded with the reason it is right in fixtures/corpus-findings.json; a new or vanished finding fails.
// UPDATE_CORPUS=1 rewrites the file (keeping existing reasons) for review after a deliberate change.

const ROOT = resolve(__dirname, '../..');
const CORPUS = corpusDir();
const EXPECTED = join(ROOT, 'test/fixtures/corpus-findings.json');

interface Expected {
  at: string;
  rule: string;
  why: string;
}

test('every corpus file lints without a crash, and gives exactly the reviewed findings', () => {
  assert.ok(existsSync(CORPUS), `corpus not found at ${CORPUS} (set ZEROPS_CORPUS)`);
  const files = readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.equal(files.length, 62, 'the corpus holds 62 files');
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, Expected[]>;
  const actual: Record<string, Expected[]> = {};
  for (const file of files) {
    const text = readFileSync(join(CORPUS, file), 'utf8');
    const findings = lint(text, file);
    const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
    const colOf = (offset: number) => offset - text.lastIndexOf('\n', offset - 1);
    const got = findings.map((f) => {
      const at = `${lineOf(f.span.start)}:${colOf(f.span.start)}`;
      const why = expected[file]?.find((e) => e.at === at && e.rule === f.rule)?.why ?? 'UNREVIEWED';
      return { at, rule: f.rule, why };
    });
    if (got.length) actual[file] = got;
  }
  if (process.env.UPDATE_CORPUS === '1') writeFileSync(EXPECTED, `${JSON.stringify(actual, null, 2)}\n`);
  const strip = (m: Record<string, Expected[]>) => Object.fromEntries(Object.entries(m).map(([f, l]) => [f, l.map((e) => `${e.at} ${e.rule}`)]));
  assert.deepEqual(strip(actual), strip(expected));
  for (const [file, list] of Object.entries(expected)) {
    for (const e of list) assert.ok(e.why && e.why !== 'UNREVIEWED', `${file} ${e.at} ${e.rule} has no review note`);
  }
});
