import type { FileAccess } from '../rules/rule';

// What the language server needs from the files of the workspace, behind one interface with two
// implementations in host/: the disk through Node's fs (node-host.ts: the server started as a process) and
// the editor's own file system through requests to the client (client-host.ts: the web worker, and virtual
// workspaces on the desktop). Both keep the same limits: only inside the workspace folders, no link
// followed, small files only, and "cannot tell" (undefined, an empty list) instead of an error, so the
// checks that need an answer stay silent where a host has none (github.dev has no .git).

export interface WorkspaceHost {
  /** Whether this host reads the resource `uri` (the disk host: file URIs only). */
  handles(uri: string): boolean;
  /** One spelling per resource, whichever way the client encoded its URI: the index is keyed by it. */
  keyOf(uri: string): string;
  /** Whether `uri` is one of the folders (URIs) or lies below one. */
  isInside(uri: string, folders: readonly string[]): boolean;
  /** The folder (URI) a file is in. */
  parentOf(uri: string): string;
  /** The Zerops files (by name, or by the head of a YAML file) under the folders, as keys. */
  findZeropsFiles(folders: readonly string[]): Promise<string[]>;
  /** Whether the file is a Zerops file by name, or else by the head of its text. */
  isZeropsFile(uri: string): Promise<boolean>;
  /** The text of a regular file inside the folders, or undefined (missing, a link, too large, unreadable). */
  readZeropsFile(uri: string, folders: readonly string[]): Promise<string | undefined>;
  /** The remotes of the git repository whose work tree is `folder`: empty when there is none or it cannot be read. */
  gitRemotes(folder: string): Promise<string[]>;
  /** Read access for the checks to the files around the file `key`, under the deepest folder holding it. */
  filesAround(key: string, folders: readonly string[]): FileAccess | undefined;
  /**
   * The git work tree holding the file `key` (a string naming its folder), undefined outside one or where
   * the host cannot tell: import files pair with a zerops.yml only inside one work tree.
   */
  workTreeOf?(key: string, folders: readonly string[]): string | undefined;
  /**
   * For a host whose reads arrive later than the checks ask (the client's): `listener` runs when answers
   * arrived that the last checks had to do without, so open documents are checked again.
   */
  onFilesArrived?(listener: () => void): void;
  /** Files changed in the workspace: what was read of them before is forgotten. */
  forget?(): void;
}
