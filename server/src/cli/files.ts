import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileKind, kindByName } from '../model/kind';
import { HEAD_BYTES, MAX_SNIFFED_BYTES, isYamlName, kindOfHead } from '../model/sniff';
import type { DocumentKind } from '../model/types';

// Which files a run checks: folders are searched for Zerops files by name and by content, globs are
// matched here (a few lines do not justify a dependency), files named directly are taken as they are and
// classified when read. .gitignore'd paths are left out of folder and glob searches.

/** How a file came to be checked, which decides how it is classified. */
export type Origin =
  | 'named' // named on the command line: checked if its name or content says Zerops (or --kind), else skipped with a note
  | 'found' // its name or head said Zerops while searching a folder
  | 'matched'; // a glob matched it: checked only if its name or content says Zerops

export interface Target {
  /** As printed: relative to where the search started, as the user wrote it. */
  display: string;
  /** Absolute. */
  path: string;
  origin: Origin;
  /** --kind: checked as this kind whatever its name and content say. */
  kind?: DocumentKind;
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

/** One line of a .gitignore, or one ignore glob: gitignore's syntax (`!` re-includes, `/` anchors, a trailing `/` means folders only). */
export interface IgnoreRule {
  /** The folder the pattern is relative to (absolute). */
  base: string;
  re: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

/** Compiles gitignore-style patterns relative to `base`; blank lines and `#` comments are left out. */
export function ignoreRules(patterns: readonly string[], base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const line of patterns) {
    let p = line.replace(/(?<!\\)\s+$/, '');
    if (!p || p.startsWith('#')) continue;
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1);
    const dirOnly = p.endsWith('/');
    p = p.replace(/\/+$/, '').replace(/\\(.)/g, '$1');
    if (!p) continue;
    // Without a slash inside, a pattern matches a name at any depth; with one, a path from the base.
    const anchored = p.includes('/');
    p = p.replace(/^\//, '');
    rules.push({ base, re: globToRegExp(anchored ? p : `**/${p}`), negate, dirOnly });
  }
  return rules;
}

/** Whether the rules leave `path` out (the last matching rule wins, as in git). */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    const rel = relative(r.base, path);
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) continue;
    if (r.re.test(rel.split(sep).join('/'))) ignored = !r.negate;
  }
  return ignored;
}

/** Whether `path` or a folder above it (up to the rules' bases) is left out by `rules`. */
export function isIgnoredPath(rules: readonly IgnoreRule[], path: string): boolean {
  if (rules.length === 0) return false;
  if (isIgnored(rules, path, false)) return true;
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    if (!rules.some((r) => dir.startsWith(r.base) && dir !== r.base)) break;
    if (isIgnored(rules, dir, true)) return true;
  }
  return false;
}

function gitignoreOf(dir: string): IgnoreRule[] {
  try {
    return ignoreRules(readFileSync(join(dir, '.gitignore'), 'utf8').split(/\r?\n/), dir);
  } catch {
    return [];
  }
}

/**
 * Every file below `dir` (relative paths with `/`), sorted, without node_modules, .git and what the
 * .gitignore files met on the way (in `dir` and below) leave out.
 */
export function walk(dir: string, options: { skipDirs?: boolean } = {}): string[] {
  const skipDirs = options.skipDirs ?? true;
  const out: string[] = [];
  const visit = (rel: string, inherited: readonly IgnoreRule[]): void => {
    const abs = join(dir, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing in it can be checked
    }
    const rules = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? [...inherited, ...gitignoreOf(abs)] : inherited;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      // Symbolic links to folders are not followed (no cycles); links to files are read.
      if (e.isDirectory()) {
        if ((!skipDirs || !SKIPPED_DIRS.has(e.name)) && !isIgnored(rules, join(dir, child), true)) visit(child, rules);
      } else if ((e.isFile() || (e.isSymbolicLink() && isFile(join(dir, child)))) && !isIgnored(rules, join(dir, child), false)) {
        out.push(child);
      }
    }
  };
  visit('', []);
  return out;
}

/** The first HEAD_BYTES of a file (and whether there is more), or undefined when it is over MAX_SNIFFED_BYTES or cannot be read. */
export function readHead(path: string): { text: string; truncated: boolean } | undefined {
  let fd: number | undefined;
  try {
    if (statSync(path).size > MAX_SNIFFED_BYTES) return undefined;
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return { text: buf.subarray(0, n).toString('utf8'), truncated: n === HEAD_BYTES };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a file found in a folder search is a Zerops file, by its name or else its head. */
export function isZeropsFile(path: string): boolean {
  if (kindByName(path)) return true;
  if (!isYamlName(path)) return false;
  const head = readHead(path);
  return head !== undefined && kindOfHead(path, head.text, head.truncated) !== undefined;
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
  return walk(root).filter((rel) => isZeropsFile(join(root, rel)))
    .map((rel) => ({ display: joinDisplay(arg, rel), path: join(root, rel), origin: 'found' }));
}

/** The files to check, each once, in the order the arguments name them; `kind` (--kind) applies to files named directly. */
export function discover(args: readonly string[], cwd: string, kind?: DocumentKind): Discovery {
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
    if (stat?.isFile()) found = [{ display: arg, path, origin: 'named', ...(kind ? { kind } : {}) }];
    else if (stat?.isDirectory()) found = searchFolder(arg, cwd);
    else if (!stat) found = expandGlob(arg, cwd);
    else {
      problems.push(`cannot read ${arg}: not a file or folder`);
      continue;
    }
    if (found.length === 0) {
      const where = arg === '.' && args.length === 0 ? 'the current folder' : arg;
      problems.push(stat ? `no Zerops files (import.yaml, *.import.yml, zerops.yml, or YAML with Zerops services or setups) in ${where}` : `no files match ${arg}`);
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
      for (const name of names) if (fileKind(kindByName(name) ?? 'other')?.definesServices && isFile(join(dir, name))) found.add(join(dir, name));
      const parent = dirname(dir);
      if (names.includes('.git') || parent === dir) break;
      dir = parent;
    }
  }
  return [...found].sort();
}
