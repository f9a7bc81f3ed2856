import type { SchemaValueType } from '../catalog/schema-tables';
import { isMap, isScalar, isSeq } from '../model/tree';

// A YAML value against a schema type, for the schema rules of both file kinds.

/** How a node (a pair's value, a list's item) reads to a person: `a map`, `a list`, `an integer` …. */
export function yamlType(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'boolean') return 'a boolean';
    if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
    return 'a string';
  }
  return 'an alias';
}

export const WANT: Record<SchemaValueType, string> = {
  string: 'a string', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'a map', array: 'a list', any: 'anything',
};

/** Whether a node fits a schema type. Scalars fit a string (the platform reads `PORT: 3000` as text). */
export function fits(node: unknown, want: SchemaValueType): boolean {
  if (want === 'any' || node === null || node === undefined) return true;
  if (isScalar(node) && node.value === null) return true;
  switch (want) {
    case 'string': return isScalar(node);
    case 'object': return isMap(node);
    case 'array': return isSeq(node);
    case 'boolean': return isScalar(node) && typeof node.value === 'boolean';
    case 'number': return isScalar(node) && typeof node.value === 'number';
    case 'integer': return isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value);
  }
}
