import { readFileSync } from 'node:fs';
import { DEFAULT_SETTINGS } from './service/settings';
import { lintText, type JsonDiagnostic } from './service/lint';
import { VERSION } from './version';

const USAGE = `Usage: zerops-lint [--format text|json] FILE...

Checks Zerops import files (and zerops.yml) and prints what is wrong.

Options:
  --format text|json  output format (default: text)
  -h, --help          show this help
  --version           print the version

Exit status: 0 no errors, 1 at least one error-level finding, 2 usage error or unreadable file.
`;

interface Args {
  format: 'text' | 'json';
  files: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = { format: 'text', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--version') return 'version';
    if (a === '--') { args.files.push(...argv.slice(i + 1)); break; }
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format takes text or json, not ${v === undefined ? 'nothing' : `"${v}"`}`);
      args.format = v;
      continue;
    }
    if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    args.files.push(a);
  }
  if (args.files.length === 0) throw new UsageError('no files given');
  return args;
}

function textLine(file: string, d: JsonDiagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message} [${d.code}]`;
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`zerops-lint: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') { out(USAGE); return 0; }
  if (args === 'version') { out(`zerops-lint ${VERSION}\n`); return 0; }

  const results: { file: string; diagnostics: JsonDiagnostic[] }[] = [];
  let unreadable = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      err(`zerops-lint: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      unreadable = true;
      continue;
    }
    // A file named on the command line is linted even when neither its name nor its content says Zerops.
    const { diagnostics } = lintText(text, { fileName: file, fallbackKind: 'import' }, DEFAULT_SETTINGS);
    results.push({ file, diagnostics });
  }

  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  if (args.format === 'json') {
    out(`${JSON.stringify(results)}\n`);
  } else {
    for (const r of results) for (const d of r.diagnostics) out(`${textLine(r.file, d)}\n`);
    const warnings = all.filter((d) => d.severity === 'warning').length;
    const others = all.length - errors - warnings;
    if (all.length > 0) out(`\n${all.length} problem${all.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${others ? `, ${others} info/hint` : ''})\n`);
  }
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
