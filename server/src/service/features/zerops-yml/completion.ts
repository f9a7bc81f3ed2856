import { parseGoDuration } from '../../../catalog/duration';
import { keyInfo, type KeyInfo } from '../../../catalog/schema';
import { BASES, baseValues, parseBase, type BasePhase } from '../../../catalog/zerops-yml';
import type { ZeropsModel } from '../../../model/types';
import type { CompletionEntry } from '../completion-entry';
import type { Locus } from '../../../model/locate';
import { keyCompletions } from '../schema-keys';
import { placeOf } from './locus';

// Completion in a zerops.yml: the keys valid at the cursor's level, bases (both spellings) per phase,
// enum values (`os`, `protocol`, `scheme`), booleans, setup names in `extends`, and durations for probe
// timings. Everything from the catalogue. Dispatched from completion.ts; `${…}` is handled there.

import { code } from '../markdown';

/** Both spellings of every current base of the phase, newest version first, the bare spelling first. */
function baseEntries(phase: BasePhase, span: CompletionEntry['span']): CompletionEntry[] {
  return baseValues(phase).map((v, i) => {
    const n = parseBase(v);
    const tech = n && BASES.get(n.tech);
    return {
      // The bare spelling (what real files use) before the OS-prefixed ones, each in catalogue order.
      label: v, kind: 'value' as const, span, sortText: `${n?.os ? 1 : 0}${String(i).padStart(4, '0')}`,
      detail: tech ? `${tech.label}${n?.version ? ` ${n.version}` : ''}${n?.os ? ` on ${n.os}` : ''}` : undefined,
      documentation: tech?.doc || undefined,
    };
  });
}

/** The setups of this file other than the one the cursor is in. */
function setupEntries(model: ZeropsModel, loc: Locus, span: CompletionEntry['span']): CompletionEntry[] {
  const own = model.setups.find((s) => s.span.start <= loc.offset && loc.offset <= s.span.end);
  const seen = new Set<string>();
  const out: CompletionEntry[] = [];
  for (const s of model.setups) {
    const name = s.name?.value;
    if (s === own || typeof name !== 'string' || !name || seen.has(name)) continue;
    seen.add(name);
    out.push({ label: name, kind: 'value', span, detail: 'setup', documentation: `Start from setup ${code(name)} of this file.` });
  }
  return out;
}

const COMMON_DURATIONS = ['10s', '30s', '60s', '90s', '2m', '5m', '10m'];

/** Durations within the key's range: the typed number with each unit, or common values. */
function durationEntries(info: KeyInfo, typed: string, span: CompletionEntry['span']): CompletionEntry[] {
  const range = info.duration ?? { min: 10, max: 3600 };
  const fits = (d: string) => {
    const s = parseGoDuration(d);
    return s !== undefined && s >= range.min && s <= range.max;
  };
  const number = /^\d+(?:\.\d+)?$/.test(typed) ? typed : undefined;
  const values = number ? ['s', 'm', 'h', 'ms'].map((u) => `${number}${u}`) : [...(info.default ? [info.default] : []), ...COMMON_DURATIONS];
  return [...new Set(values)].filter(fits).map((v, i) => ({
    label: v, kind: 'value' as const, span, sortText: String(i).padStart(2, '0'),
    detail: v === info.default ? 'default' : 'Go duration',
    documentation: `A Go duration between ${range.min}s and ${range.max / 3600}h; Zerops refuses a bare number.`,
  }));
}

function valueEntries(model: ZeropsModel, loc: Locus, level: string, key: string, typed: string, span: CompletionEntry['span']): CompletionEntry[] {
  if (key === 'base' && (level === 'build' || level === 'run')) return baseEntries(level, span);
  if (key === 'extends' && level === 'setup') return setupEntries(model, loc, span);
  const info = keyInfo('zerops-yml', level, key);
  if (!info) return [];
  if (info.types.includes('duration')) return durationEntries(info, typed, span);
  if (info.enum?.length) {
    return info.enum.map((v) => ({ label: v, kind: 'value' as const, span, detail: v === info.default ? 'default' : undefined }));
  }
  if (info.types.length === 1 && info.types[0] === 'boolean') {
    return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, span, detail: v === info.default ? 'default' : undefined }));
  }
  return [];
}

/** Completions at the cursor of a zerops.yml (outside `${…}`). */
export function completeZeropsYml(model: ZeropsModel, loc: Locus): CompletionEntry[] {
  const place = placeOf(loc, model.text);
  if (!place.level) return [];
  if (place.forKey !== undefined) {
    const v = place.value ?? { text: '', start: loc.offset, end: loc.offset };
    return valueEntries(model, loc, place.level, place.forKey, v.text, { start: v.start, end: v.end });
  }
  return keyCompletions('zerops-yml', place.level, loc);
}
