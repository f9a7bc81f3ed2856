import type { ZeropsModel } from '../../model/types';
import type { FileAccess } from '../../rules/rule';
import type { WorkspaceFile } from '../workspace';
import type { CodeLensEntry, LinkEntry } from './feature';
import { featuresOf } from './kinds';
import { keyDocLinks } from './links';

// CodeLens and document links for every kind: each kind's half is registered in kinds.ts (code-lens.ts,
// links.ts), beside the links to the keys' documentation every kind has; a file skipped for its size or
// that is no Zerops file has none.

export type { CodeLensEntry, LinkEntry } from './feature';

/** The lenses of `current`; `files` are the workspace's indexed files, `current` among them at its current version. */
export function codeLenses(files: readonly WorkspaceFile[], current: WorkspaceFile): CodeLensEntry[] {
  if (current.model.skipped) return [];
  const all = files.some((f) => f.uri === current.uri) ? files.map((f) => (f.uri === current.uri ? current : f)) : [current, ...files];
  return featuresOf(current.model.kind).lenses?.(all, current) ?? [];
}

/** The links of a document, in file order; `uri` and `files` (read access around it) let paths link to the files they name. */
export function documentLinks(model: ZeropsModel, uri?: string, files?: FileAccess): LinkEntry[] {
  if (model.skipped) return [];
  const own = featuresOf(model.kind).links?.(model, uri, files) ?? [];
  return [...keyDocLinks(model), ...own].sort((a, b) => a.span.start - b.span.start);
}
