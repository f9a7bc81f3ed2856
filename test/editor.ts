import assert from 'node:assert/strict';
import type { DocumentSymbol, Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseZerops } from '../server/src/model/parse';
import type { ServiceModel } from '../server/src/model/types';
import { complete, type CompletionEntry } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { toDocumentSymbols, toLocations, toPrepareRename, toWorkspaceEdit } from '../server/src/service/lsp/navigation';
import * as navigation from '../server/src/service/features/navigation';
import type { RepositoryLookup } from '../server/src/service/features/zerops-yml/setup-navigation';
import type { WorkspaceFile } from '../server/src/service/workspace';
import { atCursor } from './helpers';

// What the editor-feature tests share: hover and completion at a cursor mark, offsets of a needle, and
// navigation answered as the language server sends it (positions), through the same conversion.

/** Hover at the cursor mark in `marked` (see atCursor): the Markdown and the text its span covers. */
export function hoverAt(marked: string, fileName = 'import.yaml', extra: readonly ServiceModel[] = []) {
  const { text, offset } = atCursor(marked);
  const h = hover(parseZerops(text, { fileName }), offset, extra);
  return h && { markdown: h.markdown, covers: text.slice(h.span.start, h.span.end) };
}

/** Completion at the cursor mark (typed after `trigger`, if given), sorted as an editor sorts it; each entry with the text its span replaces. */
export function completeAt(marked: string, fileName = 'import.yaml', extra: readonly ServiceModel[] = [], trigger?: string) {
  const { text, offset } = atCursor(marked);
  const entries = complete(parseZerops(text, { fileName }), offset, extra, trigger);
  const key = (e: CompletionEntry) => e.sortText ?? e.label;
  const sorted = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { entries: sorted, labels: sorted.map((e) => e.label), replaced: (e: CompletionEntry) => text.slice(e.span.start, e.span.end), text };
}

/** The offset of the `nth` occurrence of `needle` in `text`, plus `delta`. */
export function at(text: string, needle: string, delta = 0, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not found`);
  return i + delta;
}

type Files = readonly WorkspaceFile[];
const textIn = (files: Files, current: WorkspaceFile) => (uri: string) => (uri === current.uri ? current : files.find((f) => f.uri === uri))?.model.text;

/** Navigation as the server answers it, in LSP positions: the service's offsets through service/lsp/navigation.ts. */
export const lsp = {
  documentSymbols(file: WorkspaceFile): DocumentSymbol[] {
    return toDocumentSymbols(file.model.text, navigation.documentSymbols(file));
  },
  definition(files: Files, current: WorkspaceFile, offset: number, repos?: RepositoryLookup): Location[] {
    return toLocations(navigation.definition(files, current, offset, repos), textIn(files, current));
  },
  references(files: Files, current: WorkspaceFile, offset: number, includeDeclaration: boolean, repos?: RepositoryLookup): Location[] {
    return toLocations(navigation.references(files, current, offset, includeDeclaration, repos), textIn(files, current));
  },
  prepareRename(files: Files, current: WorkspaceFile, offset: number, repos?: RepositoryLookup): navigation.RenameResult<{ range: Range; placeholder: string }> | undefined {
    const r = navigation.prepareRename(files, current, offset, repos);
    return r && ('error' in r ? r : { ok: toPrepareRename(current.model.text, r.ok) });
  },
  rename(files: Files, current: WorkspaceFile, offset: number, newName: string, repos?: RepositoryLookup): navigation.RenameResult<WorkspaceEdit> {
    const r = navigation.rename(files, current, offset, newName, repos);
    return 'error' in r ? r : { ok: toWorkspaceEdit(r.ok, textIn(files, current)) };
  },
};
