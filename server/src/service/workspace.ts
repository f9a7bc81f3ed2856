import { valkeyMode } from '../catalog/services';
import { parseFile } from '../model/incremental';
import { FILE_KINDS, fileKind } from '../model/kind';
import { registerServiceOwners, signatureOf } from '../model/lookup';
import type { ServiceModel, ZeropsModel } from '../model/types';
import type { FileAccess, FileContext, RepositoryInfo } from '../rules/rule';

// The workspace index: the parsed Zerops files of a workspace (import files and zerops.yml), so that a
// zerops.yml can be checked against the services the import files beside it define, and navigation can
// cross files. Pure: the server feeds it from disk and open buffers, the CLI from the files it was given.

export interface WorkspaceFile {
  /** The URI (or path) to report locations and edits under. */
  uri: string;
  model: ZeropsModel;
}

/**
 * What other files' checks depend on, for a file of any kind: its kind (which decides what pairs with
 * what), each service's hostname, type and mode, and its setup names (an import file's `zeropsSetup` is
 * checked against them). Nothing for a file that is no Zerops file.
 */
function servicesSignature(model: ZeropsModel): string {
  if (!fileKind(model.kind)) return '';
  return JSON.stringify([model.kind, model.services.map(signatureOf), model.setups.map((x) => x.name?.value)]);
}

export class WorkspaceIndex {
  private readonly byKey = new Map<string, WorkspaceFile>();
  /** Git repositories by the key of their work-tree folder (a URI or a path, as file keys are). */
  private readonly repositories = new Map<string, RepositoryInfo>();
  /** servicesSignature of each file's model when it was set (a model may change in place afterwards). */
  private readonly signatures = new Map<string, string>();

  /**
   * `filesFor(key)`: read access to the files around the file `key`; `workTreeOf(key)`: the git work tree
   * holding it (any string naming that folder), undefined outside one. Both from whoever reads the disk
   * (none here: pure).
   */
  constructor(
    private readonly filesFor?: (key: string) => FileAccess | undefined,
    private readonly workTreeOf?: (key: string) => string | undefined,
  ) {}

  /**
   * Adds or replaces a file. Files that are neither import files nor zerops.yml are dropped. Returns
   * true when the services the index offers other files changed, so open documents need checking again.
   */
  set(key: string, uri: string, model: ZeropsModel): boolean {
    const before = this.signatures.get(key) ?? '';
    const after = servicesSignature(model);
    if (model.kind === 'other') {
      this.byKey.delete(key);
      this.signatures.delete(key);
    } else {
      if (model.services.length) registerServiceOwners(model);
      this.byKey.set(key, { uri, model });
      this.signatures.set(key, after);
    }
    return after !== before;
  }

  /** Parses `text` as the file `uri` names and adds it (see `set`). */
  setText(key: string, uri: string, text: string): boolean {
    return this.set(key, uri, parseFile(text, { fileName: uri }));
  }

  delete(key: string): boolean {
    const before = this.signatures.get(key) ?? '';
    this.byKey.delete(key);
    this.signatures.delete(key);
    return before !== '';
  }

  get(key: string): WorkspaceFile | undefined {
    return this.byKey.get(key);
  }

  /** Every indexed file, in key order, so results do not depend on the order files were read. */
  files(): WorkspaceFile[] {
    return this.sorted().map(([, f]) => f);
  }

  private sorted(): [string, WorkspaceFile][] {
    return [...this.byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Every indexed file with its key, in key order. */
  entries(): [string, WorkspaceFile][] {
    return this.sorted();
  }

  /** The files that define services (the import files). */
  importFiles(): WorkspaceFile[] {
    return this.files().filter((f) => f.model.services.length > 0);
  }

  /**
   * Whether the import file `importKey` belongs to the same project as the file `forKey`. When both lie
   * in git work trees: the same one (a folder of several repositories keeps them apart). Otherwise the
   * folders decide: the import belongs to the zerops.yml nearest to it, so it pairs with `forKey` unless
   * another zerops.yml shares a deeper folder with it (`projects/a/zerops.yml` is not checked against
   * `projects/b/import.yml` beside `projects/b/zerops.yml`, while `app/zerops.yml` and `infra/import.yml`
   * of one project pair).
   */
  sameProject(forKey: string, importKey: string): boolean {
    const a = this.workTreeOf?.(forKey);
    const b = this.workTreeOf?.(importKey);
    if (a !== undefined && b !== undefined) return a === b;
    const there = folderParts(importKey);
    const depth = sharedDepth(folderParts(forKey), there);
    for (const [key, file] of this.byKey) {
      if (key !== forKey && fileKind(file.model.kind)?.checkedAgainstImports && sharedDepth(folderParts(key), there) > depth) return false;
    }
    return true;
  }

  /** Records the git repository whose work tree is the folder `folderKey` (empty remotes: forget it). */
  setRepository(folderKey: string, info: RepositoryInfo): void {
    const key = folderKey.replace(/[\\/]+$/, '');
    if (info.remotes.length) this.repositories.set(key, info);
    else this.repositories.delete(key);
  }

  /** The repository of the deepest recorded folder holding the file `key`, if any. */
  repositoryFor(key: string): RepositoryInfo | undefined {
    const parts = folderParts(key);
    let best: { depth: number; info: RepositoryInfo } | undefined;
    for (const [folder, info] of this.repositories) {
      const f = folder.split(/[\\/]/);
      if (f.length > parts.length || sharedDepth(f, parts) !== f.length) continue;
      if (!best || f.length > best.depth) best = { depth: f.length, info };
    }
    return best?.info;
  }

  /** What the checks of the file `key` may know around it: its repository and the Zerops files beside it. */
  contextFor(key: string): FileContext {
    const folder = folderParts(key).join('/');
    const siblings = [...this.byKey.keys()].filter((k) => k !== key && folderParts(k).join('/') === folder).map((k) => k.split(/[\\/]/).pop()!);
    const repositorySetups = this.repositorySetups(key);
    return { repository: this.repositoryFor(key), fileName: key.split(/[\\/]/).pop(), siblings, files: this.filesFor?.(key), ...(repositorySetups ? { repositorySetups } : {}) };
  }

  /**
   * The setup names of the zerops.yml (by the kind's `repositoryNames`: `zerops.yaml` first, as zcli
   * reads) at the root of the git work tree holding `key`: the shallowest folder above `key` still in that
   * work tree. Undefined without one.
   */
  repositorySetups(key: string): string[] | undefined {
    const tree = this.workTreeOf?.(key);
    if (tree === undefined) return undefined;
    const parts = folderParts(key);
    let root: string | undefined;
    for (let i = 1; i <= parts.length && root === undefined; i++) {
      const folder = parts.slice(0, i).join('/');
      if (this.workTreeOf!(`${folder}/zerops.yml`) === tree) root = folder;
    }
    if (root === undefined) return undefined;
    for (const kind of FILE_KINDS) {
      for (const name of kind.repositoryNames ?? []) {
        for (const [k, file] of this.byKey) {
          if (file.model.kind !== kind.id || folderParts(k).join('/') !== root || k.split(/[\\/]/).pop() !== name) continue;
          return file.model.setups.map((x) => x.name?.value).filter((n): n is string => typeof n === 'string');
        }
      }
    }
    return undefined;
  }

  /** Every service named `hostname` in an import file, with the file it is in. */
  definitions(hostname: string): { file: WorkspaceFile; service: ServiceModel }[] {
    const out: { file: WorkspaceFile; service: ServiceModel }[] = [];
    for (const file of this.importFiles()) {
      for (const service of file.model.byHostname.get(hostname) ?? []) out.push({ file, service });
    }
    return out;
  }

  /**
   * The services the import files define, one per hostname, for checking the file under `forKey` (its
   * own services are its own business). Only import files of the same project count (`sameProject`), so
   * a folder of several repositories never pairs one's zerops.yml with another's import. Several import
   * files often define one hostname: only those nearest the file count (the deepest folder they share
   * with it); of those, a hostname whose definitions disagree on the type is left out, and an HA
   * definition wins, since then the HA-only ports and variables exist in at least one of them
   * (development and production imports side by side).
   */
  servicesFor(forKey?: string): ServiceModel[] {
    const here = forKey === undefined ? [] : folderParts(forKey);
    const candidates = new Map<string, { depth: number; services: ServiceModel[] }>();
    for (const [key, file] of this.sorted()) {
      if (key === forKey || !fileKind(file.model.kind)?.definesServices) continue;
      if (forKey !== undefined && !this.sameProject(forKey, key)) continue;
      const depth = sharedDepth(here, folderParts(key));
      for (const [hostname, list] of file.model.byHostname) {
        const seen = candidates.get(hostname);
        if (!seen || depth > seen.depth) candidates.set(hostname, { depth, services: [list[0]] });
        else if (depth === seen.depth) seen.services.push(list[0]);
      }
    }
    const out: ServiceModel[] = [];
    for (const { services } of candidates.values()) {
      const bases = new Set(services.map((s) => s.type?.base));
      if (bases.size !== 1) continue;
      const ha = services.find((s) => s.type && valkeyMode(s.type, s.mode?.value?.value) === 'ha');
      out.push(ha ?? services[0]);
    }
    return out;
  }
}

/** The folders a key (a URI or a path) lies in, outermost first. */
export function folderParts(key: string): string[] {
  return key.split(/[\\/]/).slice(0, -1);
}

/** How many leading folders two lists of folders share. */
export function sharedDepth(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Builds the index from (file name, text) pairs: what the CLI does with the files it is given, so its
 * cross-file checks match the editor's. Pass `index.servicesFor(fileName)` as `external` to validation.
 */
export function indexWorkspace(files: Iterable<{ fileName: string; text: string }>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of files) index.setText(f.fileName, f.fileName, f.text);
  return index;
}
