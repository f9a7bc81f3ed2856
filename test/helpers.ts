import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseZerops } from '../server/src/model/parse';
import type { Fix, OffsetEdit, RuleFinding } from '../server/src/rules/rule';
import { DEFAULT_SETTINGS, type ZeropsSettings } from '../server/src/service/settings';
import { validate, type ValidateOptions } from '../server/src/service/check/validate';

/** What a check knows beyond its file (the workspace's services, the remotes, files on disk) and the settings. */
export type LintContext = Omit<ValidateOptions, 'rules' | 'onRuleError'> & { settings?: ZeropsSettings };

/** Every finding of `text` checked as the file `fileName`, with what `context` gives it. */
export function lint(text: string, fileName = 'import.yaml', context: LintContext = {}): RuleFinding[] {
  const { settings = DEFAULT_SETTINGS, ...options } = context;
  return validate(parseZerops(text, { fileName }), settings, options);
}

/** Findings of one rule, as `text-under-span` so a test reads like the file. */
export function hits(text: string, rule: string, fileName = 'import.yaml'): string[] {
  return lint(text, fileName).filter((f) => f.rule === rule).map((f) => text.slice(f.span.start, f.span.end));
}

export function only(text: string, rule: string, fileName = 'import.yaml'): RuleFinding {
  const found = lint(text, fileName).filter((f) => f.rule === rule);
  assert.equal(found.length, 1, `expected exactly one ${rule}, got ${JSON.stringify(found.map((f) => f.message))}`);
  return found[0];
}

export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].span.end <= sorted[i - 1].span.start, 'edits overlap');
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Applies the fix titled `title` (or the only/preferred one) of the one finding of `rule`. */
export function fixed(text: string, rule: string, title?: string | RegExp, fileName = 'import.yaml'): string {
  const f = only(text, rule, fileName);
  const fixes = f.fixes ?? [];
  let fix: Fix | undefined;
  if (title === undefined) fix = fixes.length === 1 ? fixes[0] : fixes.find((x) => x.preferred);
  else fix = fixes.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(fix, `no fix ${String(title)} among ${JSON.stringify(fixes.map((x) => x.title))}`);
  const after = applyEdits(text, fix.edits);
  // Every fix must make its own diagnostic go away.
  assert.deepEqual(lint(after, fileName).filter((x) => x.rule === rule).map((x) => x.message), [], `${rule} is still there after "${fix.title}"`);
  return after;
}

/** lint, hits, only and fixed for files named `fileName` (`zerops.yml`, `stage.import.yml`). */
export function forFile(fileName: string) {
  return {
    lint: (text: string) => lint(text, fileName),
    hits: (text: string, rule: string) => hits(text, rule, fileName),
    only: (text: string, rule: string) => only(text, rule, fileName),
    fixed: (text: string, rule: string, title?: string | RegExp) => fixed(text, rule, title, fileName),
  };
}

/** Builds an import file from lines, so indentation in tests stays readable. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** An import file of one service named `app` of `type`, with more lines under it. */
export const svc = (type: string, ...more: string[]) => yaml('services:', '  - hostname: app', `    type: ${type}`, ...more.map((l) => `    ${l}`));

/** A zerops.yml of one setup `app` with the given lines under it (indented for you). */
export const setup = (...lines: string[]) => yaml('zerops:', '  - setup: app', ...lines.map((l) => `    ${l}`));

/** A correct Node.js setup, with more lines under `run`. */
export const node = (...run: string[]) => setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', '  deployFiles: ./', 'run:', '  base: nodejs@22', '  start: node index.js', ...run.map((l) => `  ${l}`));

/**
 * The real Zerops files (npm run test:real only): $ZEROPS_CORPUS, else ../shared/corpus beside the clone.
 * They are third-party files kept outside the repository, so their absence fails loudly instead of skipping.
 */
export function corpusDir(): string {
  const dir = process.env.ZEROPS_CORPUS ?? resolve(__dirname, '../../../shared/corpus');
  if (!existsSync(dir)) {
    throw new Error(`the real Zerops corpus is not at ${dir}: npm run test:real needs it (set ZEROPS_CORPUS to its folder, or put shared/corpus beside the clone); npm test does not`);
  }
  return dir;
}

/** Realistic Zerops files written for these tests (test/fixtures/samples): what npm test uses where the corpus used to serve. */
export const SAMPLES = resolve(__dirname, '../../test/fixtures/samples');

/** The YAML files of a folder, sorted, with their text. */
export function yamlFiles(dir: string): { name: string; text: string }[] {
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Text with a cursor mark (`|`, or `‸` where the text itself holds a `|`) -> the text and the offset of the mark. */
export function atCursor(marked: string): { text: string; offset: number } {
  const offset = marked.includes('‸') ? marked.indexOf('‸') : marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor mark');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/**
 * Fails if `text` (CLI output, a hover, a message) shows any of `secrets`, whole or in part: every run of
 * eight characters of a secret (the whole secret when shorter) counts as a leak.
 */
export function assertNoSecretLeak(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    const width = Math.min(8, secret.length);
    for (let i = 0; i + width <= secret.length; i++) {
      const piece = secret.slice(i, i + width);
      assert.ok(!text.includes(piece), `secret leaked: "${piece}" (from a secret of ${secret.length} characters) appears in the output`);
    }
  }
}
