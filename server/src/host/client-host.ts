import { URI, Utils } from 'vscode-uri';
import { kindByName } from '../model/kind';
import { HEAD_BYTES, MAX_SNIFFED_BYTES, isYamlName, kindOfHead } from '../model/sniff';
import type { FileAccess } from '../rules/rule';
import { MAX_FILES, MAX_FILE_BYTES, MAX_GIT_CONFIG_BYTES, MAX_READ_BYTES, SKIPPED_DIRECTORIES } from '../service/file-limits';
import { parseGitConfigRemotes } from '../service/git-remote';
import type { WorkspaceHost } from '../service/workspace-host';
import {
  FIND_FILES, FileType, READ_FILE, STAT,
  type FindFilesParams, type FindFilesResult, type ReadFileParams, type ReadFileResult, type StatResult, type UriParams,
} from './protocol';

// The workspace through the editor: every file is found, looked at and read by a request to the client
// (protocol.ts), which answers through vscode.workspace.fs. That is what the web worker has (vscode.dev,
// github.dev), and what a virtual workspace needs on the desktop. The limits are the disk host's: inside
// the workspace folders, no symbolic link anywhere below the folder, the same size caps, and a failed or
// refused request is "cannot tell", never an error.

/** YAML files a scan looks at, by name or content: a bound on the requests one folder costs. */
const MAX_CANDIDATES = 20_000;
const EXCLUDE = '**/{node_modules,.git}/**';
/** How long an answer is used before it is asked again (while the new answer is on its way, the old one stands). */
const FRESH_MS = 5_000;

/** Sends a request to the client; rejects when the client fails or does not know the method. */
export type ClientRequest = <R>(method: string, params: unknown) => Promise<R>;

type Stat = StatResult | undefined; // undefined: cannot tell

const parse = (uri: string): URI | undefined => {
  try {
    return URI.parse(uri, true);
  } catch {
    return undefined;
  }
};

/** The path segments of `uri` below `folder`, or undefined when it is not inside (same scheme and authority). */
function below(uri: URI, folder: URI): string[] | undefined {
  if (uri.scheme !== folder.scheme || uri.authority !== folder.authority) return undefined;
  const top = folder.path.replace(/\/+$/, '');
  if (uri.path === top || uri.path === `${top}/`) return [];
  if (!uri.path.startsWith(`${top}/`)) return undefined;
  const parts = uri.path.slice(top.length + 1).split('/').filter((p) => p !== '');
  return parts.some((p) => p === '..' || p === '.') ? undefined : parts;
}

/** The deepest folder holding `uri`, with the path below it. */
function rootOf(uri: URI, folders: readonly string[]): { root: URI; parts: string[] } | undefined {
  let best: { root: URI; parts: string[] } | undefined;
  for (const f of folders) {
    const folder = parse(f);
    const parts = folder && below(uri, folder);
    if (folder && parts && (!best || parts.length < best.parts.length)) best = { root: folder, parts };
  }
  return best;
}

export function clientHost(request: ClientRequest): WorkspaceHost {
  const stats = new Map<string, { at: number; value: Promise<Stat> }>();
  const listeners: (() => void)[] = [];

  function stat(uri: URI): Promise<Stat> {
    const key = uri.toString();
    const cached = stats.get(key);
    if (cached && Date.now() - cached.at < FRESH_MS) return cached.value;
    const value = request<StatResult>(STAT, { uri: key } satisfies UriParams).then((s) => s ?? null, () => undefined);
    stats.set(key, { at: Date.now(), value });
    return value;
  }

  async function readText(uri: URI, maxBytes: number): Promise<string | undefined> {
    try {
      const text = await request<ReadFileResult>(READ_FILE, { uri: uri.toString(), maxBytes } satisfies ReadFileParams);
      return typeof text === 'string' && new TextEncoder().encode(text).length <= maxBytes ? text : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The text of the file `parts` below `root`, as file-access.ts reads it: 'missing' when some step is not
   * there; undefined through a link, for anything but a regular file, over `maxBytes`, or when the client
   * cannot tell.
   */
  async function readBelow(root: URI, parts: readonly string[], maxBytes: number): Promise<string | 'missing' | undefined> {
    if (!parts.length) return undefined;
    let at = root;
    let last: Stat = null;
    for (const part of parts) {
      at = Utils.joinPath(at, part);
      last = await stat(at);
      if (last === undefined) return undefined;
      if (last === null) return 'missing';
      if (last.type & FileType.SymbolicLink) return undefined;
    }
    if (!last || last.type !== FileType.File || last.size > maxBytes) return undefined;
    return readText(at, maxBytes);
  }

  /** Whether no step below `root` to `parts` is a link (as the disk walk, which never enters one). */
  async function linkFree(root: URI, parts: readonly string[]): Promise<boolean> {
    let at = root;
    for (const part of parts) {
      at = Utils.joinPath(at, part);
      const s = await stat(at);
      if (!s || s.type & FileType.SymbolicLink) return false;
    }
    return true;
  }

  async function isZeropsFile(uri: string): Promise<boolean> {
    if (kindByName(uri)) return true;
    const u = parse(uri);
    if (!u || !isYamlName(u.path)) return false;
    const s = await stat(u);
    if (!s || !(s.type & FileType.File) || s.size > MAX_SNIFFED_BYTES) return false;
    const text = await readText(u, MAX_SNIFFED_BYTES);
    if (text === undefined) return false;
    // The head as the disk host reads it: the first HEAD_BYTES bytes (a character cut in two is dropped).
    const bytes = new TextEncoder().encode(text);
    const head = bytes.length > HEAD_BYTES ? new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES)).replace(/\uFFFD$/, '') : text;
    return kindOfHead(u.path, head, bytes.length > HEAD_BYTES) !== undefined;
  }

  // ---- the files the checks read (a site config, .git): answered from what arrived; a miss asks the client
  const files = new Map<string, { at: number; value: string | 'missing' | undefined; pending: boolean }>();
  let notifyQueued = false;
  const arrived = () => {
    if (notifyQueued) return;
    notifyQueued = true;
    setTimeout(() => {
      notifyQueued = false;
      for (const l of listeners) l();
    }, 0);
  };
  function fetchFile(key: string, root: URI, parts: string[]): void {
    const entry = files.get(key) ?? { at: 0, value: undefined, pending: false };
    entry.pending = true;
    files.set(key, entry);
    const known = entry.at > 0;
    readBelow(root, parts, MAX_READ_BYTES).then((value) => {
      const changed = !known || value !== entry.value;
      Object.assign(entry, { value, at: Date.now(), pending: false });
      if (changed && (known || value !== undefined)) arrived();
    });
  }

  return {
    handles: (uri) => parse(uri) !== undefined,
    keyOf: (uri) => parse(uri)?.toString() ?? uri,
    isInside: (uri, folders) => {
      const u = parse(uri);
      return !!u && rootOf(u, folders) !== undefined;
    },
    parentOf: (uri) => {
      const u = parse(uri);
      return u ? Utils.dirname(u).toString() : uri;
    },
    isZeropsFile,
    findZeropsFiles: async (folders) => {
      const found: string[] = [];
      for (const folder of folders) {
        let candidates: FindFilesResult;
        try {
          candidates = await request<FindFilesResult>(FIND_FILES, { folder, include: '**/*.{yml,yaml,YML,YAML}', exclude: EXCLUDE, maxResults: MAX_CANDIDATES } satisfies FindFilesParams);
        } catch {
          continue;
        }
        for (const uri of Array.isArray(candidates) ? candidates : []) {
          if (found.length >= MAX_FILES) break;
          const u = parse(uri);
          const inside = u && rootOf(u, [folder]);
          // findFiles follows links (search.followSymlinks); the disk walk does not, nor does this.
          if (!inside || inside.parts.some((p) => SKIPPED_DIRECTORIES.has(p)) || !await linkFree(inside.root, inside.parts)) continue;
          if (await isZeropsFile(uri)) found.push(u.toString());
        }
      }
      return [...new Set(found)].sort();
    },
    readZeropsFile: async (uri, folders) => {
      const u = parse(uri);
      const inside = u && rootOf(u, folders);
      if (!inside) return undefined;
      const text = await readBelow(inside.root, inside.parts, MAX_FILE_BYTES);
      return text === 'missing' ? undefined : text;
    },
    gitRemotes: async (folder) => {
      const root = parse(folder);
      if (!root) return [];
      // A .git folder, or a .git file pointing at the git folder (a linked worktree, a submodule), as on disk.
      let gitDir = Utils.joinPath(root, '.git');
      const dotGit = await stat(gitDir);
      if (!dotGit || dotGit.type & FileType.SymbolicLink) return [];
      if (dotGit.type === FileType.File) {
        const m = /^gitdir:\s*(.+?)\s*$/m.exec(await readText(gitDir, MAX_GIT_CONFIG_BYTES) ?? '');
        if (!m) return [];
        gitDir = m[1].startsWith('/') ? root.with({ path: m[1] }) : Utils.resolvePath(root, m[1]);
        const common = await readText(Utils.joinPath(gitDir, 'commondir'), MAX_GIT_CONFIG_BYTES);
        if (common?.trim()) gitDir = common.trim().startsWith('/') ? root.with({ path: common.trim() }) : Utils.resolvePath(gitDir, common.trim());
      } else if (dotGit.type !== FileType.Directory) return [];
      const config = Utils.joinPath(gitDir, 'config');
      const s = await stat(config);
      if (!s || s.type !== FileType.File || s.size > MAX_GIT_CONFIG_BYTES) return [];
      const text = await readText(config, MAX_GIT_CONFIG_BYTES);
      return text === undefined ? [] : parseGitConfigRemotes(text);
    },
    filesAround: (key, folders): FileAccess | undefined => {
      const u = parse(key);
      const inside = u && rootOf(u, folders);
      if (!inside) return undefined;
      const { root } = inside;
      const dir = Utils.dirname(u);
      return {
        read(path: string) {
          if (!path || path.includes('\0') || path.startsWith('/')) return undefined;
          const target = Utils.resolvePath(dir, path);
          const parts = below(target, root);
          if (!parts?.length) return undefined;
          const k = target.toString();
          const entry = files.get(k);
          if (!entry || (!entry.pending && Date.now() - entry.at >= FRESH_MS)) fetchFile(k, root, parts);
          return entry?.value;
        },
      };
    },
    onFilesArrived: (listener) => {
      listeners.push(listener);
    },
    forget: () => {
      stats.clear();
      for (const entry of files.values()) entry.at = 1; // known, but asked again at the next read
    },
  };
}
