import { relative } from 'node:path';
import { planProject, type PlanInput } from '../service/plan';
import { planMarkdown, planMermaid, planText } from '../service/plan-render';
import { parseArgs, UsageError, type Args } from './args';
import type { SourceFile } from './workspace';

// `zerops-lint plan`: what importing each project would create. The files are found, configured and
// refused exactly as for linting (the caller's readSources); the plan itself is service/plan.ts.

export const PLAN_USAGE = `Usage: zerops-lint plan [options] [path | glob ...]

Shows what importing each project would create, without contacting Zerops: per service its type and
the variant it means, nodes or containers, scaling, public access, what it builds with, the names of the
variables it gives and the secrets it gets (never a value), the connections between services with port
and role, what Zerops drops or ignores, and the findings. A project is an import file with the zerops.yml
files nearest it. Paths are found as for linting (a file named plan is written ./plan).

Options:
  -f, --format text|markdown|json|mermaid  output format (default: text); json is described in docs/plan.md
  --rule ID=LEVEL, --ignore PATTERN, --kind, --schemas DIR  as for linting
  -h, --help                               show this help

Exit status as for linting: 0 no errors, 1 at least one error in the planned files (the plan is printed
all the same), 2 usage error, invalid configuration, or a path that cannot be read or matches nothing.
`;

const FORMATS = ['text', 'markdown', 'json', 'mermaid'] as const;
type PlanFormat = (typeof FORMATS)[number];

export interface PlanIo {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
}

/** The front end's readers: the sources named (with their config) and the import files around them. */
export interface PlanSources {
  /** Puts the catalogue the arguments name (--schemas, the config's schemas) in use; a problem is a usage error. */
  catalogue(args: Args): string | undefined;
  read(args: Args): { sources: SourceFile[]; problems: string[]; configErrors: string[] };
  context(sources: readonly SourceFile[]): { path: string; text: string }[];
}

/** Takes --format (plan's own formats) out of argv; the rest is read as linting reads it. */
function parsePlanArgs(argv: readonly string[]): { format: PlanFormat; args: Args } | 'help' {
  let format: PlanFormat = 'text';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest.push(...argv.slice(i)); break; }
    const m = /^(?:-f|--format)(?:=(.*))?$/.exec(a);
    if (!m) { rest.push(a); continue; }
    const v = m[1] ?? argv[++i];
    if (!(FORMATS as readonly (string | undefined)[]).includes(v)) throw new UsageError(`plan: --format takes ${FORMATS.join(', ')}, not ${v === undefined ? 'nothing' : `"${v}"`}`);
    format = v as PlanFormat;
  }
  const args = parseArgs(rest);
  if (args === 'help') return 'help';
  if (args === 'version') throw new UsageError('plan: --version is an option of zerops-lint itself');
  for (const [flag, on] of [['--fix', args.fix], ['--quiet', args.quiet], ['--max-warnings', args.maxWarnings !== undefined]] as const) {
    if (on) throw new UsageError(`plan does not take ${flag}`);
  }
  return { format, args };
}

export function runPlan(argv: readonly string[], io: PlanIo, files: PlanSources): number {
  let parsed: ReturnType<typeof parsePlanArgs>;
  try {
    parsed = parsePlanArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`zerops-lint: ${e.message}\n\nRun zerops-lint plan --help for usage.\n`);
    return 2;
  }
  if (parsed === 'help') { io.out(PLAN_USAGE); return 0; }
  const { format, args } = parsed;
  const catalogueProblem = files.catalogue(args);
  if (catalogueProblem) {
    io.err(`zerops-lint: ${catalogueProblem}\n`);
    return 2;
  }
  const { sources, problems, configErrors } = files.read(args);
  if (configErrors.length > 0) {
    for (const m of configErrors) io.err(`zerops-lint: invalid configuration: ${m}\n`);
    return 2;
  }
  const inputs: PlanInput[] = sources.map((s) => ({
    fileName: s.target.path, text: s.text, settings: s.settings, display: s.target.display,
  }));
  // A zerops.yml named alone is planned with the import files beside it, as linting checks it against them.
  for (const c of files.context(sources)) inputs.push({ fileName: c.path, text: c.text, display: relative(io.cwd, c.path) });
  const plan = planProject(inputs);
  const render = { text: planText, markdown: planMarkdown, mermaid: planMermaid, json: (p: typeof plan) => `${JSON.stringify(p, null, 2)}\n` }[format];
  io.out(render(plan));
  for (const p of problems) io.err(`zerops-lint: ${p}\n`);
  if (problems.length > 0) return 2;
  return plan.projects.some((p) => p.findings.errors > 0) ? 1 : 0;
}
