import type { Locus } from '../../model/locate';
import type { ServiceModel, Span, ZeropsModel } from '../../model/types';
import type { FileAccess } from '../../rules/rule';
import type { WorkspaceFile } from '../workspace';
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

/** A CodeLens (code-lens.ts): a line of text above a service or setup. */
export interface CodeLensEntry {
  /** The line the lens sits above: the service's or setup's first line. */
  span: Span;
  title: string;
  /** Where it is used: a client shows these as references (`editor.action.showReferences`). */
  locations?: FileSpan[];
}

/** An inlay hint (inlay-hints.ts): a short label after a reference or an `extends` name. */
export interface InlayHintEntry {
  /** Where the hint sits: right after the reference or the name. */
  offset: number;
  label: string;
  tooltip: string;
  kind: 'value' | 'inherits';
}

/** A document link (links.ts). */
export interface LinkEntry {
  span: Span;
  /** An absolute URL: https for repositories and docs, the file's URI for a path. */
  target: string;
  tooltip: string;
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
  /** CodeLenses of `current`; `files` are the workspace's indexed files with `current` at its current version. */
  lenses?(files: readonly WorkspaceFile[], current: WorkspaceFile): CodeLensEntry[];
  /** Inlay hints of the part of the document in `range`, besides the resolved references every kind has. */
  hints?(model: ZeropsModel, range: Span): InlayHintEntry[];
  /** Document links; `uri` and `files` (read access around it) let paths link to the files they name. */
  links?(model: ZeropsModel, uri: string | undefined, files: FileAccess | undefined): LinkEntry[];
}
