import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after } from 'node:test';

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
