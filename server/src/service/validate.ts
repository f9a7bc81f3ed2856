import type { ZeropsModel } from '../model/types';
import { RULES } from '../rules/registry';
import type { Finding, Rule, RuleContext, RuleFinding } from '../rules/rule';
import { applySuppressions, parseSuppressions } from '../rules/suppression';
import type { ZeropsSettings } from './settings';

export interface ValidateOptions {
  rules?: readonly Rule[];
  /** Told about a rule that threw; the run goes on without its findings. */
  onRuleError?: (rule: Rule, error: unknown) => void;
}

function context(model: ZeropsModel): RuleContext {
  const memo = new Map<string, unknown>();
  return {
    model,
    memo<T>(key: string, compute: (m: ZeropsModel) => T): T {
      if (!memo.has(key)) memo.set(key, compute(model));
      return memo.get(key) as T;
    },
  };
}

/**
 * Runs every rule that reads this kind of document, at its default level, minus what suppression
 * comments silence. Levels from settings are
 * applied afterwards (`applySettings`), so one run serves every setting.
 */
export function runRules(model: ZeropsModel, options: ValidateOptions = {}): RuleFinding[] {
  if (model.kind === 'other') return [];
  const ctx = context(model);
  const out: RuleFinding[] = [];
  for (const rule of options.rules ?? RULES) {
    if (!rule.kinds.includes(model.kind)) continue;
    if (model.skipped && rule.id !== 'file-size') continue;
    const found: Finding[] = [];
    try {
      rule.check(ctx, (f) => found.push(f));
    } catch (err) {
      options.onRuleError?.(rule, err);
      continue;
    }
    for (const f of found) out.push({ ...f, rule: rule.id, severity: f.severity ?? rule.severity });
  }
  const kept = applySuppressions(model.text, out, ctx.memo('suppressions', (m) => parseSuppressions(m.text)));
  return kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.rule.localeCompare(b.rule));
}

/** Drops what settings turn off and sets the level they ask for. */
export function applySettings(findings: readonly RuleFinding[], settings: ZeropsSettings): RuleFinding[] {
  if (!settings.enable) return [];
  const out: RuleFinding[] = [];
  for (const f of findings) {
    const level = settings.rules[f.rule];
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  return out;
}

export function validate(model: ZeropsModel, settings: ZeropsSettings, options: ValidateOptions = {}): RuleFinding[] {
  return applySettings(runRules(model, options), settings);
}
