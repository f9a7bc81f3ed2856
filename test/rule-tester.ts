import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { filesUnder } from '../server/src/file-access';
import type { ServiceModel } from '../server/src/model/types';
import { RULES_BY_ID } from '../server/src/rules/registry';
import type { RuleFinding, Severity } from '../server/src/rules/rule';
import type { ZeropsSettings } from '../server/src/service/settings';
import type { ValidateOptions } from '../server/src/service/check/validate';
import { indexWorkspace } from '../server/src/service/workspace';
import { applyEdits, assertNoSecretLeak, lint } from './helpers';

// One tester for the rules of every family: a table of files that must stay silent and files that must
// give exactly the findings listed, each case with its own file name (the kind follows from it), and
// where there is a fix, the text after it. The fix must clear its own finding. What a rule reads beyond
// its file (the workspace's import files, the git remotes, the files on disk) is given per case.

interface Case {
  /** What the case shows; the file's text when left out. */
  name?: string;
  code: string;
  /** `import.yaml` unless given (or the table's); `zerops.yml` makes it a zerops.yml; may hold folders. */
  filename?: string;
  /** Services of the workspace's other files the file is checked against. */
  external?: readonly ServiceModel[];
  /**
   * The other files of the workspace: the file is indexed with them under `filename`, and checked with
   * the services and the context (siblings, file name) the index gives it, as the server does.
   */
  workspace?: readonly { fileName: string; text: string }[];
  /** The git remotes of the repository around the file. */
  repository?: { remotes: readonly string[] };
  /**
   * Files on disk around the checked file, written to a temporary folder for the case: `git` adds a
   * `.git/HEAD` (a work tree); `at` is the checked file's folder inside it (the root unless given).
   */
  disk?: { files: Record<string, string>; git?: boolean; at?: string };
  /** Anything else of the check's context (the file name it is told, siblings, repository setups). */
  context?: Omit<ValidateOptions, 'rules' | 'onRuleError'>;
  settings?: ZeropsSettings;
}

export type ValidCase = Case | string;

/** A finding, as the text its span covers; with more of it to check when it is an object. */
export type Hit = string | {
  text: string;
  /** Where the span starts, when the text is not enough to tell. */
  at?: number;
  severity?: Severity;
  /** The message: equal to a string, or matching a pattern, or every pattern of a list. */
  message?: string | RegExp | readonly RegExp[];
  /** The related places, in order: the text each covers, or where it starts. */
  related?: readonly (string | number)[];
  tags?: readonly string[];
};

export interface InvalidCase extends Case {
  /** Each finding of the rule, in file order. */
  hits: readonly Hit[];
  /** The level of every finding (a hit's own `severity` wins). */
  severity?: Severity;
  /** The text after the fix (the preferred or only one, or the one titled `fix`), which clears the finding. */
  output?: string;
  fix?: string | RegExp;
  /** The text after the fix has no finding of any rule. */
  clean?: true;
  /** The one finding offers no fix. */
  noFix?: true;
  /** Secrets no message, related message or fix title of the findings may show, whole or in part. */
  hides?: readonly string[];
  /** The one finding's fixes in order: titles, or [title, preferred]. */
  offers?: readonly (string | readonly [string, boolean])[];
}

export interface RuleCases {
  /** The file name of the cases that give none. */
  filename?: string;
  valid?: readonly ValidCase[];
  invalid?: readonly InvalidCase[];
}

/** Cases by rule id: what a family's table module exports. */
export type RuleTable = Readonly<Record<string, RuleCases>>;

/** Writes `files` to a fresh temporary folder (removed by `cleanup`) and gives read access from `at` inside it. */
function onDisk(disk: NonNullable<Case['disk']>, cleanup: (() => void)[]) {
  const dir = mkdtempSync(join(tmpdir(), 'zerops-rule-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const files = disk.git ? { ...disk.files, '.git/HEAD': 'ref: refs/heads/main\n' } : disk.files;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const at = join(dir, disk.at ?? '');
  mkdirSync(at, { recursive: true });
  return filesUnder(dir, at);
}

/** Every finding of the case's file, checked with the context the case gives. */
function allFindings(c: Case, fileName: string): RuleFinding[] {
  const cleanup: (() => void)[] = [];
  try {
    const options: ValidateOptions = {};
    if (c.workspace) {
      const index = indexWorkspace([{ fileName, text: c.code }, ...c.workspace]);
      Object.assign(options, index.contextFor(fileName), { external: index.servicesFor(fileName) });
    }
    if (c.external) options.external = c.external;
    if (c.repository) options.repository = c.repository;
    // Files on disk come with the file's own name, as the server and the CLI give both.
    if (c.disk) Object.assign(options, { files: onDisk(c.disk, cleanup), fileName: basename(fileName) });
    Object.assign(options, c.context);
    return lint(c.code, fileName, { ...options, settings: c.settings });
  } finally {
    for (const f of cleanup) f();
  }
}

const findings = (rule: string, c: Case, fileName: string) => allFindings(c, fileName).filter((f) => f.rule === rule);

const nameOf = (c: Case) => c.name ?? c.code.trim().split('\n').slice(-2).join(' ⏎ ').slice(0, 80);

function checkHit(text: string, f: RuleFinding, h: Hit, severity: Severity | undefined): void {
  const want = typeof h === 'string' ? { text: h } : h;
  const level = want.severity ?? severity;
  if (want.at !== undefined) assert.equal(f.span.start, want.at, f.message);
  if (level) assert.equal(f.severity, level, f.message);
  if (typeof want.message === 'string') assert.equal(f.message, want.message);
  else if (want.message) for (const m of want.message instanceof RegExp ? [want.message] : want.message) assert.match(f.message, m);
  if (want.related) {
    assert.deepEqual((f.related ?? []).map((r, i) => (typeof want.related![i] === 'number' ? r.span.start : text.slice(r.span.start, r.span.end))), want.related);
  }
  if (want.tags) assert.deepEqual(f.tags ?? [], want.tags);
}

/** `describe(rule)` with a test per case: `valid` cases give nothing, `invalid` ones exactly their `hits`. */
export function ruleTester(rule: string, cases: RuleCases): void {
  assert.ok(RULES_BY_ID.has(rule), `no rule ${rule}`);
  const fileOf = (c: Case) => c.filename ?? cases.filename ?? 'import.yaml';
  describe(rule, () => {
    for (const v of cases.valid ?? []) {
      const c = typeof v === 'string' ? { code: v } : v;
      test(`silent: ${nameOf(c)}`, () => {
        assert.deepEqual(findings(rule, c, fileOf(c)).map((f) => f.message), []);
      });
    }
    for (const c of cases.invalid ?? []) {
      test(`reports: ${nameOf(c)}`, () => {
        const found = findings(rule, c, fileOf(c));
        assert.deepEqual(found.map((f) => c.code.slice(f.span.start, f.span.end)), c.hits.map((h) => (typeof h === 'string' ? h : h.text)));
        c.hits.forEach((h, i) => checkHit(c.code, found[i], h, c.severity));
        for (const f of found) assertNoSecretLeak([f.message, ...(f.related ?? []).map((r) => r.message), ...(f.fixes ?? []).map((x) => x.title)].join('\n'), c.hides ?? []);
        if (c.noFix) assert.deepEqual(found.map((f) => f.fixes ?? []), [[]]);
        if (c.offers) {
          assert.equal(found.length, 1, 'the fixes offered are checked on a case with one finding');
          assert.deepEqual((found[0].fixes ?? []).map((x, i) => (typeof c.offers![i] === 'string' ? x.title : [x.title, !!x.preferred])), c.offers);
        }
        if (c.output === undefined) return;
        assert.equal(found.length, 1, 'a fix is checked on a case with one finding');
        const fixes = found[0].fixes ?? [];
        const fix = c.fix === undefined
          ? (fixes.length === 1 ? fixes[0] : fixes.find((x) => x.preferred))
          : fixes.find((x) => (typeof c.fix === 'string' ? x.title === c.fix : c.fix!.test(x.title)));
        assert.ok(fix, `no fix ${String(c.fix ?? '')} among ${JSON.stringify(fixes.map((x) => x.title))}`);
        const after = applyEdits(c.code, fix.edits);
        assert.equal(after, c.output);
        // Every fix must make its own finding go away.
        assert.deepEqual(findings(rule, { ...c, code: after }, fileOf(c)).map((f) => f.message), [], `${rule} is still there after "${fix.title}"`);
        if (c.clean) assert.deepEqual(allFindings({ ...c, code: after }, fileOf(c)).map((f) => `${f.rule}: ${f.message}`), []);
      });
    }
  });
}

/** Runs every rule of a family's table through the tester. */
export function testRules(table: RuleTable): void {
  for (const [rule, cases] of Object.entries(table)) ruleTester(rule, cases);
}
