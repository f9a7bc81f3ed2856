import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseArgs, USAGE, UsageError, type Args } from './cli/args';
import { ConfigError, ConfigFinder } from './cli/config';
import { discover, ignoreRules, importFilesAround, ioReason, isIgnoredPath } from './cli/files';
import { toSarif } from './cli/sarif';
import { painter, summaryLine, textLine, type Totals } from './cli/text';
import { Workspace, type SourceFile } from './cli/workspace';
import { fileKind, kindByName } from './model/kind';
import type { RuleFinding } from './rules/rule';
import { toJsonDiagnostic } from './cli/json';
import { runPlan } from './cli/plan';
import { VERSION } from './version';
import { catalogCommand, catalogueLine, useRunCatalogue } from './cli/catalog';
import { DEFAULT_SETTINGS } from './service/settings';
import { stackOf } from './util/errors';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
  color: boolean;
}

interface Checked {
  source: SourceFile;
  document: TextDocument;
  findings: RuleFinding[];
}

/** Reads every file and its settings; what cannot be read is reported and left out. */
function readSources(args: Args, io: Io): { sources: SourceFile[]; problems: string[]; configErrors: string[] } {
  const { targets, problems } = discover(args.paths, io.cwd, args.kind);
  const configErrors = new Set<string>();
  const configs = new ConfigFinder();
  const sources: SourceFile[] = [];
  const ignoredByArgs = ignoreRules(args.ignore, io.cwd);
  for (const target of targets) {
    let config: ReturnType<ConfigFinder['forDir']>;
    try {
      config = configs.forDir(dirname(target.path));
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      configErrors.add(e.message);
      continue;
    }
    // Ignores shape what folders and globs find; a file named directly is what the user asked for (as in ruff).
    if (target.origin !== 'named' && isIgnoredPath([...config.ignore, ...ignoredByArgs], target.path)) continue;
    let text: string;
    try {
      text = readFileSync(target.path, 'utf8');
    } catch (e) {
      problems.push(`cannot read ${target.display}: ${ioReason(e)}`);
      continue;
    }
    sources.push({ target, text, settings: { ...DEFAULT_SETTINGS, rules: { ...config.rules, ...args.rules } } });
  }
  return { sources, problems, configErrors: [...configErrors] };
}

/** The import files a checked zerops.yml is compared with that the run does not check itself; unreadable ones are skipped. */
function readContext(sources: readonly SourceFile[]): { path: string; text: string }[] {
  const checked = new Set(sources.map((s) => s.target.path));
  const ymls = sources.filter((s) => fileKind(kindByName(s.target.path) ?? 'other')?.checkedAgainstImports).map((s) => s.target.path);
  const context: { path: string; text: string }[] = [];
  for (const path of importFilesAround(ymls)) {
    if (checked.has(path)) continue;
    try {
      context.push({ path, text: readFileSync(path, 'utf8') });
    } catch {
      // Context only sharpens the checks of another file; without it those checks stay silent.
    }
  }
  return context;
}

/** --fix: writes each file whose fixes apply cleanly and tells what changed on stderr. */
function fixAll(ws: Workspace, io: Io, problems: string[]): void {
  ws.files.forEach((file, i) => {
    const before = ws.texts[i];
    const { applied, clashed } = ws.fix(i);
    const name = file.target.display;
    if (clashed.length > 0) {
      const [first] = clashed;
      const more = clashed.length > 1 ? ` (and ${clashed.length - 1} more)` : '';
      io.err(`${name}:${first.position.line + 1}:${first.position.character + 1} not fixed: the fix for ${first.rule} overlaps another one${more}, so the file was left as it was; apply them one at a time in an editor\n`);
      return;
    }
    if (ws.texts[i] === before) return;
    try {
      writeFileSync(file.target.path, ws.texts[i]);
    } catch (e) {
      problems.push(`cannot write ${name}: ${ioReason(e)}`);
      ws.update(i, before); // report on what is on disk
      return;
    }
    for (const a of applied) io.err(`${name}:${a.position.line + 1}:${a.position.character + 1} fixed: ${a.title} [${a.rule}]\n`);
  });
}

function report(args: Args, io: Io, checked: readonly Checked[], totals: Totals, failed: boolean): void {
  if (args.format === 'json') {
    const json = checked.map((c) => ({ file: c.source.target.display, diagnostics: c.findings.map((f) => toJsonDiagnostic(c.document, f)) }));
    io.out(`${JSON.stringify(json)}\n`);
  } else if (args.format === 'sarif') {
    const files = checked.map((c) => ({ path: c.source.target.path, document: c.document, findings: c.findings }));
    io.out(`${JSON.stringify(toSarif(files, io.cwd), null, 2)}\n`);
  } else {
    const paint = painter(io.color);
    for (const c of checked) {
      for (const f of c.findings) io.out(`${textLine(paint, c.source.target.display, c.document.positionAt(f.span.start), f.severity, f.message, f.rule)}\n`);
    }
    // A run that could not read what it was asked to (exit 2) says why on stderr, not "no problems".
    if (failed && totals.files === 0) return;
    io.out(`${checked.some((c) => c.findings.length > 0) ? '\n' : ''}${summaryLine(paint, totals)}\n`);
  }
}

/** Subcommands, by the first argument; anything else is linting (a file named like one is passed as ./name). */
const SUBCOMMANDS: Record<string, (argv: readonly string[], io: Io) => number | Promise<number>> = {
  plan: (argv, io) => runPlan(argv, io, {
    catalogue: (args) => useRunCatalogue(args.schemas, io.cwd), read: (args) => readSources(args, io), context: readContext,
  }),
  catalog: catalogCommand,
};

/** The exit status; a promise only for a subcommand that waits (catalog update goes to the network). */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  const sub = Object.hasOwn(SUBCOMMANDS, argv[0] ?? '') ? SUBCOMMANDS[argv[0]] : undefined;
  if (sub) return sub(argv.slice(1), io);
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`zerops-lint: ${e.message}\n\nRun zerops-lint --help for usage.\n`);
    return 2;
  }
  if (args === 'help') { io.out(USAGE); return 0; }
  // --version names the catalogue the same arguments would use.
  const run = args === 'version' ? parseArgs(argv.filter((a) => a !== '--version')) : args;
  const catalogueProblem = typeof run === 'object' ? useRunCatalogue(run.schemas, io.cwd) : undefined;
  if (catalogueProblem) {
    io.err(`zerops-lint: ${catalogueProblem}\n`);
    return 2;
  }
  if (args === 'version') { io.out(`zerops-lint ${VERSION}\n${catalogueLine()}\n`); return 0; }

  const { sources, problems, configErrors } = readSources(args, io);
  if (configErrors.length > 0) {
    for (const m of configErrors) io.err(`zerops-lint: invalid configuration: ${m}\n`);
    return 2;
  }
  const ws = new Workspace(sources, (file, rule, error) => {
    problems.push(`rule ${rule.id} failed on ${file.target.display}: ${error instanceof Error ? error.message : String(error)}`);
  }, readContext(sources));
  if (!args.silentSkip) for (const s of ws.skipped) io.err(`${s.target.display}: skipped: not a Zerops file\n`);
  if (args.fix) fixAll(ws, io, problems);

  const quiet = args.quiet;
  const checked: Checked[] = ws.files.map((source, i) => ({
    source,
    document: TextDocument.create(source.target.path, 'yaml', 0, ws.texts[i]),
    findings: ws.findings(i).filter((f) => !quiet || f.severity === 'error'),
  }));
  const all = checked.flatMap((c) => c.findings);
  const totals: Totals = {
    // A named file that is not a Zerops file was looked at and is clean.
    files: checked.length + ws.skipped.length,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    others: all.filter((f) => f.severity === 'info' || f.severity === 'hint').length,
    fixable: args.fix ? 0 : all.filter((f) => f.fixes?.some((x) => x.preferred && x.edits.length > 0)).length,
  };
  report(args, io, checked, totals, problems.length > 0);

  for (const p of problems) io.err(`zerops-lint: ${p}\n`);
  if (problems.length > 0) return 2;
  if (totals.errors > 0) return 1;
  if (args.maxWarnings !== undefined && totals.warnings > args.maxWarnings) {
    io.err(`zerops-lint: ${totals.warnings} warnings, more than --max-warnings ${args.maxWarnings} allows\n`);
    return 1;
  }
  return 0;
}

/** Colour on a terminal; NO_COLOR (any value but empty) turns it off, FORCE_COLOR (not 0) on. */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTTY === true;
}

/** `zerops-lint mcp`: the MCP server lives in its own bundle beside this one (dist/mcp.js), loaded only here. */
function startMcp(argv: readonly string[]): void {
  if (!existsSync(join(__dirname, 'mcp.js'))) {
    process.stderr.write(`zerops-lint: the MCP server is missing from this installation (${join(__dirname, 'mcp.js')})\n`);
    process.exitCode = 2;
    return;
  }
  // scripts/build.mjs marks './mcp.js' external, so this stays a require of the file beside dist/cli.js.
  (require('./mcp.js') as { runMcp(argv: readonly string[]): void }).runMcp(argv);
}

if (require.main === module && process.argv[2] === 'mcp') {
  startMcp(process.argv.slice(3));
} else if (require.main === module) {
  const crashed = (e: unknown) => {
    // Exit 1 means "the files have errors"; a crash must not look like that.
    process.stderr.write(`zerops-lint: internal error: ${stackOf(e)}\n`);
    process.exitCode = 2;
  };
  try {
    const status = main(process.argv.slice(2), {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      cwd: process.cwd(),
      color: wantsColor(process.env, process.stdout.isTTY),
    });
    if (typeof status === 'number') process.exitCode = status;
    else status.then((code) => { process.exitCode = code; }, crashed);
  } catch (e) {
    crashed(e);
  }
}
