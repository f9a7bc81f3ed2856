import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIND_FILES, FileType, READ_FILE, STAT, type FindFilesParams, type ReadFileParams, type StatResult, type UriParams } from '../server/src/host/protocol';

// The editor's side of the server's file requests (server/src/host/protocol.ts) over a real folder on
// disk, shown to the server as the virtual workspace `base` (e.g. vscode-vfs://github/o/r): what
// client/src/common.ts does through vscode.workspace.fs, with the answers VS Code's disk provider gives
// (a link is its target's type plus the SymbolicLink bit). For the client-host and virtual-workspace tests.

export function vfsClient(folder: string, base: string): (method: string, params: unknown) => Promise<unknown> {
  const pathOf = (uri: string): string => {
    if (uri !== base && !uri.startsWith(`${base}/`)) throw new Error(`${uri} is not inside the workspace`);
    return join(folder, decodeURIComponent(uri.slice(base.length)));
  };
  const uriOf = (rel: string) => `${base}/${rel.split('/').map(encodeURIComponent).join('/')}`;
  const glob = (include: string) => {
    const m = /^\*\*\/\*\.\{([^}]+)\}$/.exec(include);
    if (!m) throw new Error(`this test client knows only **/*.{a,b} patterns, not ${include}`);
    return (name: string) => m[1].split(',').some((ext) => name.endsWith(`.${ext}`));
  };
  const walk = (rel: string, take: (name: string) => boolean, out: string[]) => {
    for (const e of readdirSync(join(folder, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      // findFiles follows links (search.followSymlinks is on by default) and leaves out what `exclude` names.
      const dir = e.isDirectory() || (e.isSymbolicLink() && statSync(join(folder, child), { throwIfNoEntry: false })?.isDirectory());
      if (dir && e.name !== 'node_modules' && e.name !== '.git') walk(child, take, out);
      else if (!dir && take(e.name)) out.push(uriOf(child));
    }
    return out;
  };
  return async (method, params) => {
    switch (method) {
      case FIND_FILES: {
        const p = params as FindFilesParams;
        return walk(pathOf(p.folder).slice(folder.length + 1), glob(p.include), []).slice(0, p.maxResults);
      }
      case STAT: {
        const path = pathOf((params as UriParams).uri);
        const l = lstatSync(path, { throwIfNoEntry: false });
        if (!l) return null;
        const s = l.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : l;
        const type = (s?.isFile() ? FileType.File : s?.isDirectory() ? FileType.Directory : 0) | (l.isSymbolicLink() ? FileType.SymbolicLink : 0);
        return { type, size: s?.size ?? 0 } satisfies StatResult;
      }
      case READ_FILE: {
        const p = params as ReadFileParams;
        const path = pathOf(p.uri);
        return statSync(path).size > p.maxBytes ? null : readFileSync(path, 'utf8');
      }
      default:
        throw new Error(`unknown request ${method}`);
    }
  };
}
