import { parseGoDuration } from '../../../catalog/duration';
import { keyInfo, type KeyInfo } from '../../../catalog/schema';
import type { BasePhase } from '../../../catalog/zerops-yml';
import type { ServiceModel, ZeropsModel } from '../../../model/types';
import type { CompletionEntry } from '../completion-entry';
import type { Locus } from '../../../model/locate';
import { keyCompletions } from '../schema-keys';
import { mergedKeys, rankBases, runTechAround, setupAround, type SetupAround } from '../completion-project';
import { placeOf } from './locus';

// Completion in a zerops.yml: the keys valid at the cursor's level (less those that would earn a warning
// there), bases per phase ranked by the setup (features/completion-project.ts), enum values (`os`, `protocol`,
// `scheme`), booleans, setup names in `extends`, and durations for probe timings. Everything from the
// catalogue (catalog/schema.ts, catalog/zerops-yml.ts). Registered for the kind in features/kinds.ts;
// `${…}` is handled in features/completion.ts.

import { code } from '../markdown';

/** Keys whose value list opens by itself once `key: ` is inserted. */
const VALUE_KEYS = new Set(['base', 'os']);

/**
 * Whether a key would earn a warning where the cursor is: `routing` on a run that is not Static,
 * `documentRoot`/`siteConfigPath` without a webserver, `start` beside `startCommands` (either way), and
 * the old `build.deploy`. Unknown run bases keep every key.
 */
function warned(level: string, key: string, around: SetupAround | undefined): boolean {
  if (level === 'build' && key === 'deploy') return true;
  if (level !== 'run') return false;
  const role = runTechAround(around)?.role;
  if (key === 'routing') return role !== undefined && role !== 'static';
  if (key === 'documentRoot' || key === 'siteConfigPath') return role !== undefined && role !== 'webserver' && role !== 'static';
  const has = mergedKeys(around, 'run');
  if (key === 'start') return has.has('startCommands');
  if (key === 'startCommands') return has.has('start');
  return false;
}

/** The bases of the phase, ranked by the setup they are written in (completion-project.ts rankBases). */
function baseEntries(phase: BasePhase, typed: string, span: CompletionEntry['span'], around: SetupAround | undefined): CompletionEntry[] {
  return rankBases(phase, typed, around).map((b, i) => ({
    label: b.value, kind: 'value' as const, span, sortText: String(i).padStart(4, '0'),
    detail: `${b.tech.label}${b.version ? ` ${b.version}` : ''}${b.os ? ` on ${b.os}` : ''}${b.hinted ? ' (fits this setup)' : ''}`,
    documentation: b.tech.doc || undefined,
    preselect: i === 0 && b.hinted,
  }));
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

function valueEntries(model: ZeropsModel, loc: Locus, level: string, key: string, typed: string, span: CompletionEntry['span'], external: readonly ServiceModel[]): CompletionEntry[] {
  if (key === 'base' && (level === 'build' || level === 'run')) return baseEntries(level, typed, span, setupAround(model, loc.offset, external));
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

/** Completions at the cursor of a zerops.yml (outside `${…}`); `external` are the import services of the workspace. */
export function completeZeropsYml(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[] = []): CompletionEntry[] {
  const place = placeOf(loc, model.text);
  if (!place.level) return [];
  if (place.forKey !== undefined) {
    const v = place.value ?? { text: '', start: loc.offset, end: loc.offset };
    return valueEntries(model, loc, place.level, place.forKey, v.text, { start: v.start, end: v.end }, external);
  }
  const around = place.level === 'run' || place.level === 'build' ? setupAround(model, loc.offset, external) : undefined;
  return keyCompletions('zerops-yml', place.level, loc, { hide: (k) => warned(place.level!, k.key, around), valueKeys: VALUE_KEYS });
}
