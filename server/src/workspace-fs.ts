import { existsSync, promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kindByName } from './model/kind';
import { HEAD_BYTES, MAX_SNIFFED_BYTES, isYamlName, kindOfHead } from './model/sniff';
import { filesUnder } from './file-access';
import { MAX_FILES, MAX_FILE_BYTES, SKIPPED_DIRECTORIES } from './service/file-limits';
import type { FileAccess } from './rules/rule';

// The file-system side of the workspace index, for the server only: find the Zerops files in the
// workspace folders (by name, or by the first 64 KB of a YAML file up to 2 MB) and read them. It reads nothing outside those folders, follows no symbolic link,
// skips node_modules and .git, and leaves large files and very large trees alone.

export { MAX_FILE_BYTES };
/** The walk stops after this many directories (or MAX_FILES matching files), so a huge tree cannot stall the server. */
const MAX_DIRECTORIES = 20_000;

export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** One spelling per file, whichever way the client encoded its URI; the index is keyed by it. */
export function uriKey(uri: string): string {
  const path = pathOf(uri);
  return path === undefined ? uri : pathToFileURL(path).href;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export function isInside(path: string, folders: readonly string[]): boolean {
  return folders.some((folder) => {
    const rel = relative(folder, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

/** Whether a file is a Zerops file by its name, or else by the head of its text (YAML files up to MAX_SNIFFED_BYTES). */
export async function isZeropsFileOnDisk(path: string): Promise<boolean> {
  if (kindByName(path)) return true;
  if (!isYamlName(path)) return false;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, 'r');
    if ((await handle.stat()).size > MAX_SNIFFED_BYTES) return false;
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return kindOfHead(path, buf.subarray(0, bytesRead).toString('utf8'), bytesRead === HEAD_BYTES) !== undefined;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Import files and zerops.yml files under the folders, by the names Zerops files go by or by content. */
export async function findZeropsFiles(folders: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [...folders];
  let directories = 0;
  while (queue.length > 0 && directories < MAX_DIRECTORIES && found.length < MAX_FILES) {
    const dir = queue.shift()!;
    directories++;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory() && !SKIPPED_DIRECTORIES.has(e.name)) queue.push(join(dir, e.name));
      else if (e.isFile() && await isZeropsFileOnDisk(join(dir, e.name))) found.push(join(dir, e.name));
    }
  }
  return found.sort();
}

/**
 * The text of a regular file inside the folders, or undefined (missing, a link, too large, unreadable).
 * Inside means where the file really is: a linked directory on the way may not lead out of the folders.
 */
export async function readZeropsFile(path: string, folders: readonly string[]): Promise<string | undefined> {
  if (!isInside(path, folders)) return undefined;
  try {
    const stat = await fs.lstat(path);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    const real = await fs.realpath(path);
    const realFolders = await Promise.all(folders.map((f) => fs.realpath(f).catch(() => f)));
    if (!isInside(real, realFolders)) return undefined;
    return await fs.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}


/** Read access to the files around the file of URI `key`, under the deepest workspace folder holding it; none outside every folder. */
export function filesAround(key: string, folders: readonly string[]): FileAccess | undefined {
  const path = pathOf(key);
  if (path === undefined) return undefined;
  const root = folders.filter((f) => isInside(path, [f])).sort((a, b) => b.length - a.length)[0];
  return root === undefined ? undefined : filesUnder(root, dirname(path));
}

/** Work tree of each folder asked about (a folder's answer rarely changes; `forgetWorkTrees` clears it). */
const workTrees = new Map<string, string | undefined>();

export function forgetWorkTrees(): void {
  workTrees.clear();
}

/**
 * The git work tree holding the file `key`: the nearest folder at or above it, inside the workspace
 * folders, with a `.git` entry (a folder, or the file of a linked worktree). Only existence is checked.
 */
export function workTreeAround(key: string, folders: readonly string[]): string | undefined {
  const path = pathOf(key);
  if (path === undefined || !isInside(path, folders)) return undefined;
  const start = dirname(path);
  if (workTrees.has(start)) return workTrees.get(start);
  let found: string | undefined;
  for (let d = start, i = 0; i < 64 && isInside(d, folders); i++) {
    if (existsSync(join(d, '.git'))) {
      found = d;
      break;
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  workTrees.set(start, found);
  return found;
}
