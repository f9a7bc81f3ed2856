import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import type { ParseOptions } from '../model/parse';
import type { Rule, RuleFinding } from '../rules/rule';
import type { ZeropsSettings } from '../service/settings';
import { filesUnder, gitRemotes } from '../file-access';
import { Project } from '../service/project';
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

/** The CLI's run: the language service's project over the files given, plus the --fix loop's notes. */
export class Workspace {
  readonly files: readonly SourceFile[];
  /** Files named on the command line that are not Zerops files: skipped, and counted as clean. */
  readonly skipped: readonly SourceFile[];
  readonly texts: string[];
  /** Every file of the run plus the context files: what a zerops.yml is checked against. */
  private readonly project: Project;

  /**
   * Parses every file; a file that turns out not to be a Zerops file is dropped (into `skipped` when it was named).
   * `context` files (import files beside a zerops.yml that was named alone) are indexed, never reported.
   */
  constructor(
    sources: readonly SourceFile[],
    onRuleError?: (file: SourceFile, rule: Rule, error: unknown) => void,
    context: readonly { path: string; text: string }[] = [],
  ) {
    const byPath = new Map(sources.map((f) => [f.target.path, f]));
    this.project = new Project({
      onRuleError: (path, rule, error) => onRuleError?.(byPath.get(path)!, rule, error),
      // The files a check may read around a file: inside its repository, or its own folder when it is in none.
      filesFor: (path) => {
        const dir = dirname(resolve(path));
        return filesUnder(gitWorkTree(dir) ?? dir, dir);
      },
      // Import files pair with a zerops.yml only inside one git work tree (a folder of several repositories).
      workTreeOf: (path) => gitWorkTree(dirname(resolve(path))),
    });
    // Every file is parsed (and indexed) before any is checked.
    for (const f of sources) this.project.open(f.target.path, f.text, 0, parseOptions(f.target));
    const kinds = sources.map((f) => this.project.model(f.target.path)?.kind);
    this.skipped = sources.filter((f, i) => kinds[i] === 'other' && f.target.origin === 'named');
    this.files = sources.filter((_, i) => kinds[i] !== 'other');
    for (const f of sources) if (!this.files.includes(f)) this.project.close(f.target.path);
    this.texts = this.files.map((f) => f.text);
    for (const c of context) this.project.setDiskFile(c.path, c.text);
    // The git remotes of each file's repository (read from .git/config), keyed by the file's folder.
    for (const folder of new Set(this.files.map((f) => dirname(f.target.path)))) {
      const repo = gitWorkTree(resolve(folder));
      if (repo) this.project.setRepository(folder, { remotes: gitRemotes(repo) });
    }
  }

  /** The findings of file `i` at the levels its settings ask for, checked against the services of the index. */
  findings(i: number): RuleFinding[] {
    const file = this.files[i];
    return this.project.diagnostics(file.target.path, file.settings);
  }

  /** Replaces the text of file `i` (and what was parsed from it). */
  update(i: number, text: string): void {
    this.texts[i] = text;
    this.project.change(this.files[i].target.path, text);
  }

  /**
   * Applies every preferred fix of file `i`, re-checking until nothing more is fixable. If any two fixes
   * overlap, nothing is changed: the file keeps its text and the clash is reported.
   */
  fix(i: number): FixOutcome {
    const file = this.files[i];
    const result = this.project.fixAll(file.target.path, file.settings, MAX_FIX_PASSES);
    const note = ({ finding, text }: { finding: RuleFinding; text: string }): FixNote => ({
      rule: finding.rule,
      title: finding.fixes?.find((x) => x.preferred)?.title ?? '',
      position: TextDocument.create(file.target.path, 'yaml', 0, text).positionAt(finding.span.start),
    });
    this.texts[i] = result.text;
    return { applied: result.applied.map(note), clashed: result.clashed.map(note) };
  }
}

const workTrees = new Map<string, string | undefined>();

/** The nearest folder at or above `dir` with a `.git` entry (at most 40 levels up), once per folder of a run. */
function gitWorkTree(dir: string): string | undefined {
  if (!workTrees.has(dir)) workTrees.set(dir, findWorkTree(dir));
  return workTrees.get(dir);
}

function findWorkTree(dir: string): string | undefined {
  let d = dir;
  for (let i = 0; i < 40; i++) {
    if (existsSync(join(d, '.git'))) return d;
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

