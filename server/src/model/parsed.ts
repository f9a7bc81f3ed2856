import * as yaml from 'yaml';
import type { Document, YAMLMap } from 'yaml';
import type { TreeDocument } from './tree';

// The library's own types behind the tree shapes, for the model's code that builds the model with the
// library (visit, anchors, maps it reads pairs from). Only model/ imports this file (test/layers.test.ts):
// the layers above read the same nodes and documents as tree shapes (tree.ts, scalars.ts).

const { isMap } = yaml;

/** A model's documents as the library parsed them. */
export function parsedDocuments(model: { readonly documents: readonly TreeDocument[] }): readonly Document.Parsed[] {
  return model.documents as readonly Document.Parsed[];
}

/** The node as the library's map, or undefined when it is not a map. */
export function libraryMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}
