import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList, type Hover } from 'vscode-languageserver-types';
import type { CompletionEntry } from '../features/completion';
import type { HoverResult } from '../features/hover';
import { toRange } from './diagnostics';

// Hover and completion results (offsets) -> LSP objects (positions).

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  service: CompletionItemKind.Module,
  variable: CompletionItemKind.Variable,
  function: CompletionItemKind.Function,
  snippet: CompletionItemKind.Snippet,
};

export function toHover(doc: TextDocument, h: HoverResult | null): Hover | null {
  if (!h) return null;
  return { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) };
}

export interface CompletionOptions {
  /** The client runs `editor.action.triggerSuggest` (VS Code): a hostname entry then asks for its variables. */
  suggestAgain?: boolean;
  /**
   * The client takes `insertTextMode: asIs` (its `insertTextModeSupport`): multi-line text goes with its
   * indentation as the file should read. Otherwise later lines are sent relative to the line the item is
   * inserted on, since a client that adjusts indentation (VS Code's default) adds that line's own.
   */
  asIs?: boolean;
}

/** The text to insert, its later lines indented as the client will take them. */
function insertion(doc: TextDocument, e: CompletionEntry, asIs: boolean): { newText: string; mode?: InsertTextMode } {
  const text = e.insertText ?? e.label;
  if (!text.includes('\n')) return { newText: text };
  if (asIs) return { newText: text, mode: InsertTextMode.asIs };
  const at = doc.positionAt(e.span.start);
  const lead = /^[ \t]*/.exec(doc.getText({ start: { line: at.line, character: 0 }, end: at }))![0];
  return { newText: text.split('\n').map((l, i) => (i > 0 && l.startsWith(lead) ? l.slice(lead.length) : l)).join('\n') };
}

export function toCompletionItem(doc: TextDocument, e: CompletionEntry, options: CompletionOptions = {}): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: KIND[e.kind],
  };
  const { newText, mode } = insertion(doc, e, !!options.asIs);
  item.textEdit = { range: toRange(doc, e.span), newText };
  if (mode !== undefined) item.insertTextMode = mode;
  if (e.kind === 'snippet') item.insertTextFormat = InsertTextFormat.Snippet;
  if (e.detail) item.detail = e.detail;
  if (e.documentation) item.documentation = { kind: 'markdown', value: e.documentation };
  if (e.sortText) item.sortText = e.sortText;
  // The editor filters on the typed text against filterText; the label is what was typed towards.
  item.filterText = e.label;
  if (e.deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (e.preselect) item.preselect = true;
  if (e.retrigger && options.suggestAgain) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  return item;
}

export function toCompletionList(doc: TextDocument, entries: readonly CompletionEntry[], options: CompletionOptions = {}): CompletionList {
  return { isIncomplete: false, items: entries.map((e) => toCompletionItem(doc, e, options)) };
}
