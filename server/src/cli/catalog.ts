import { dirname, resolve } from 'node:path';
import { catalogueDescription } from '../catalog/tables';
import { CatalogueError, useCatalogueFolder } from '../catalogue-folder';
import { DEFAULT_BASE, DEFAULT_TIMEOUT_MS, updateCatalogue } from '../catalogue-update';
import { ConfigError, ConfigFinder } from './config';

// The catalogue side of zerops-lint: which catalogue a run uses (`--schemas DIR`, else `schemas` in the
// .zeropslintrc.json nearest the current folder, else the built-in one), and `zerops-lint catalog update`.

interface Io {
  out(s: string): void;
  err(s: string): void;
  cwd: string;
}

export const CATALOG_USAGE = `Usage: zerops-lint catalog update [--out DIR] [--url BASE] [--timeout SECONDS]

Downloads Zerops' two published schemas (${'import-project-yml-json-schema.json'} and
zerops-yml-json-schema.json), checks that each is the schema it claims to be, writes them into DIR
(default: zerops-catalog) and prints what changed: types and their versions, bases, keys added or
removed. This is the only network access of zerops-lint, and it happens only when you run this command.
A run uses the folder only when pointed at it: --schemas DIR, or "schemas": "DIR" in .zeropslintrc.json.

Options:
  --out DIR          the catalogue folder to write (default: zerops-catalog)
  --url BASE         where the schemas are published (default: ${DEFAULT_BASE})
  --timeout SECONDS  give up on an answer after this long (default: ${DEFAULT_TIMEOUT_MS / 1000})

Exit status: 0 updated or already current, 1 the download or a check failed (the folder is left as it
was), 2 usage error.
`;

/**
 * The catalogue folder a run is pointed at, or undefined for the built-in one: `--schemas` (relative to
 * the current folder) wins over `schemas` in the .zeropslintrc.json nearest the current folder (relative
 * to that file's folder).
 */
export function schemasFolder(flag: string | undefined, cwd: string): string | undefined {
  if (flag !== undefined) return resolve(cwd, flag);
  const config = new ConfigFinder().forDir(cwd);
  return config.schemas !== undefined && config.path ? resolve(dirname(config.path), config.schemas) : undefined;
}

/** Puts the run's catalogue in use; a usage problem (exit 2) is returned as its message. */
export function useRunCatalogue(flag: string | undefined, cwd: string): string | undefined {
  try {
    const dir = schemasFolder(flag, cwd);
    if (dir !== undefined) useCatalogueFolder(dir);
    return undefined;
  } catch (e) {
    if (e instanceof CatalogueError || e instanceof ConfigError) return e.message;
    throw e;
  }
}

/** The line --version adds: which catalogue this run would use. */
export function catalogueLine(): string {
  return `catalogue: ${catalogueDescription()}`;
}

/** `zerops-lint catalog …`. */
export async function catalogCommand(argv: readonly string[], io: Io): Promise<number> {
  const usage = (why: string) => {
    io.err(`zerops-lint catalog: ${why}\n\nRun zerops-lint catalog --help for usage.\n`);
    return 2;
  };
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help') {
    (argv.length === 0 ? io.err : io.out)(CATALOG_USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] !== 'update') return usage(`unknown command "${argv[0]}" (the one command is update)`);
  let out = 'zerops-catalog';
  let base = DEFAULT_BASE;
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : name.startsWith('--') ? argv[++i] : undefined;
    if (name === '-h' || name === '--help') { io.out(CATALOG_USAGE); return 0; }
    if (!['--out', '--url', '--timeout'].includes(name)) return usage(`unknown option ${a}`);
    if (value === undefined || value === '') return usage(`${name} takes a value`);
    if (name === '--out') out = value;
    else if (name === '--url') base = value;
    else if (name === '--timeout') {
      if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) return usage(`--timeout takes a number of seconds, not "${value}"`);
      timeoutMs = Number(value) * 1000;
    }
  }
  if (!/^https?:\/\//i.test(base)) return usage(`--url takes an http(s) address, not "${base}"`);
  try {
    const r = await updateCatalogue({ out: resolve(io.cwd, out), base, timeoutMs });
    if (r.status === 'unchanged') {
      io.out(`The catalogue in ${r.dir} is current: Zerops publishes the same schemas.\n`);
      return 0;
    }
    const against = r.comparedWith === 'folder' ? 'what the folder held' : 'the built-in catalogue';
    io.out(`Wrote Zerops' schemas into ${r.dir}. Changes against ${against}:\n`);
    io.out(r.changes.length ? r.changes.map((c) => `  ${c}\n`).join('') : '  none\n');
    io.out(`\nA run uses this catalogue only when pointed at it: zerops-lint --schemas ${out}, or "schemas": "${out}" in .zeropslintrc.json.\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof CatalogueError)) throw e;
    io.err(`zerops-lint catalog update: ${e.message}. Nothing was written.\n`);
    return 1;
  }
}
