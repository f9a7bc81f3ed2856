import type { WorkspaceHost } from '../service/workspace-host';

// Hosts combined: the disk for file URIs, the client's file system for the rest (server-node.ts). The
// interface is the service layer's (service/workspace-host.ts), which reads the workspace through it.

/** The host for each resource: `first` where it handles it, `rest` for everything else. */
export function hostByScheme(first: WorkspaceHost, rest: WorkspaceHost): WorkspaceHost {
  const pick = (uri: string) => (first.handles(uri) ? first : rest);
  const split = (folders: readonly string[]) => [folders.filter((f) => first.handles(f)), folders.filter((f) => !first.handles(f))] as const;
  return {
    handles: (uri) => first.handles(uri) || rest.handles(uri),
    keyOf: (uri) => pick(uri).keyOf(uri),
    isInside: (uri, folders) => pick(uri).isInside(uri, folders.filter((f) => pick(f) === pick(uri))),
    parentOf: (uri) => pick(uri).parentOf(uri),
    findZeropsFiles: async (folders) => {
      const [mine, others] = split(folders);
      const found = await Promise.all([mine.length ? first.findZeropsFiles(mine) : [], others.length ? rest.findZeropsFiles(others) : []]);
      return found.flat();
    },
    isZeropsFile: (uri) => pick(uri).isZeropsFile(uri),
    readZeropsFile: (uri, folders) => pick(uri).readZeropsFile(uri, folders.filter((f) => pick(f) === pick(uri))),
    gitRemotes: (folder) => pick(folder).gitRemotes(folder),
    filesAround: (key, folders) => pick(key).filesAround(key, folders.filter((f) => pick(f) === pick(key))),
    workTreeOf: (key, folders) => pick(key).workTreeOf?.(key, folders.filter((f) => pick(f) === pick(key))),
    onFilesArrived: (listener) => {
      first.onFilesArrived?.(listener);
      rest.onFilesArrived?.(listener);
    },
    forget: () => {
      first.forget?.();
      rest.forget?.();
    },
  };
}
