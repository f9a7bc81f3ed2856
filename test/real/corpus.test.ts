import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parseZerops } from '../../server/src/model/parse';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validate } from '../../server/src/service/check/validate';
import { indexWorkspace } from '../../server/src/service/workspace';
import { corpusDir } from '../helpers';

// Every real file in ../shared/corpus is linted on every run. Each finding was reviewed by hand and is
// recorded with the reason it is right in fixtures/corpus-findings.json; a new or vanished finding fails.
// UPDATE_CORPUS=1 rewrites the file (keeping existing reasons) for review after a deliberate change.
// Files from one repository (the `owner__repo__` prefix) form one workspace, as they would in an editor:
// a zerops.yml is checked against the services of its repository's import files.

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
  const texts = new Map(files.map((f) => [f, readFileSync(join(CORPUS, f), 'utf8')]));
  const repoOf = (f: string) => f.split('__').slice(0, 2).join('__');
  const workspaces = new Map<string, ReturnType<typeof indexWorkspace>>();
  for (const repo of new Set(files.map(repoOf))) {
    workspaces.set(repo, indexWorkspace(files.filter((f) => repoOf(f) === repo).map((f) => ({ fileName: f, text: texts.get(f)! }))));
  }
  for (const file of files) {
    const text = texts.get(file)!;
    const findings = validate(parseZerops(text, { fileName: file }), DEFAULT_SETTINGS, { external: workspaces.get(repoOf(file))!.servicesFor(file) });
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
