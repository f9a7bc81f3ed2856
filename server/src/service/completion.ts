import { keyInfo, keysAt, type KeyInfo } from '../catalog/keys';
import { PREPROCESSOR_FUNCTIONS, PREPROCESSOR_MODIFIERS } from '../catalog/preprocessor';
import { isValkey, typeVariant, valkeyMode } from '../catalog/services';
import { expandSnippet, snippetBody, snippetsFor, type SnippetPlace } from '../catalog/snippets';
import { variableListOf } from '../catalog/variables';
import { VALKEY_BEHAVIOUR } from '../catalog/cache-behaviour';
import { VALKEY, VALKEY_ENDPOINTS } from '../catalog/valkey';
import { hostnameOf, serviceByHostname } from '../model/lookup';
import type { ServiceModel, Span, ZeropsModel } from '../model/types';
import { categoryOf, endpointsIn, keyLevel, valkeyVariablesIn } from './context';
import { code, plain } from './markdown';
import { completeZeropsYml } from './completion-zerops-yml';
import { flowLocus } from '../model/flow-locus';
import { zeropsYmlScope } from './zerops-yml-locus';
import { locate, type Locus } from '../model/locate';
import { rankTypes, snippetDefaults } from './completion-project';

// Completion: what may be written at the cursor, from the catalogue. Pure: model + offset in, entries
// with the span they replace out, so a partly typed word is replaced rather than appended to.

import type { CompletionEntry } from './completion-entry';
export type { CompletionEntry, CompletionKind } from './completion-entry';

function extendWord(text: string, span: Span, chars: RegExp): Span {
  let end = span.end;
  while (end < text.length && chars.test(text[end])) end++;
  return { start: span.start, end };
}

function referenceEntries(model: ZeropsModel, loc: Locus, extra: readonly ServiceModel[]): CompletionEntry[] {
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
    for (const s of [...model.services, ...extra]) {
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
  const svc = serviceByHostname(model, ref.host, extra);
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

const MODE_DOCS = {
  HA: (valkey: boolean) => (valkey
    ? `Three nodes: a primary and replicas, automatic failover, and read-only replica ports ${VALKEY_ENDPOINTS.filter((e) => e.readOnly).map((e) => e.port).join('/')}. Fixed once created.`
    : 'A replicated cluster. Fixed once created.'),
  NON_HA: (valkey: boolean) => (valkey
    ? `One node, ports ${endpointsIn('single').map((e) => e.port).join('/')}. The default. Fixed once created.`
    : 'One node. The default. Fixed once created.'),
};

function valueEntries(model: ZeropsModel, loc: Locus, extra: readonly ServiceModel[]): CompletionEntry[] {
  const svc = loc.service;
  const span = loc.word;
  const level = keyLevel(loc.path);
  const inService = level === 'service';
  const valkey = !!svc?.type && isValkey(svc.type);
  if (inService && loc.key === 'type') {
    const typed = model.text.slice(span.start, loc.offset);
    return typeEntries(span, typed, [...model.services, ...extra].filter((s) => s !== svc));
  }
  if (inService && loc.key === 'mode') {
    return (['NON_HA', 'HA'] as const).map((m) => ({ label: m, kind: 'value' as const, span, documentation: MODE_DOCS[m](valkey) }));
  }
  if (inService && loc.key === 'profile' && valkey) {
    return VALKEY.profiles.map((p) => ({
      label: p, kind: 'value' as const, span, detail: p === VALKEY_BEHAVIOUR.defaultProfile ? 'default' : undefined,
      documentation: `Valkey profile ${code(p)}: a preset of resources and tuning.`,
    }));
  }
  if (loc.path.join('/') === 'services/-/profileOverrides' && loc.key === 'maxmemory-policy' && valkey) {
    return VALKEY.maxmemoryPolicies.map((p) => ({
      label: p, kind: 'value' as const, span, detail: p === VALKEY_BEHAVIOUR.defaultMaxmemoryPolicy ? 'default' : undefined,
      documentation: `What Valkey evicts when memory is full: ${code(p)}.`,
    }));
  }
  const info = level && loc.key ? keyInfo(level, loc.key) : undefined;
  if (info?.enum) return info.enum.map((v) => ({ label: v, kind: 'value' as const, span, detail: `${info.key}` }));
  if (info?.valueType === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, span }));
  return [];
}

/** Every type Zerops offers, one spelling each, what the project already uses first (completion-project.ts rankTypes). */
function typeEntries(span: Span, typed: string, used: readonly ServiceModel[]): CompletionEntry[] {
  return rankTypes(typed, used).map((t, i) => {
    const variant = t.variant === 'ha' ? ' (HA)' : t.variant === 'single' ? ' (single node)' : '';
    return {
      label: t.value, kind: 'value' as const, span, sortText: String(i).padStart(4, '0'),
      detail: `${t.info.label}${t.version ? ` ${t.version}` : ''}${variant}${t.used ? ' (in this project)' : ''}`,
      preselect: i === 0 && t.used,
    };
  });
}

/** Keys whose value list opens by itself once `key: ` is inserted. */
const VALUE_KEYS = new Set(['type', 'mode', 'profile']);

function keyInsert(loc: Locus, info: KeyInfo): string {
  // On a line that already has `key:`, only the name changes.
  if (loc.key !== undefined) return info.key;
  const indent = ' '.repeat(loc.column + 2);
  if (info.valueType === 'object') return `${info.key}:\n${indent}`;
  if (info.valueType === 'array') return `${info.key}:\n${indent}- `;
  return `${info.key}: `;
}

/**
 * What completion says of `mode` on this service: deprecated only next to a type that names a variant,
 * needed on a legacy Valkey spelling (without it Zerops creates a single node for good).
 */
function modeNote(svc: ServiceModel | undefined): { detail: string; rank: number } {
  const t = svc?.type;
  const variant = t ? typeVariant(t) : undefined;
  if (variant) return { detail: `deprecated next to :${variant} in the type`, rank: 2 };
  if (t && isValkey(t)) return { detail: 'needed: HA or NON_HA, fixed once created', rank: 0 };
  return { detail: 'HA or NON_HA; deprecated next to a variant in the type', rank: 1 };
}

/** Keys the other services of the file (of the same category) write: the project's habits, offered first. */
function keysInUse(model: ZeropsModel, svc: ServiceModel | undefined): Set<string> {
  const cat = categoryOf(svc);
  const out = new Set<string>();
  for (const s of model.services) {
    if (s === svc || (cat && categoryOf(s) !== cat)) continue;
    for (const item of s.node.items) {
      const k = (item.key as { value?: unknown } | null)?.value;
      if (typeof k === 'string') out.add(k);
    }
  }
  return out;
}

function keyEntries(model: ZeropsModel, loc: Locus): CompletionEntry[] {
  const svc = loc.service;
  const valkey = !!svc?.type && isValkey(svc.type);
  if (loc.path.join('/') === 'services/-/profileOverrides' && valkey) {
    return VALKEY.profileOverrideKeys
      .filter((k) => !loc.siblings.includes(k))
      .map((k) => ({ label: k, kind: 'key' as const, span: loc.word, insertText: loc.key ? k : `${k}: `, documentation: 'What Valkey evicts when its memory is full.' }));
  }
  const level = keyLevel(loc.path);
  if (!level) return [];
  const cat = level === 'service' || level === 'verticalAutoscaling' ? categoryOf(svc) : undefined;
  const inUse = level === 'service' ? keysInUse(model, svc) : new Set<string>();
  return keysAt(level)
    .filter((k) => !loc.siblings.includes(k.key) && (!cat || k.appliesTo.includes(cat)))
    .map((k) => {
      const note = level === 'service' && k.key === 'mode' ? modeNote(svc)
        : { detail: k.required ? 'required' : k.deprecated ? 'deprecated' : undefined, rank: k.required ? 0 : k.deprecated ? 2 : 1 };
      const insertText = keyInsert(loc, k);
      // Within each rank, the keys the file's other services use come first.
      const used = note.rank === 1 && inUse.has(k.key);
      return {
        label: k.key, kind: 'key' as const, span: loc.word, insertText,
        detail: note.detail ?? (used ? 'used in this file' : undefined),
        documentation: k.doc || undefined,
        // Required (or needed) keys first, deprecated ones last.
        sortText: `${note.rank}${used ? 0 : 1}${k.key}`,
        deprecated: note.rank === 2,
        retrigger: level === 'service' && VALUE_KEYS.has(k.key) && insertText.endsWith(': '),
      };
    });
}

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
  const list = model.kind === 'import' ? 'services' : model.kind === 'zerops-yml' ? 'zerops' : undefined;
  const place: SnippetPlace = model.kind === 'import' ? 'service' : 'setup';
  if (list && path === list && loc.column > 0) return { place, dash: true };
  // A fresh item: its `- ` on this line and nothing else in its map yet.
  if (list && path === `${list}/-` && loc.siblings.length === 0 && /^\s*-\s+$/.test(lineBefore(text, loc.word.start))) return { place, dash: false };
  const envMaps = model.kind === 'import' ? ['project/envVariables', 'services/-/envSecrets', 'services/-/envVariables'] : ['zerops/-/run/envVariables'];
  if (envMaps.includes(path)) return { place: 'env', dash: false };
  return undefined;
}

/**
 * The catalogue's snippets that fit at the cursor, with their later lines indented under the first and
 * their defaults from the workspace (the project's Valkey, the service a new setup serves).
 */
function snippetEntries(model: ZeropsModel, loc: Locus, extra: readonly ServiceModel[]): CompletionEntry[] {
  const at = snippetPlace(model, loc);
  if (!at) return [];
  const indent = ' '.repeat(loc.column + (at.dash ? 2 : 0));
  const defaults = snippetDefaults(model, extra);
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
 * Completions at `offset`. `extra` are services known from other files of the workspace; `trigger` is the
 * character that made the client ask, when one did.
 */
export function complete(model: ZeropsModel, offset: number, extra: readonly ServiceModel[] = [], trigger?: string): CompletionEntry[] {
  if (!triggerFits(model.text, offset, trigger)) return [];
  const loc = locate(model, offset);
  if (loc.inComment) return [];
  if (loc.preprocessorFunction) return preprocessorEntries(model.text, loc.preprocessorFunction, PREPROCESSOR_FUNCTIONS, 'function');
  if (loc.preprocessorModifier) return preprocessorEntries(model.text, loc.preprocessorModifier, PREPROCESSOR_MODIFIERS, 'modifier');
  if (loc.reference) return referenceEntries(model, loc, extra);
  const snippets = snippetEntries(model, loc, extra);
  const zy = zeropsYmlScope(model, flowLocus(model.text, loc), extra);
  if (zy) return [...completeZeropsYml(zy.model, zy.loc, zy.extra), ...snippets];
  if (model.kind !== 'import') return snippets;
  return loc.position === 'value' ? valueEntries(model, loc, extra) : [...keyEntries(model, loc), ...snippets];
}
