import { LEVELS, type Level } from '../rules/rule';

export interface ZeropsSettings {
  /** Set to false to silence the extension for a folder. */
  enable: boolean;
  /** Rule id -> level; `off` silences the rule. */
  rules: Record<string, Level>;
  /** `zerops.inlayHints.enabled`: resolved values after references, what an `extends` inherits. */
  inlayHints: boolean;
  /** `zerops.codeLens.enabled`: the summaries above services and setups. */
  codeLens: boolean;
}

export const DEFAULT_SETTINGS: ZeropsSettings = { enable: true, rules: {}, inlayHints: true, codeLens: true };

const LEVEL_NAMES: ReadonlySet<string> = new Set(LEVELS);

/** Reads whatever a client sent as settings; anything malformed falls back to the default. */
export function normalizeSettings(raw: unknown): ZeropsSettings {
  const out: ZeropsSettings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (r.enable === false) out.enable = false;
  const off = (x: unknown) => !!x && typeof x === 'object' && (x as { enabled?: unknown }).enabled === false;
  if (off(r.inlayHints)) out.inlayHints = false;
  if (off(r.codeLens)) out.codeLens = false;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVEL_NAMES.has(level)) out.rules[id] = level as Level;
    }
  }
  return out;
}

/**
 * Settings per document: pulled from the client once (`pull`, when it can be asked per folder) and kept
 * until the client says the configuration changed, since a round trip on every keystroke would sit
 * between each edit and its diagnostics; otherwise the settings it sent for everything.
 */
export class SettingsStore {
  private global: ZeropsSettings = DEFAULT_SETTINGS;
  private readonly pulled = new Map<string, Promise<ZeropsSettings>>();
  pull?: (uri: string) => PromiseLike<unknown>;

  for(uri: string): Promise<ZeropsSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let settings = this.pulled.get(uri);
    if (!settings) {
      settings = Promise.resolve(this.pull(uri)).then(normalizeSettings, () => this.global);
      this.pulled.set(uri, settings);
    }
    return settings;
  }

  /** The client's settings changed: `raw`, when it sent them, becomes the default; everything is pulled again. */
  changed(raw: unknown): void {
    if (raw !== undefined) this.global = normalizeSettings(raw);
    this.pulled.clear();
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }
}
