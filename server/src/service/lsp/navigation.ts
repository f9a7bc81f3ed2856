import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SymbolKind, type DocumentSymbol, type Location, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Span } from '../../model/types';
import type { FileEdits, FileSpan, OutlineSymbol } from '../features/feature';
import { toRange } from './diagnostics';

// Navigation results (offsets, by file URI) -> LSP objects (positions). The front end hands in how to read
// a file's text by URI: the current version of an open document, or the indexed file.

export type TextOf = (uri: string) => string | undefined;

/** TextDocuments by URI for one conversion: each file's line table is built once, however many spans it holds. */
function documents(textOf: TextOf): (uri: string) => TextDocument | undefined {
  const made = new Map<string, TextDocument | undefined>();
  return (uri) => {
    if (!made.has(uri)) {
      const text = textOf(uri);
      made.set(uri, text === undefined ? undefined : TextDocument.create(uri, 'yaml', 0, text));
    }
    return made.get(uri);
  };
}

export function toLocations(spans: readonly FileSpan[], textOf: TextOf): Location[] {
  const doc = documents(textOf);
  const out: Location[] = [];
  for (const s of spans) {
    const d = doc(s.uri);
    if (d) out.push({ uri: s.uri, range: toRange(d, s.span) });
  }
  return out;
}

export function toWorkspaceEdit(edits: FileEdits, textOf: TextOf): WorkspaceEdit {
  const doc = documents(textOf);
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, list] of Object.entries(edits.changes)) {
    const d = doc(uri);
    if (d) changes[uri] = list.map((e) => ({ range: toRange(d, e.span), newText: e.newText }));
  }
  return { changes };
}

export function toPrepareRename(text: string, r: { span: Span; placeholder: string }): { range: Range; placeholder: string } {
  return { range: toRange(TextDocument.create('', 'yaml', 0, text), r.span), placeholder: r.placeholder };
}

const SYMBOL_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  service: SymbolKind.Module,
  setup: SymbolKind.Namespace,
  section: SymbolKind.Object,
  variable: SymbolKind.Variable,
};

export function toDocumentSymbols(text: string, symbols: readonly OutlineSymbol[]): DocumentSymbol[] {
  const doc = TextDocument.create('', 'yaml', 0, text);
  const convert = (s: OutlineSymbol): DocumentSymbol => {
    const out: DocumentSymbol = { name: s.name, detail: s.detail, kind: SYMBOL_KIND[s.kind], range: toRange(doc, s.span), selectionRange: toRange(doc, s.selectionSpan) };
    if (s.children) out.children = s.children.map(convert);
    return out;
  };
  return symbols.map(convert);
}
