import { keyDocsPage } from '../../catalog/docs-pages';
import { POLICY, keysAt, levelAt, typeLabel, type KeyInfo, type KeyWhere, type SchemaKind } from '../../catalog/schema';
import type { TypeCategory } from '../../catalog/types';
import type { Locus } from '../../model/locate';
import type { CompletionEntry } from './completion-entry';
import { CATEGORIES, categoryLabel } from './context';
import { code } from './markdown';

// Key hover and key completion, once for every kind: both read the key schema (catalog/schema.ts), and a
// kind differs only in what its entries hold (where a zerops.yml key acts, which services an import key
// applies to, a default).

const WHERE: Record<KeyWhere, string> = {
  build: 'Acts in the build container.',
  runtime: 'Acts in the runtime container.',
  platform: 'Acted on by Zerops around the containers (deploy, balancer, checks).',
  file: 'Read by Zerops from the file itself.',
};

/** What a key does: its place, type, doc, values, default, where it acts; for a service, whether it applies to it. */
export function keyHover(info: KeyInfo, service?: { category?: TypeCategory; type?: string }): string {
  const head = [`**${code(POLICY[info.kind].keyPath(info.level, info.key))}**`, typeLabel(info)];
  if (info.required) head.push('required');
  if (info.deprecated) head.push('deprecated');
  const lines = [head.join(' · ')];
  if (info.doc) lines.push(info.doc);
  if (info.types.includes('duration')) {
    lines.push(`Write a duration such as ${code('60s')}, ${code('1m30s')} or ${code('5m')}: Zerops refuses a bare number (${code('cannot unmarshal !!int into time.Duration')}), although its published schema shows one.`);
  }
  if (info.enum?.length) lines.push(`Values: ${info.enum.map(code).join(', ')}.`);
  if (info.default !== undefined) lines.push(`Default: ${code(info.default)}.`);
  if (info.appliesTo) {
    if (info.appliesTo.length < CATEGORIES.length) lines.push(`Applies to ${info.appliesTo.map(categoryLabel).join(', ')}.`);
    else lines.push('Applies to every kind of service.');
    const cat = service?.category;
    if (cat && !info.appliesTo.includes(cat)) lines.push(`⚠ This service (${code(service.type ?? '')}) is one of the ${categoryLabel(cat)}, which this key does not apply to.`);
  }
  if (info.where) lines.push(WHERE[info.where]);
  if (info.unofficial) lines.push('Not in the published schema; official Zerops files use it.');
  if (info.legacyOnly) lines.push('Only in the April 2026 schema; the current one lacks it.');
  const page = keyDocsPage(info.kind, info.level, info.key);
  if (page) lines.push(`Zerops documentation: <${page}>`);
  return lines.join('\n\n');
}

/** What goes in after the key: a map or a list opens on the next line, indented; anything else after a blank. */
function keyInsert(loc: Locus, info: KeyInfo): string {
  if (loc.key !== undefined) return info.key;
  if (loc.flow) return `${info.key}: `;
  const indent = ' '.repeat(loc.column + 2);
  if (info.types.length !== 1) return `${info.key}: `;
  if (info.types[0] === 'object') return `${info.key}:\n${indent}`;
  if (info.types[0] === 'array') return `${info.key}:\n${indent}- `;
  return `${info.key}: `;
}

export interface KeyCompletionOptions {
  /** The category of the service the keys are for: keys that do not apply to it are left out. */
  category?: TypeCategory;
  /** A kind's own word on a key (`mode` on a Valkey service): its detail and rank instead of the schema's. */
  note?: (info: KeyInfo) => { detail: string; rank: number } | undefined;
  /** Keys left out where the cursor is (they would earn a warning there). */
  hide?: (info: KeyInfo) => boolean;
  /** Keys whose value list opens by itself once `key: ` is inserted. */
  valueKeys?: ReadonlySet<string>;
  /** Keys the file's other entries use: within each rank they come first, marked as used. */
  inUse?: ReadonlySet<string>;
}

/** The keys of `level` not written yet, required ones first and deprecated ones last (shown struck through). */
export function keyCompletions(kind: SchemaKind, level: string, loc: Locus, options: KeyCompletionOptions = {}): CompletionEntry[] {
  const { category, note, hide, valueKeys, inUse } = options;
  return keysAt(kind, level)
    .filter((k) => !loc.siblings.includes(k.key) && !k.legacyOnly && (!category || !k.appliesTo || k.appliesTo.includes(category)) && !hide?.(k))
    .map((k) => {
      const own = note?.(k);
      const rank = own?.rank ?? (k.required ? 0 : k.deprecated ? 2 : 1);
      const insertText = keyInsert(loc, k);
      // Within each rank, the keys the file's other entries use come first.
      const used = !!inUse && rank === 1 && inUse.has(k.key);
      return {
        label: k.key, kind: 'key' as const, span: loc.word, insertText,
        detail: own?.detail ?? (k.required ? 'required' : k.deprecated ? 'deprecated' : used ? 'used in this file' : k.default !== undefined ? `default ${k.default}` : undefined),
        documentation: k.doc || undefined,
        sortText: inUse ? `${rank}${used ? 0 : 1}${k.key}` : `${rank}${k.key}`,
        deprecated: rank === 2,
        retrigger: !!valueKeys?.has(k.key) && insertText.endsWith(': '),
      };
    });
}

/** The level of the map at a path of locate() (`services › - › verticalAutoscaling`), where a list item is `-`. */
export function levelOfPath(kind: SchemaKind, path: readonly string[]): string | undefined {
  return levelAt(kind, catalogPath(path));
}

/** locate() writes a sequence item as '-'; the schema wants an index (any will do). */
export function catalogPath(path: readonly string[]): (string | number)[] {
  return path.map((p) => (p === '-' ? 0 : p));
}
