import type { Span } from '../../model/types';

// One completion item as the language service gives it, before any LSP conversion; shared by the import
// and zerops.yml completers.

export type CompletionKind = 'key' | 'value' | 'service' | 'variable' | 'function' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** The span the entry replaces (the partly typed word). */
  span: Span;
  /**
   * Text to insert, when not the label: LSP snippet syntax for a snippet, else plain. Its later lines carry
   * their absolute indentation (the file as it should read); the LSP layer adapts it to the client.
   */
  insertText?: string;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Entries sort by this, then by label. */
  sortText?: string;
  /** Ask the editor to complete again after inserting (a hostname, then its variables; `base: `, then the bases). */
  retrigger?: boolean;
  /** Still accepted but on its way out: offered last and shown struck through. */
  deprecated?: boolean;
  /** The likeliest entry, selected when the list opens. */
  preselect?: boolean;
}
