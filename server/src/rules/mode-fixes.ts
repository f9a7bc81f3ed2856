import { nodeSpan } from '../model/scalars';
import type { ServiceModel } from '../model/types';
import { replace } from './edits';
import type { Fix } from './rule';

// What a mistyped `mode` most likely meant and the fixes that set it: the Valkey mode rules and
// mode-invalid (rules/services.ts) both offer them.

const HA_WORDS = new Set(['ha', 'highavailability', 'highlyavailable', 'cluster', 'replicated', 'multi', 'multinode']);
const SINGLE_WORDS = new Set(['nonha', 'single', 'singlenode', 'standalone', 'none', 'noha', 'non']);

/** What a mistyped mode most likely meant. */
export function intendedMode(raw: unknown): 'HA' | 'NON_HA' | undefined {
  const w = String(raw ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (HA_WORDS.has(w)) return 'HA';
  if (SINGLE_WORDS.has(w)) return 'NON_HA';
  return undefined;
}

/** Where a wrong `mode` value is, what it most likely meant, and the fixes that set it (shared with mode-invalid). */
export function modeValueFixes(text: string, mode: NonNullable<ServiceModel['mode']>): { span: { start: number; end: number }; intended?: 'HA' | 'NON_HA'; fixes: Fix[] } {
  const span = mode.value?.nodeSpan ?? nodeSpan(mode.node) ?? mode.keySpan;
  const intended = intendedMode(mode.value?.value);
  const choices = intended ? [intended] : (['NON_HA', 'HA'] as const);
  // Inside the quotes, if any: a fix keeps the author's quoting. A tagged value (`!!str HA`) is left to
  // its author: the node's range starts after the tag, and an edit there would run into it.
  const tagged = mode.tagged;
  const at = mode.value?.span ?? span;
  // `mode:` with nothing after it: the value needs its space, or it would join the key (`mode:HA`).
  const gap = at.start === at.end && text[at.start - 1] === ':' ? ' ' : '';
  const fixes = !tagged && (mode.value || mode.scalar) ? choices.map((c) => ({ title: `Set mode to ${c}`, edits: [replace(at, gap + c)], preferred: !!intended })) : [];
  return { span, intended, fixes };
}
