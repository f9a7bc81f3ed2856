import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { ParseOptions } from '../model/parse';
import type { ZeropsModel } from '../model/types';
import { applyOffsetEdits } from '../rules/edits';
import type { Rule, RuleFinding } from '../rules/rule';
import { planPreferredFixes } from '../service/lsp';
import type { ZeropsSettings } from '../service/settings';
import { IncrementalChecker, parseFile } from '../service/incremental';
import { applySettings } from '../service/validate';
import { parseGitConfigRemotes } from '../service/git-remote';
import { WorkspaceIndex } from '../service/workspace';
import { filesUnder } from '../file-access';
import type { Target } from './files';

// Every file of a run is read and parsed before any is checked: checks across files (a zerops.yml
// against the import files beside it) see the whole set, as the language server sees its workspace.

export interface SourceFile {
  target: Target;
  text: string;
  settings: ZeropsSettings;
}

/** A preferred fix, and where its finding was in the text it applies to. */
export interface FixNote {
  rule: string;
  title: string;
  position: Position;
}

export interface FixOutcome {
  applied: FixNote[];
  /** Fixes that overlap another: when there are any, the file keeps its text. */
  clashed: FixNote[];
}

/** How many times --fix re-checks a file after fixing it (a fix can make another one possible). */
const MAX_FIX_PASSES = 10;

function parseOptions(target: Target): ParseOptions {
  // --kind forces the kind of a file named on the command line; otherwise name and content decide.
  return target.kind ? { fileName: target.path, forceKind: target.kind } : { fileName: target.path };
}

export class Workspace {
  readonly files: readonly SourceFile[];
  /** Files named on the command line that are not Zerops files: skipped, and counted as clean. */
  readonly skipped: readonly SourceFile[];
  readonly texts: string[];
  private readonly models: ZeropsModel[];
  /** One per file, so the re-checks of --fix cost what each round of fixes changed. */
  private readonly checkers: IncrementalChecker[];
  /** Every file of the run plus the context files: what a zerops.yml is checked against. */
  /** The files a check may read around a file: inside its repository, or its own folder when it is in none. */
  private readonly index = new WorkspaceIndex((path) => {
    const dir = dirname(resolve(path));
    return filesUnder(gitWorkTree(dir) ?? dir, dir);
  });

  /**
   * Parses every file; a file that turns out not to be a Zerops file is dropped (into `skipped` when it was named).
   * `context` files (import files beside a zerops.yml that was named alone) are indexed, never reported.
   */
  constructor(
    sources: readonly SourceFile[],
    private readonly onRuleError?: (file: SourceFile, rule: Rule, error: unknown) => void,
    context: readonly { path: string; text: string }[] = [],
  ) {
    const parsed = sources.map((f) => {
      const checker = new IncrementalChecker(parseOptions(f.target));
      return { f, checker, model: checker.parse(f.text) };
    });
    this.skipped = parsed.filter((p) => p.model.kind === 'other' && p.f.target.origin === 'named').map((p) => p.f);
    const kept = parsed.filter((p) => p.model.kind !== 'other');
    this.files = kept.map((p) => p.f);
    this.texts = this.files.map((f) => f.text);
    this.models = kept.map((p) => p.model);
    this.checkers = kept.map((p) => p.checker);
    for (const c of context) this.index.set(c.path, c.path, parseFile(c.text, { fileName: c.path }));
    // The git remotes of each file's repository (read from .git/config), keyed by the file's folder.
    for (const folder of new Set(this.files.map((f) => dirname(f.target.path)))) {
      const repo = gitWorkTree(resolve(folder));
      if (repo) this.index.setRepository(folder, { remotes: gitRemotesSync(repo) });
    }
    this.files.forEach((f, i) => this.index.set(f.target.path, f.target.path, this.models[i]));
  }

  /** The findings of file `i` at the levels its settings ask for, checked against the services of the index. */
  findings(i: number): RuleFinding[] {
    const file = this.files[i];
    const { findings } = this.checkers[i].check(this.texts[i], this.index.servicesFor(file.target.path),
      (rule, error) => this.onRuleError?.(file, rule, error), this.index.contextFor(file.target.path));
    return applySettings(findings, file.settings);
  }

  /** Replaces the text of file `i` (and what was parsed from it). */
  update(i: number, text: string): void {
    this.texts[i] = text;
    this.models[i] = this.checkers[i].parse(text);
    this.index.set(this.files[i].target.path, this.files[i].target.path, this.models[i]);
  }

  /**
   * Applies every preferred fix of file `i`, re-checking until nothing more is fixable. If any two fixes
   * overlap, nothing is changed: the file keeps its text and the clash is reported.
   */
  fix(i: number): FixOutcome {
    const original = this.texts[i];
    const applied: FixNote[] = [];
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const plan = planPreferredFixes(this.findings(i));
      const doc = TextDocument.create(this.files[i].target.path, 'yaml', pass, this.texts[i]);
      const note = (f: RuleFinding): FixNote => ({ rule: f.rule, title: f.fixes?.find((x) => x.preferred)?.title ?? '', position: doc.positionAt(f.span.start) });
      if (plan.clashed.length > 0) {
        if (this.texts[i] !== original) this.update(i, original);
        return { applied: [], clashed: plan.clashed.map(note) };
      }
      if (plan.edits.length === 0) break;
      applied.push(...plan.applied.map(note));
      this.update(i, applyOffsetEdits(this.texts[i], plan.edits));
    }
    return { applied, clashed: [] };
  }
}

/** The nearest folder at or above `dir` with a `.git` entry (at most 40 levels up). */
function gitWorkTree(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 40; i++) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

/** The remotes in the `.git/config` of a work tree (or of a linked worktree's main repository); no git process. */
function gitRemotesSync(workTree: string): string[] {
  try {
    const dotGit = join(workTree, '.git');
    let gitDir = dotGit;
    if (lstatSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!m) return [];
      gitDir = isAbsolute(m[1]) ? m[1] : join(workTree, m[1]);
      const common = join(gitDir, 'commondir');
      if (existsSync(common)) {
        const c = readFileSync(common, 'utf8').trim();
        gitDir = isAbsolute(c) ? c : join(gitDir, c);
      }
    }
    const config = join(gitDir, 'config');
    if (!lstatSync(config).isFile() || lstatSync(config).size > 1024 * 1024) return [];
    return parseGitConfigRemotes(readFileSync(config, 'utf8'));
  } catch {
    return [];
  }
}
