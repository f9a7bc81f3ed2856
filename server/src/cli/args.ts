import type { DocumentKind } from '../model/types';
import { FILE_KINDS, isZeropsKind } from '../model/kind';
import { LEVELS, type Level } from '../rules/rule';
import { RULES, RULES_BY_ID } from '../rules/registry';
import { nearest } from '../util/nearest';

export const USAGE = `Usage: zerops-lint [options] [path | glob ...]
       zerops-lint plan [options] [path | glob ...]   what importing each project would create (plan --help)
       zerops-lint mcp          serve the checks as MCP tools over stdio (zerops-lint mcp --help)

Checks Zerops import files and zerops.yml files, in full, and prints what is wrong.

With no paths, every Zerops file under the current folder is checked. A folder or a glob (*, **, ?)
takes the files that are Zerops files by name (import.yaml, *.import.yml, zerops.yml, …) or by content
(services with hostname and type, zerops: with setups, or a #yamlPreprocessor=on first line; the first
64 KB of YAML files up to 2 MB are read); node_modules, .git and .gitignore'd paths are skipped. A file
named directly that is not a Zerops file is skipped with a note on stderr and counts as clean, so hook
tools can pass every changed YAML file; --kind forces a kind for the files named directly.

Options:
  -f, --format text|json|sarif  output format (default: text)
  --fix                         apply every safe fix in place, then report what is left
  --max-warnings N              exit 1 when there are more than N warnings
  --rule ID=LEVEL               set a rule's level: error, warning, info, hint or off (repeatable)
  --quiet                       report errors only
  --kind import|zerops-yml      check the files named directly as this kind, whatever they hold
  --silent-skip                 say nothing of files named directly that are not Zerops files
                                (the pre-commit hook passes every staged YAML file)
  --ignore PATTERN              leave paths matching PATTERN out of folder and glob searches
                                (gitignore syntax, from the current folder; repeatable)
  --schemas DIR                 use the catalogue in DIR (Zerops' published schemas, as
                                \`zerops-lint catalog update --out DIR\` writes them) instead of
                                the built-in one of 2026-07-30
  -h, --help                    show this help
  --version                     print the version and the catalogue in use

Commands:
  zerops-lint catalog update    download Zerops' current schemas into a catalogue folder (the
                                only network access; see zerops-lint catalog --help)

Levels also come from the nearest .zeropslintrc.json above each file: {"rules": {"ID": "LEVEL"},
"ignore": ["PATTERN", …]} (patterns relative to its folder, for folder and glob searches, like
--ignore); --rule wins over it. Files named directly are checked even when a pattern matches them.
"schemas": "DIR" in the .zeropslintrc.json nearest the current folder names a catalogue folder
(relative to that file) like --schemas, which wins over it. A file named like a command (catalog)
is checked when written as ./catalog.

Exit status: 0 no errors, 1 at least one error (or more warnings than --max-warnings),
2 usage error, invalid configuration, a path that cannot be read or matches nothing, or an internal error.
`;

export type Format = 'text' | 'json' | 'sarif';

export interface Args {
  format: Format;
  fix: boolean;
  quiet: boolean;
  maxWarnings?: number;
  rules: Record<string, Level>;
  paths: string[];
  kind?: DocumentKind;
  ignore: string[];
  silentSkip: boolean;
  /** A catalogue folder to use instead of the built-in catalogue. */
  schemas?: string;
}

export class UsageError extends Error {}

export { LEVELS };

const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

function shown(v: string | undefined): string {
  return v === undefined ? 'nothing' : `"${v}"`;
}

/** `unknown rule "x"`, with the id the user probably meant. */
export function unknownRule(id: string): string {
  const guess = nearest(id, RULES.map((r) => r.id));
  return `unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
}

export function checkLevel(id: string, level: unknown): string | undefined {
  if (!RULES_BY_ID.has(id)) return unknownRule(id);
  if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
    return `rule "${id}" takes ${LEVELS.join(', ')}, not ${JSON.stringify(level)}`;
  }
  return undefined;
}

export function parseArgs(argv: readonly string[]): Args | 'help' | 'version' {
  const args: Args = { format: 'text', fix: false, quiet: false, rules: {}, paths: [], ignore: [], silentSkip: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '-h': case '--help': return 'help';
      case '--version': return 'version';
      case '--': args.paths.push(...argv.slice(i + 1)); return args;
      case '-f': case '--format': {
        const v = value();
        if (!(FORMATS as readonly (string | undefined)[]).includes(v)) throw new UsageError(`--format takes ${FORMATS.join(', ')}, not ${shown(v)}`);
        args.format = v as Format;
        break;
      }
      case '--fix': args.fix = true; break;
      case '--quiet': args.quiet = true; break;
      case '--silent-skip': args.silentSkip = true; break;
      case '--max-warnings': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v)) throw new UsageError(`--max-warnings takes a whole number, not ${shown(v)}`);
        args.maxWarnings = Number(v);
        break;
      }
      case '--kind': {
        const v = value();
        if (v === undefined || !isZeropsKind(v)) throw new UsageError(`--kind takes ${FILE_KINDS.map((k) => k.id).join(' or ')}, not ${shown(v)}`);
        args.kind = v;
        break;
      }
      case '--ignore': {
        const v = value();
        if (!v) throw new UsageError(`--ignore takes a pattern, not ${shown(v)}`);
        args.ignore.push(v);
        break;
      }
      case '--schemas': {
        const v = value();
        if (!v) throw new UsageError(`--schemas takes a folder, not ${shown(v)}`);
        args.schemas = v;
        break;
      }
      case '--rule': {
        const v = value();
        const at = v?.lastIndexOf('=') ?? -1;
        if (v === undefined || at <= 0) throw new UsageError(`--rule takes ID=LEVEL, not ${shown(v)}`);
        const id = v.slice(0, at);
        const level = v.slice(at + 1);
        const problem = checkLevel(id, level);
        if (problem) throw new UsageError(`--rule: ${problem}`);
        args.rules[id] = level as Level;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        args.paths.push(a);
    }
  }
  return args;
}
