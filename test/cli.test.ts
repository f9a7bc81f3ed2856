import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';

// The zerops-lint CLI as a user runs it: the bundled dist/cli.js on real files.

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const DIR = mkdtempSync(join(tmpdir(), 'zerops-lint-test-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

interface Position { line: number; character: number }
interface Range { start: Position; end: Position }
interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  fixes: { title: string; edits: { range: Range; newText: string }[]; preferred?: boolean }[];
}
interface JsonResult { file: string; diagnostics: JsonDiagnostic[] }

function write(name: string, text: string): string {
  const file = join(DIR, name);
  writeFileSync(file, text);
  return file;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.error, undefined, `running the CLI failed: ${String(r.error)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(stdout: string): JsonResult[] {
  try {
    return JSON.parse(stdout) as JsonResult[];
  } catch {
    assert.fail(`stdout is not JSON: ${stdout}`);
  }
}

const VALKEY8_HA = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: HA\n';
/** The `8` of `valkey@8`: line 2 (0-based), characters 17..18. */
const VERSION_RANGE: Range = { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } };

const CORRECT = [
  'project:',
  '  name: demo',
  'services:',
  '  - hostname: cache',
  '    type: valkey@7.2',
  '    mode: HA',
  '  - hostname: api',
  '    type: nodejs@22',
  '    envSecrets:',
  '      REDIS_URL: ${cache_connectionString}',
  '',
].join('\n');

describe('zerops-lint', () => {
  test('--format json reports valkey@8 with its range and fix, exit 1', () => {
    const line = VALKEY8_HA.split('\n')[2];
    assert.equal(VERSION_RANGE.start.character, line.indexOf('valkey@8') + 'valkey@'.length);
    const file = write('import.yaml', VALKEY8_HA);
    const r = run('--format', 'json', file);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const out = json(r.stdout);
    assert.equal(out.length, 1);
    assert.equal(out[0].file, file);
    assert.equal(out[0].diagnostics.length, 1, JSON.stringify(out[0].diagnostics));
    const d = out[0].diagnostics[0];
    assert.equal(d.code, 'valkey-version');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, VERSION_RANGE);
    assert.deepEqual(d.fixes[0].edits[0], { range: VERSION_RANGE, newText: '7.2' });
  });

  test('--format=json works too', () => {
    const file = write('import-eq.yaml', VALKEY8_HA);
    const r = run(`--format=json`, file);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(json(r.stdout)[0].diagnostics[0].code, 'valkey-version');
  });

  test('a correct file exits 0 with no diagnostics', () => {
    const file = write('ok.import.yml', CORRECT);
    const r = run('--format', 'json', file);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(json(r.stdout), [{ file, diagnostics: [] }]);
  });

  test('text format prints path:line:col (1-based) and a summary', () => {
    const file = write('text.yaml', VALKEY8_HA);
    const r = run(file);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    const hit = lines.filter((l) => l.endsWith('[valkey-version]'));
    assert.equal(hit.length, 1, r.stdout);
    const col = VERSION_RANGE.start.character + 1;
    assert.ok(hit[0].startsWith(`${file}:3:${col} error `), hit[0]);
    assert.ok(lines.some((l) => l.includes('1 problem') && !l.includes('1 problems')), r.stdout);
  });

  test('usage errors exit 2 with a message on stderr', () => {
    const file = write('usage.yaml', VALKEY8_HA);
    const cases: [string[], RegExp][] = [
      [[], /no files/],
      [['--bogus', file], /unknown option --bogus/],
      [['--format', 'xml', file], /--format.*xml/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  test('a missing file exits 2 and names the file', () => {
    const missing = join(DIR, 'does-not-exist.yaml');
    const r = run(missing);
    assert.equal(r.status, 2, r.stdout);
    assert.ok(r.stderr.includes(missing), r.stderr);
  });

  test('--help exits 0 with usage', () => {
    const r = run('--help');
    assert.equal(r.status, 0);
    assert.ok(r.stdout.includes('Usage: zerops-lint'), r.stdout);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `zerops-lint ${pkg.version}\n`);
  });

  test('warnings alone exit 0', () => {
    const file = write('warn.yaml', 'services:\n  - hostname: cache\n    type: valkey@7.2\n');
    const r = run('--format', 'json', file);
    assert.equal(r.status, 0, r.stdout);
    const [result] = json(r.stdout);
    assert.ok(result.diagnostics.length > 0, 'expected at least one warning');
    assert.deepEqual(result.diagnostics.map((d) => d.severity), result.diagnostics.map(() => 'warning'));
    assert.deepEqual(result.diagnostics.map((d) => d.code), ['valkey-mode-missing']);
  });
});
