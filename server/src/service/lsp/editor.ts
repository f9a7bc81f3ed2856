import type { TextDocument } from 'vscode-languageserver-textdocument';
import { InlayHintKind, type CodeLens, type DocumentLink, type InlayHint } from 'vscode-languageserver-types';
import type { CodeLensEntry, LinkEntry } from '../features/feature';
import type { InlayHintEntry } from '../features/inlay-hints';
import { toRange } from './diagnostics';
import { toLocations, type TextOf } from './navigation';

// Inlay hints, CodeLens and document links (offsets) -> LSP objects (positions).

/**
 * The command a lens with locations carries: VS Code's own "show references" peek. Its arguments are LSP
 * objects (a URI string, a position, locations); the VS Code client turns them into its own types, other
 * clients run their own reference list or ignore it. The server does not execute it.
 */
export const SHOW_REFERENCES = 'editor.action.showReferences';

export function toInlayHints(doc: TextDocument, entries: readonly InlayHintEntry[]): InlayHint[] {
  return entries.map((e) => ({
    position: doc.positionAt(e.offset),
    label: e.label,
    kind: e.kind === 'value' ? InlayHintKind.Type : InlayHintKind.Parameter,
    tooltip: e.tooltip,
    paddingLeft: true,
  }));
}

/** `textOf` reads the files a lens's locations are in (the current version of an open document, or the indexed file). */
export function toCodeLenses(doc: TextDocument, entries: readonly CodeLensEntry[], textOf: TextOf): CodeLens[] {
  return entries.map((e) => {
    const range = toRange(doc, e.span);
    // A lens without a command id is shown as plain text: it informs, it does nothing when clicked.
    const command = e.locations
      ? { title: e.title, command: SHOW_REFERENCES, arguments: [doc.uri, range.start, toLocations(e.locations, textOf)] }
      : { title: e.title, command: '' };
    return { range, command };
  });
}

export function toDocumentLinks(doc: TextDocument, entries: readonly LinkEntry[]): DocumentLink[] {
  return entries.map((e) => ({ range: toRange(doc, e.span), target: e.target, tooltip: e.tooltip }));
}
