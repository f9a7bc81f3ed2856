import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { planPreferredFixes } from '../server/src/service/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { validate } from '../server/src/service/check/validate';
import { applyEdits, yamlFiles } from './helpers';

// Running zerops-lint as a user does: the bundled dist/cli.js, in a folder of real files.

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist/cli.js');

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: Range;
  fixes: { title: string; edits: { range: Range; newText: string }[]; preferred?: boolean }[];
}
export interface JsonResult { file: string; diagnostics: JsonDiagnostic[] }

export interface Run { status: number | null; stdout: string; stderr: string }

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'zerops-lint-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (relative path -> text) under `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

/** Without NO_COLOR/FORCE_COLOR from the environment the tests run in, unless a test sets them. */
export function run(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000, cwd: options.cwd ?? ROOT, env: { ...env, ...options.env } });
  assert.equal(r.error, undefined, `running the CLI failed: ${String(r.error)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function json(stdout: string): JsonResult[] {
  try {
    return JSON.parse(stdout) as JsonResult[];
  } catch {
    assert.fail(`stdout is not JSON: ${stdout}`);
  }
}

/** file -> rule codes, for comparing whole runs at a glance. */
export function codes(results: readonly JsonResult[]): Record<string, string[]> {
  return Object.fromEntries(results.map((r) => [r.file, r.diagnostics.map((d) => d.code)]));
}

export const VALKEY8_HA = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: HA\n';
/** Only a warning: valkey-mode-missing. */
export const NO_MODE = 'services:\n  - hostname: cache\n    type: valkey@7.2\n';

/** The preferred fixes of a file, as --fix plans them. */
export function plan(text: string, fileName: string) {
  return planPreferredFixes(validate(parseZerops(text, { fileName }), DEFAULT_SETTINGS));
}

/**
 * `zerops-lint --fix` on copies of the YAML files of `srcDir`: exactly the preferred fixes' ranges change,
 * each fix is reported, and a second run has nothing left to fix. Returns how many fixes were applied.
 */
export function fixRoundTrip(srcDir: string): number {
  const dir = tempDir();
  const names = yamlFiles(srcDir).map((f) => f.name);
  const before = new Map<string, string>();
  const expected = new Map<string, string>();
  let fixesExpected = 0;
  for (const name of names) {
    copyFileSync(join(srcDir, name), join(dir, name));
    const text = readFileSync(join(dir, name), 'utf8');
    before.set(name, text);
    // Pass after pass, as --fix does (a fix can make another one possible: valkey@8 → 7.2, then its mode).
    let fixed = text;
    for (let pass = 0; pass < 5; pass++) {
      const p = plan(fixed, join(dir, name));
      assert.deepEqual(p.clashed, [], name);
      if (!p.edits.length) break;
      fixed = applyEdits(fixed, p.edits);
      fixesExpected += p.applied.length;
    }
    assert.deepEqual(plan(fixed, join(dir, name)).edits, [], `${name} still has fixes after 5 passes`);
    expected.set(name, fixed);
  }

  const first = run(['--fix', '*.y*ml'], { cwd: dir });
  assert.notEqual(first.status, 2, first.stderr);
  const reported = first.stderr.split('\n').filter((l) => / fixed: .* \[[a-z-]+\]$/.test(l));
  assert.equal(reported.length, fixesExpected, first.stderr);
  const changed: string[] = [];
  for (const name of names) {
    const now = readFileSync(join(dir, name), 'utf8');
    assert.equal(now, expected.get(name), name);
    if (now !== before.get(name)) changed.push(name);
  }
  assert.deepEqual(changed.sort(), [...new Set(reported.map((l) => l.slice(0, l.indexOf(':'))))].sort());

  const second = run(['--fix', '-f', 'json', '*.y*ml'], { cwd: dir });
  assert.doesNotMatch(second.stderr, / fixed: /);
  for (const name of names) assert.equal(readFileSync(join(dir, name), 'utf8'), expected.get(name), name);
  const leftover = json(second.stdout).flatMap((r) => r.diagnostics.filter((d) => d.fixes.some((f) => f.preferred)).map((d) => `${r.file} ${d.code}`));
  assert.deepEqual(leftover, []);
  return fixesExpected;
}
