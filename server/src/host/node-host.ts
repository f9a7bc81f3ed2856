import { dirname } from 'node:path';
import { gitRemotes } from '../file-access';
import { filesAround, findZeropsFiles, forgetWorkTrees, isInside, isZeropsFileOnDisk, pathOf, readZeropsFile, uriKey, uriOf, workTreeAround } from '../workspace-fs';
import type { WorkspaceHost } from '../service/workspace-host';

// The workspace on disk, through Node's fs (workspace-fs.ts and file-access.ts): file URIs only.

const paths = (uris: readonly string[]) => uris.map(pathOf).filter((p): p is string => p !== undefined);

export function nodeHost(): WorkspaceHost {
  return {
    handles: (uri) => pathOf(uri) !== undefined,
    keyOf: uriKey,
    isInside: (uri, folders) => {
      const path = pathOf(uri);
      return path !== undefined && isInside(path, paths(folders));
    },
    parentOf: (uri) => {
      const path = pathOf(uri);
      return path === undefined ? uri : uriOf(dirname(path));
    },
    findZeropsFiles: async (folders) => (await findZeropsFiles(paths(folders))).map(uriOf),
    isZeropsFile: async (uri) => {
      const path = pathOf(uri);
      return path !== undefined && isZeropsFileOnDisk(path);
    },
    readZeropsFile: async (uri, folders) => {
      const path = pathOf(uri);
      return path === undefined ? undefined : readZeropsFile(path, paths(folders));
    },
    gitRemotes: async (folder) => {
      const path = pathOf(folder);
      return path === undefined ? [] : gitRemotes(path);
    },
    filesAround: (key, folders) => filesAround(key, paths(folders)),
    workTreeOf: (key, folders) => workTreeAround(key, paths(folders)),
    // A `git init` or a removed .git changes which files pair.
    forget: forgetWorkTrees,
  };
}
