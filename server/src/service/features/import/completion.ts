import { keyInfo } from '../../../catalog/schema';
import { isValkey, typeVariant } from '../../../catalog/services';
import { VALKEY_BEHAVIOUR } from '../../../catalog/cache-behaviour';
import { VALKEY, VALKEY_ENDPOINTS } from '../../../catalog/valkey';
import { flowLocus } from '../../../model/flow-locus';
import type { Locus } from '../../../model/locate';
import type { ServiceModel, Span, ZeropsModel } from '../../../model/types';
import type { CompletionEntry } from '../completion-entry';
import { completeZeropsYml } from '../zerops-yml/completion';
import { rankTypes } from '../completion-project';
import { categoryOf, endpointsIn } from '../context';
import { code } from '../markdown';
import { keyCompletions, levelOfPath } from '../schema-keys';
import { inlineZeropsYml } from '../zerops-yml/locus';

// Completion in an import file, beyond what every kind shares (references, the preprocessor, snippets):
// the keys of each level and the values of type, mode, profile and the enums; an inline `zeropsYaml` is
// completed as the zerops.yml it is. Registered for the import kind in features/kinds.ts.

const MODE_DOCS = {
  HA: (valkey: boolean) => (valkey
    ? `Three nodes: a primary and replicas, automatic failover, and read-only replica ports ${VALKEY_ENDPOINTS.filter((e) => e.readOnly).map((e) => e.port).join('/')}. Fixed once created.`
    : 'A replicated cluster. Fixed once created.'),
  NON_HA: (valkey: boolean) => (valkey
    ? `One node, ports ${endpointsIn('single').map((e) => e.port).join('/')}. The default. Fixed once created.`
    : 'One node. The default. Fixed once created.'),
};

function valueEntries(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): CompletionEntry[] {
  const svc = loc.service;
  const span = loc.word;
  const level = levelOfPath('import', loc.path);
  const inService = level === 'service';
  const valkey = !!svc?.type && isValkey(svc.type);
  if (inService && loc.key === 'type') {
    const typed = model.text.slice(span.start, loc.offset);
    return typeEntries(span, typed, [...model.services, ...external].filter((s) => s !== svc));
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
  const info = level && loc.key ? keyInfo('import', level, loc.key) : undefined;
  if (info?.enum) return info.enum.map((v) => ({ label: v, kind: 'value' as const, span, detail: `${info.key}` }));
  if (info?.types.length === 1 && info.types[0] === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, span }));
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

function keyEntries(model: ZeropsModel, loc: Locus): CompletionEntry[] {
  const svc = loc.service;
  const valkey = !!svc?.type && isValkey(svc.type);
  if (loc.path.join('/') === 'services/-/profileOverrides' && valkey) {
    return VALKEY.profileOverrideKeys
      .filter((k) => !loc.siblings.includes(k))
      .map((k) => ({ label: k, kind: 'key' as const, span: loc.word, insertText: loc.key ? k : `${k}: `, documentation: 'What Valkey evicts when its memory is full.' }));
  }
  const level = levelOfPath('import', loc.path);
  if (!level) return [];
  const service = level === 'service';
  return keyCompletions('import', level, loc, {
    category: categoryOf(svc),
    note: (k) => (service && k.key === 'mode' ? modeNote(svc) : undefined),
    inUse: service ? keysInUse(model, svc) : new Set<string>(),
    valueKeys: service ? VALUE_KEYS : undefined,
  });
}

/** Keys and values at the cursor of an import file. */
export function completeImport(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): CompletionEntry[] {
  const inline = inlineZeropsYml(model, flowLocus(model.text, loc));
  if (inline) return completeZeropsYml(inline.model, inline.loc, inline.external);
  return loc.position === 'value' ? valueEntries(model, loc, external) : keyEntries(model, loc);
}
