import { levelAt } from '../../../catalog/schema';
import { catalogPath } from '../schema-keys';
import type { ServiceModel, ZeropsModel } from '../../../model/types';
import { inlineZeropsOf } from '../../../model/zerops-yml';
import type { Locus } from '../../../model/locate';

// Where a cursor of locate() is in a zerops.yml, in the catalogue's terms: the level of the map it is in
// (`run`, `run.ports[]`, …) and, for a value, the key it belongs to. Shared by hover and completion.

export interface ZyPlace {
  /** The level of the map holding the key (or the value's key). */
  level?: string;
  /** The key whose value the cursor is in; for an item of a list value (`base:\n  - php@8.4`), that list's key. */
  forKey?: string;
  /** The value text under the cursor and its span. */
  value?: { text: string; start: number; end: number };
}

/** The scalar of a `- item` line holding `offset` (inside quotes when quoted), without a trailing comment. */
function itemValue(text: string, offset: number): ZyPlace['value'] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const m = /^(\s*-\s+)(?:(["'])([^"'\n]*)\2|([^#\s][^#\r]*?))?\s*(?:#.*)?\r?$/.exec(text.slice(lineStart, lineEnd));
  if (!m) return undefined;
  const start = lineStart + m[1].length + (m[2] ? 1 : 0);
  const value = m[3] ?? m[4] ?? '';
  return { text: value, start, end: start + value.length };
}

/** In a flow list (`[php@8.4, nodejs@22]`), the item under the cursor, unquoted; otherwise the whole value. */
function flowItem(text: string, start: number, offset: number): NonNullable<ZyPlace['value']> {
  if (!text.startsWith('[')) return { text, start, end: start + text.length };
  let from = 1;
  for (const part of text.slice(1).split(/(?=[,\]])/)) {
    const raw = part.replace(/^[,\]]/, '');
    const at = from + (part.length - raw.length);
    from += part.length;
    const lead = raw.length - raw.trimStart().length;
    let item = raw.trim();
    let s = start + at + lead;
    if (/^["']/.test(item)) {
      item = item.slice(1).replace(/["']$/, '');
      s++;
    }
    if (offset >= start + at && offset <= start + from) return { text: item, start: s, end: s + item.length };
  }
  return { text: '', start: offset, end: offset };
}

/** The level of the map the cursor's key is in, and for a value the key it belongs to. */
export function placeOf(loc: Locus, text: string): ZyPlace {
  const path = catalogPath(loc.path);
  if (loc.position === 'value') {
    const v = loc.value;
    // Left of the value (between the colon and it) the cursor is on nothing yet: an empty word there.
    const on = v && v.span.start <= loc.offset && loc.offset <= v.span.end;
    const value = on ? flowItem(v.text, v.span.start, loc.offset) : { text: '', start: loc.word.start, end: loc.word.end };
    return { level: levelAt('zerops-yml', path), forKey: loc.key, value };
  }
  // `- item` under a key whose list holds scalars (`base:`, `extends:`): a value of that key.
  const level = levelAt('zerops-yml', path);
  if (level === undefined && loc.key === undefined && loc.path.length >= 2 && loc.path[loc.path.length - 1] === '-') {
    const listKey = loc.path[loc.path.length - 2];
    const parent = levelAt('zerops-yml', path.slice(0, -2));
    return { level: parent, forKey: listKey, value: itemValue(text, loc.offset) ?? { text: '', start: loc.offset, end: loc.offset } };
  }
  return { level };
}

/**
 * The inline `services[].zeropsYaml` of an import file the cursor is in: a zerops.yml of that service,
 * over the import's text, with the path made relative to it; undefined elsewhere.
 */
export function inlineZeropsYml(model: ZeropsModel, loc: Locus): { model: ZeropsModel; loc: Locus; external: readonly ServiceModel[] } | undefined {
  const [services, item, inline] = loc.path;
  if (services !== 'services' || item !== '-' || inline !== 'zeropsYaml' || !loc.service) return undefined;
  const sub = inlineZeropsOf(model, loc.service, 'orEmpty')!;
  return { model: sub, loc: { ...loc, path: loc.path.slice(3) }, external: [loc.service] };
}
