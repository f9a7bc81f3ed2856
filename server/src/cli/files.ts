import { readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kindByName } from '../model/kind';

// Which files a run checks: folders are searched for Zerops file names, globs are matched here (a few
// lines do not justify a dependency), files named directly are taken as they are.

/** How a file came to be checked, which decides how it is classified. */
export type Origin =
  | 'named' // named on the command line: checked even if neither name nor content says Zerops
  | 'found' // its name matched while searching a folder
  | 'matched'; // a glob matched it: checked only if its name or content says Zerops

export interface Target {
  /** As printed: relative to where the search started, as the user wrote it. */
  display: string;
  /** Absolute. */
  path: string;
  origin: Origin;
}

export interface Discovery {
  targets: Target[];
  /** One line per argument that named nothing usable. */
  problems: string[];
}

/** ENOENT, EACCES, …: what a failed file operation says, shortest first. */
export function ioReason(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e));
}

const SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

export function hasGlob(arg: string): boolean {
  return /[*?]/.test(arg);
}

/** `*` and `?` stay inside one path segment; `**` spans any number of them, none included. */
export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/');
  let src = '';
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === '**') {
      src += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    for (const ch of seg) {
      if (ch === '*') src += '[^/]*';
      else if (ch === '?') src += '[^/]';
      else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    if (!last) src += '/';
  });
  return new RegExp(`^${src}$`);
}

/** Every file below `dir` (relative paths with `/`), sorted, without node_modules and .git. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing in it can be checked
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      // Symbolic links to folders are not followed (no cycles); links to files are read.
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) visit(child);
      } else if (e.isFile() || (e.isSymbolicLink() && isFile(join(dir, child)))) {
        out.push(child);
      }
    }
  };
  visit('');
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function joinDisplay(base: string, rel: string): string {
  const p = base === '.' ? rel : join(base, rel);
  return sep === '/' ? p : p.split('/').join(sep);
}

function expandGlob(arg: string, cwd: string): Target[] {
  const pattern = arg.split(sep).join('/');
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex(hasGlob);
  const baseSegments = segments.slice(0, firstGlob);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const re = globToRegExp(segments.slice(firstGlob).join('/'));
  const root = resolve(cwd, base);
  return walk(root).filter((rel) => re.test(rel))
    .map((rel) => ({ display: joinDisplay(base, rel), path: join(root, rel), origin: 'matched' }));
}

function searchFolder(arg: string, cwd: string): Target[] {
  const root = resolve(cwd, arg);
  return walk(root).filter((rel) => kindByName(rel) !== undefined)
    .map((rel) => ({ display: joinDisplay(arg, rel), path: join(root, rel), origin: 'found' }));
}

/** The files to check, each once, in the order the arguments name them. */
export function discover(args: readonly string[], cwd: string): Discovery {
  const targets: Target[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (t: Target): void => {
    if (seen.has(t.path)) return;
    seen.add(t.path);
    targets.push(t);
  };
  for (const arg of args.length > 0 ? args : ['.']) {
    const path = resolve(cwd, arg);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(path);
    } catch (e) {
      if (!hasGlob(arg)) {
        problems.push(`cannot read ${arg}: ${ioReason(e)}`);
        continue;
      }
    }
    let found: Target[];
    if (stat?.isFile()) found = [{ display: arg, path, origin: 'named' }];
    else if (stat?.isDirectory()) found = searchFolder(arg, cwd);
    else if (!stat) found = expandGlob(arg, cwd);
    else {
      problems.push(`cannot read ${arg}: not a file or folder`);
      continue;
    }
    if (found.length === 0) {
      const where = arg === '.' && args.length === 0 ? 'the current folder' : arg;
      problems.push(stat ? `no Zerops files (import.yaml, *.import.yml, zerops.yml, …) in ${where}` : `no files match ${arg}`);
    }
    found.forEach(add);
  }
  return { targets, problems };
}

/** A path for SARIF: relative to `cwd` with `/` when inside it, else a file URI. */
export function relativeUri(path: string, cwd: string): { uri: string; relative: boolean } {
  const rel = relative(cwd, path);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), relative: true };
  }
  return { uri: pathToFileURL(path).href, relative: false };
}

/** How far up from a zerops.yml its import files are looked for when no repository root stops the climb. */
const MAX_CONTEXT_LEVELS = 8;

/**
 * Import files (by name) in the folder of each zerops.yml and the folders above it, up to the repository
 * root (the first folder holding `.git`): what an editor opened on the repository would index, so a
 * zerops.yml named alone is checked against the services defined beside it. Folders are listed, not walked.
 */
export function importFilesAround(zeropsYmlPaths: readonly string[]): string[] {
  const found = new Set<string>();
  const listed = new Set<string>();
  for (const file of zeropsYmlPaths) {
    let dir = dirname(file);
    for (let level = 0; level < MAX_CONTEXT_LEVELS && !listed.has(dir); level++) {
      listed.add(dir);
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        break;
      }
      for (const name of names) if (kindByName(name) === 'import' && isFile(join(dir, name))) found.add(join(dir, name));
      const parent = dirname(dir);
      if (names.includes('.git') || parent === dir) break;
      dir = parent;
    }
  }
  return [...found].sort();
}
