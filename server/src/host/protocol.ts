// The requests the server sends the client for files it cannot read itself (the web worker; virtual
// workspaces such as github.dev's `vscode-vfs://`). The client answers them through `vscode.workspace.fs`
// and `vscode.workspace.findFiles`; the server keeps every limit (client-host.ts). Shared by both sides.

/** `vscode.FileType` bits, as `vscode.workspace.fs.stat` reports them. */
export const FileType = { File: 1, Directory: 2, SymbolicLink: 64 } as const;

/** `zerops/findFiles`: the files under `folder` matching the glob `include`, none matching `exclude`. */
export const FIND_FILES = 'zerops/findFiles';
export interface FindFilesParams {
  folder: string;
  include: string;
  exclude: string;
  maxResults: number;
}
/** The URIs found. */
export type FindFilesResult = string[];

/** `zerops/stat`: what is at `uri`; null when nothing is. A failure other than "not found" is an error. */
export const STAT = 'zerops/stat';
export interface UriParams {
  uri: string;
}
export type StatResult = { type: number; size: number } | null;

/** `zerops/readFile`: the text of the file at `uri` (UTF-8), if it is not larger than `maxBytes`; null when it is. */
export const READ_FILE = 'zerops/readFile';
export interface ReadFileParams extends UriParams {
  maxBytes: number;
}
export type ReadFileResult = string | null;
