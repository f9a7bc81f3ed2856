import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, type CompletionItem, type CompletionList, type Hover } from 'vscode-languageserver-types';
import type { CompletionEntry } from './completion';
import type { HoverResult } from './hover';
import { toRange } from './lsp';

// Hover and completion results (offsets) -> LSP objects (positions).

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  service: CompletionItemKind.Module,
  variable: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
};

export function toHover(doc: TextDocument, h: HoverResult | null): Hover | null {
  if (!h) return null;
  return { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) };
}

export interface CompletionOptions {
  /** The client runs `editor.action.triggerSuggest` (VS Code): a hostname entry then asks for its variables. */
  suggestAgain?: boolean;
}

export function toCompletionItem(doc: TextDocument, e: CompletionEntry, options: CompletionOptions = {}): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: KIND[e.kind],
    textEdit: { range: toRange(doc, e.span), newText: e.insertText ?? e.label },
  };
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: 'markdown', value: e.documentation };
  if (e.sortText) item.sortText = e.sortText;
  // The editor filters on the typed text against filterText; the label is what was typed towards.
  item.filterText = e.label;
  if (e.retrigger && options.suggestAgain) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

export function toCompletionList(doc: TextDocument, entries: readonly CompletionEntry[], options: CompletionOptions = {}): CompletionList {
  return { isIncomplete: false, items: entries.map((e) => toCompletionItem(doc, e, options)) };
}
