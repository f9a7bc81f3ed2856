import { PREPROCESSOR_FUNCTIONS, PREPROCESSOR_MODIFIERS } from '../../catalog/preprocessor';
import { isValkey, valkeyMode } from '../../catalog/services';
import { expandSnippet, snippetBody, snippetsFor, type SnippetPlace } from '../../catalog/snippets';
import { variableListOf } from '../../catalog/variables';
import { fileKind } from '../../model/kind';
import { hostnameOf, serviceByHostname } from '../../model/lookup';
import type { ServiceModel, Span, ZeropsModel } from '../../model/types';
import { locate, type Locus } from '../../model/locate';
import { snippetDefaults } from './completion-project';
import { valkeyVariablesIn } from './context';
import { featuresOf } from './kinds';
import { code, plain } from './markdown';

// Completion: what may be written at the cursor, from the catalogue. Pure: model + offset in, entries
// with the span they replace out, so a partly typed word is replaced rather than appended to. What every
// kind shares is here (`${host_var}` references, the preprocessor, snippets placed by the kind's
// descriptor); keys and values are registered per kind (kinds.ts).

import type { CompletionEntry } from './completion-entry';
export type { CompletionEntry, CompletionKind } from './completion-entry';

function extendWord(text: string, span: Span, chars: RegExp): Span {
  let end = span.end;
  while (end < text.length && chars.test(text[end])) end++;
  return { start: span.start, end };
}

function referenceEntries(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): CompletionEntry[] {
  const ref = loc.reference!;
  const text = model.text;
  // Left of the `{` the cursor is not inside the reference yet.
  if (loc.offset < ref.span.start + 2) return [];
  const closed = (end: number) => text[end] === '}';
  // Before the `_` the hostname is being written; after it, the variable.
  const onHost = ref.host === undefined || ref.variable === undefined || loc.offset <= ref.hostSpan.end;
  if (onHost) {
    if (!/^[a-z0-9]*$/.test(ref.host ?? ref.inner)) return [];
    const span = ref.host === undefined ? extendWord(text, ref.hostSpan, /[a-z0-9]/) : ref.hostSpan;
    const seen = new Set<string>();
    const out: CompletionEntry[] = [];
    for (const s of [...model.services, ...external]) {
      const h = hostnameOf(s);
      if (!h || seen.has(h) || s === loc.service) continue;
      seen.add(h);
      out.push({
        label: h, kind: 'service', span, insertText: ref.host === undefined ? `${h}_` : h, retrigger: ref.host === undefined,
        detail: s.type?.raw, documentation: `Variables of ${code(h)}: ${code(`\${${h}_…}`)}`,
      });
    }
    return out;
  }
  const svc = serviceByHostname(model, ref.host, external);
  if (!svc?.type) return [];
  const mode = valkeyMode(svc.type, svc.mode?.value?.value);
  const vars = isValkey(svc.type) ? valkeyVariablesIn(mode) : variableListOf(svc.type, mode) ?? [];
  const span = extendWord(text, ref.variableSpan!, /[A-Za-z0-9_]/);
  const close = closed(span.end) ? '' : '}';
  return vars.map((v) => ({
    label: v.name, kind: 'variable' as const, span, insertText: `${v.name}${close}`,
    detail: v.endpoint ? `port ${v.endpoint.port}` : svc.type!.raw,
    documentation: `${code(`\${${ref.host}_${v.name}}`)}: ${plain(v.description)}${v.secret ? '. Secret: its value is never shown.' : '.'}`,
    sortText: `${FIRST_VARIABLES.indexOf(v.name) < 0 ? 9 : FIRST_VARIABLES.indexOf(v.name)}${v.name}`,
  }));
}

/** What most users want, offered first: the whole URL, then its parts. */
const FIRST_VARIABLES = ['connectionString', 'hostname', 'port', 'password'];

/** The text between the start of the line and `offset`. */
function lineBefore(text: string, offset: number): string {
  return text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
}

/** Where a snippet of the catalogue fits at the cursor, and whether a list item still needs its `- `. */
function snippetPlace(model: ZeropsModel, loc: Locus): { place: SnippetPlace; dash: boolean } | undefined {
  if (loc.position !== 'key' || loc.key !== undefined) return undefined;
  const text = model.text;
  if (!/\S/.test(text.replace(/^[ \t]*#.*$/gm, '').slice(0, loc.word.start) + text.replace(/^[ \t]*#.*$/gm, '').slice(loc.word.end))) {
    return loc.column === 0 ? { place: 'file', dash: false } : undefined;
  }
  const path = loc.path.join('/');
  const kind = fileKind(model.kind);
  const list = kind?.listKey;
  const place: SnippetPlace = kind?.entry ?? 'setup';
  if (list && path === list && loc.column > 0) return { place, dash: true };
  // A fresh item: its `- ` on this line and nothing else in its map yet.
  if (list && path === `${list}/-` && loc.siblings.length === 0 && /^\s*-\s+$/.test(lineBefore(text, loc.word.start))) return { place, dash: false };
  if (kind?.envMapPaths.includes(path)) return { place: 'env', dash: false };
  return undefined;
}

/**
 * The catalogue's snippets that fit at the cursor, with their later lines indented under the first and
 * their defaults from the workspace (the project's Valkey, the service a new setup serves).
 */
function snippetEntries(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): CompletionEntry[] {
  const at = snippetPlace(model, loc);
  if (!at) return [];
  const indent = ' '.repeat(loc.column + (at.dash ? 2 : 0));
  const defaults = snippetDefaults(model, external);
  return snippetsFor(model.kind, at.place).map((s) => {
    const body = snippetBody(s, defaults);
    return {
      label: s.prefix, kind: 'snippet' as const, span: loc.word,
      insertText: (at.dash ? '- ' : '') + body.map((line, i) => (i === 0 || line === '' ? line : indent + line)).join('\n'),
      detail: s.description,
      documentation: `${plain(s.description)}\n\n\`\`\`yaml\n${expandSnippet((at.dash ? '- ' : '') + body.map((l, k) => (k === 0 || l === '' ? l : (at.dash ? '  ' : '') + l)).join('\n'))}\n\`\`\``,
      // After the keys: a snippet is there for whoever looks for it, not in the way of the next key.
      sortText: `9${s.prefix}`,
    };
  });
}

/** zParser's functions after `<@` (inserted with their opening parenthesis), its modifiers after `|`. */
function preprocessorEntries(text: string, span: Span, table: Readonly<Record<string, string>>, what: 'function' | 'modifier'): CompletionEntry[] {
  const open = what === 'function' && text[span.end] !== '(' ? '(' : '';
  return Object.entries(table).map(([name, doc]) => ({
    label: name, kind: 'function' as const, span, insertText: `${name}${open}`,
    detail: what === 'function' ? 'preprocessor function' : 'preprocessor modifier',
    documentation: what === 'function' ? doc : `${code(`|${name}`)}: ${doc}.`,
  }));
}

/** Keys whose values open by themselves when a space after `key:` is typed (the space trigger). */
const SPACE_TRIGGERED = /^[ \t]*(?:-[ \t]+)?(?:base|type|os):[ \t]$/;

/**
 * Whether a completion the client asked for because `trigger` was typed is worth answering: a space opens
 * the list only right after `base: `, `type: ` or `os: `, so typing anywhere else asks nothing of the user.
 */
export function triggerFits(text: string, offset: number, trigger: string | undefined): boolean {
  return trigger !== ' ' || SPACE_TRIGGERED.test(lineBefore(text, offset));
}

/**
 * Completions at `offset`. `external` are services known from other files of the workspace; `trigger` is
 * the character that made the client ask, when one did.
 */
export function complete(model: ZeropsModel, offset: number, external: readonly ServiceModel[] = [], trigger?: string): CompletionEntry[] {
  if (!triggerFits(model.text, offset, trigger)) return [];
  const loc = locate(model, offset);
  if (loc.inComment) return [];
  if (loc.preprocessorFunction) return preprocessorEntries(model.text, loc.preprocessorFunction, PREPROCESSOR_FUNCTIONS, 'function');
  if (loc.preprocessorModifier) return preprocessorEntries(model.text, loc.preprocessorModifier, PREPROCESSOR_MODIFIERS, 'modifier');
  if (loc.reference) return referenceEntries(model, loc, external);
  return [...featuresOf(model.kind).complete?.(model, loc, external) ?? [], ...snippetEntries(model, loc, external)];
}
