import type { Level } from '../rules/rule';

export interface ZeropsSettings {
  /** Set to false to silence the extension for a folder. */
  enable: boolean;
  /** Rule id -> level; `off` silences the rule. */
  rules: Record<string, Level>;
}

export const DEFAULT_SETTINGS: ZeropsSettings = { enable: true, rules: {} };

const LEVELS: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Reads whatever a client sent as settings; anything malformed falls back to the default. */
export function normalizeSettings(raw: unknown): ZeropsSettings {
  const out: ZeropsSettings = { enable: true, rules: {} };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (r.enable === false) out.enable = false;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) out.rules[id] = level as Level;
    }
  }
  return out;
}
