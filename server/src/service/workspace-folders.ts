import type { RepositoryInfo } from '../rules/rule';
import type { WorkspaceHost } from './workspace-host';

// The workspace folders as the server keeps them, read through the host (the disk, or the client's file
// system): read on start, kept current from file-watch events and folder changes, and a closed buffer
// handed back to the file in the workspace. An open buffer is the truth until it closes (`isOpen`), so
// nothing here replaces one. The project is reached only through its methods.

/** What the folders need of the project: its files from the workspace, through the project's methods. */
export interface WorkspaceFileSink {
  setDiskFiles(files: Iterable<{ key: string; text: string | undefined }>, notify?: 'changed' | 'always' | 'never'): boolean;
  setRepository(folderKey: string, info: RepositoryInfo): void;
  isIndexed(key: string): boolean;
  indexedUris(): string[];
}

export class WorkspaceFolders {
  /** The workspace folders the host can read, by key. */
  folders: string[] = [];

  constructor(private readonly project: WorkspaceFileSink, private readonly host: WorkspaceHost, private readonly isOpen: (key: string) => boolean) {}

  /** The folders (URIs) the host can read, as keys. */
  keysOf(uris: readonly string[]): string[] {
    return uris.filter((u) => this.host.handles(u)).map((u) => this.host.keyOf(u));
  }

  /** Reads the Zerops files of `folders` (all of them by default) and their git remotes. */
  async scan(folders: readonly string[] = this.folders): Promise<void> {
    const found = await this.host.findZeropsFiles(folders);
    // The git remotes of each folder and of each folder holding a Zerops file (read from .git/config only),
    // for the checks that compare an import's buildFromGit with this repository.
    for (const dir of new Set([...folders, ...found.map((key) => this.host.parentOf(key))])) {
      if (this.host.isInside(dir, this.folders)) this.project.setRepository(dir, { remotes: await this.host.gitRemotes(dir) });
    }
    const files: { key: string; text: string }[] = [];
    for (const key of found) {
      if (this.isOpen(key)) continue;
      const text = await this.host.readZeropsFile(key, this.folders);
      if (text !== undefined) files.push({ key, text });
    }
    this.project.setDiskFiles(files, 'always');
  }

  /** Folders added are read, files of folders removed leave the index (open buffers stay while open). */
  async change(added: string[], removed: string[]): Promise<void> {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added];
    const gone: { key: string; text: undefined }[] = [];
    for (const uri of this.project.indexedUris()) {
      const key = this.host.keyOf(uri);
      if (this.host.handles(key) && !this.isOpen(key) && !this.host.isInside(key, this.folders)) gone.push({ key, text: undefined });
    }
    // The scan after it tells the open documents.
    this.project.setDiskFiles(gone, 'never');
    await this.scan(added);
  }

  /** Files created, changed or deleted in the workspace (file-watch events). */
  async filesChanged(changes: readonly { uri: string; deleted: boolean }[]): Promise<void> {
    this.host.forget?.();
    const files: { key: string; text: string | undefined }[] = [];
    for (const change of changes) {
      const key = this.host.keyOf(change.uri);
      // An open buffer is the truth until it closes; a file outside the folders is none of ours.
      if (!this.host.handles(key) || !this.host.isInside(key, this.folders) || this.isOpen(key)) continue;
      // As on start, only Zerops files (by name or content) are read, plus those the index already holds.
      if (!this.project.isIndexed(key) && !(await this.host.isZeropsFile(key))) continue;
      files.push({ key, text: change.deleted ? undefined : await this.host.readZeropsFile(key, this.folders) });
    }
    this.project.setDiskFiles(files);
  }

  /** A closed buffer gives way to the file in the workspace, if there is one, or leaves the index. */
  async closed(uri: string): Promise<void> {
    const key = this.host.keyOf(uri);
    const text = this.host.handles(uri) ? await this.host.readZeropsFile(key, this.folders) : undefined;
    if (!this.isOpen(key)) this.project.setDiskFiles([{ key, text }]);
  }
}
