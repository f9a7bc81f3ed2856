import type { Locus } from '../../model/locate';
import type { ServiceModel, Span, ZeropsModel } from '../../model/types';
import type { CompletionEntry } from './completion-entry';

// What an editor feature answers, in offsets, before any LSP conversion, and what a file kind registers
// for each feature (features/kinds.ts). Shared by every kind; the language server converts at its edge.

export interface HoverResult {
  markdown: string;
  span: Span;
}

/** One entry of a document's outline. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'service' | 'setup' | 'section' | 'variable';
  /** The whole entry, and the part to select (its name). */
  span: Span;
  selectionSpan: Span;
  children?: OutlineSymbol[];
}

/** A place in a file of the workspace: where definition and references point. */
export interface FileSpan {
  uri: string;
  span: Span;
}

/** Edits to several files, by URI: what a rename answers. */
export interface FileEdits {
  changes: Record<string, { span: Span; newText: string }[]>;
}

/**
 * What one kind of file adds to the features every kind shares (references, the preprocessor, ports):
 * each member answers only for a document of its kind. `external` are the services of the workspace's
 * other files.
 */
export interface KindFeatures {
  hover?(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): HoverResult | undefined;
  /** Keys and values at the cursor (snippets are added by the caller, from the kind's descriptor). */
  complete?(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): CompletionEntry[];
  /** The outline. */
  symbols?(model: ZeropsModel): OutlineSymbol[];
}
