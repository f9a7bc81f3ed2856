import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kindByName } from './model/kind';
import { HEAD_BYTES, MAX_SNIFFED_BYTES, isYamlName, kindOfHead } from './model/sniff';
import { filesUnder, gitRemotes } from './file-access';
import type { FileAccess, RepositoryInfo } from './rules/rule';

// The file-system side of the workspace index, for the server only: find the Zerops files in the
// workspace folders (by name, or by the first 64 KB of a YAML file up to 2 MB) and read them, and keep the
// project's files from disk current (WorkspaceFolders). It reads nothing outside those folders, follows
// no symbolic link, skips node_modules and .git, and leaves large files and very large trees alone.

/** Larger files are not read: Zerops refuses import files over 100 KB anyway. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** The walk stops after this many directories or matching files, so a huge tree cannot stall the server. */
const MAX_DIRECTORIES = 20_000;
const MAX_FILES = 2_000;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

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

/** What the disk side needs of the project: its index of files from disk, through the project's methods. */
export interface DiskFileSink {
  setDiskFiles(files: Iterable<{ key: string; text: string | undefined }>, notify?: 'changed' | 'always' | 'never'): boolean;
  setRepository(folderKey: string, info: RepositoryInfo): void;
  isIndexed(key: string): boolean;
  indexedUris(): string[];
}

/**
 * The workspace folders as the server keeps them: read on start, kept current from file-watch events and
 * folder changes, and a closed buffer handed back to the file on disk. An open buffer is the truth until
 * it closes (`isOpen`), so nothing here replaces one.
 */
export class WorkspaceFolders {
  folders: string[] = [];

  constructor(private readonly project: DiskFileSink, private readonly isOpen: (key: string) => boolean) {}

  /** The files a check may read around the file `key`: inside the workspace folders only. */
  filesAround(key: string): FileAccess | undefined {
    return filesAround(key, this.folders);
  }

  /** Reads the Zerops files of `folders` (all of them by default) and their git remotes. */
  async scan(folders: readonly string[] = this.folders): Promise<void> {
    const found = await findZeropsFiles(folders);
    // The git remotes of each folder and of each folder holding a Zerops file (read from .git/config only),
    // for the checks that compare an import's buildFromGit with this repository.
    for (const dir of new Set([...folders, ...found.map((p) => dirname(p))])) {
      if (isInside(dir, this.folders)) this.project.setRepository(uriOf(dir), { remotes: gitRemotes(dir) });
    }
    const files: { key: string; text: string }[] = [];
    for (const path of found) {
      const key = uriOf(path);
      if (this.isOpen(key)) continue;
      const text = await readZeropsFile(path, this.folders);
      if (text !== undefined) files.push({ key, text });
    }
    this.project.setDiskFiles(files, 'always');
  }

  /** Folders added are read, files of folders removed leave the index (open buffers stay while open). */
  async change(added: string[], removed: string[]): Promise<void> {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added];
    const gone: { key: string; text: undefined }[] = [];
    for (const uri of this.project.indexedUris()) {
      const key = uriKey(uri);
      const path = pathOf(key);
      if (path !== undefined && !this.isOpen(key) && !isInside(path, this.folders)) gone.push({ key, text: undefined });
    }
    // The scan after it tells the open documents.
    this.project.setDiskFiles(gone, 'never');
    await this.scan(added);
  }

  /** Files created, changed or deleted on disk (file-watch events). */
  async filesChanged(changes: readonly { uri: string; deleted: boolean }[]): Promise<void> {
    const files: { key: string; text: string | undefined }[] = [];
    for (const change of changes) {
      const path = pathOf(change.uri);
      const key = uriKey(change.uri);
      // An open buffer is the truth until it closes; a file outside the folders is none of ours.
      if (path === undefined || !isInside(path, this.folders) || this.isOpen(key)) continue;
      // As on start, only Zerops files (by name or content) are read, plus those the index already holds.
      if (!this.project.isIndexed(key) && !(await isZeropsFileOnDisk(path))) continue;
      files.push({ key, text: change.deleted ? undefined : await readZeropsFile(path, this.folders) });
    }
    this.project.setDiskFiles(files);
  }

  /** A closed buffer gives way to the file on disk, if there is one in the workspace, or leaves the index. */
  async closed(uri: string): Promise<void> {
    const key = uriKey(uri);
    const path = pathOf(uri);
    const text = path !== undefined ? await readZeropsFile(path, this.folders) : undefined;
    if (!this.isOpen(key)) this.project.setDiskFiles([{ key, text }]);
  }
}
