import { scalarOf } from '../../model/scalars';
import type { ZeropsModel } from '../../model/types';
import { inlineZeropsOf } from '../../model/zerops-yml';
import { RULES } from '../../rules/registry';
import { defaultSeverity, runRule, runsInline, type Finding, type Rule, type RuleContext, type RuleFinding } from '../../rules/rule';
import { applySuppressions, parseSuppressions } from '../../rules/suppression';
import type { ZeropsSettings } from '../settings';

/** What a check is told about the file beyond its text: the RuleContext fields of the same names. */
export interface ValidateOptions extends Partial<Pick<RuleContext, 'external' | 'repository' | 'fileName' | 'siblings' | 'files' | 'repositorySetups'>> {
  rules?: readonly Rule[];
  /** Told about a rule that threw; the run goes on without its findings. */
  onRuleError?: (rule: Rule, error: unknown) => void;
}

function context(model: ZeropsModel, options: ValidateOptions): RuleContext {
  const { external, repository, fileName, siblings, files, repositorySetups } = options;
  const memo = new Map<string, unknown>();
  return {
    model,
    external,
    repository,
    fileName,
    siblings,
    files,
    repositorySetups,
    memo<T>(key: string, compute: (m: ZeropsModel) => T): T {
      if (!memo.has(key)) memo.set(key, compute(model));
      return memo.get(key) as T;
    },
  };
}

/**
 * Runs `rules` (those that read this kind of document) and gives their findings at default levels, with
 * no suppression applied and in no particular order: the raw material of `runRules`, which the
 * incremental checker also runs on part of a model.
 */
export function collectFindings(model: ZeropsModel, rules: readonly Rule[], options: ValidateOptions = {}): RuleFinding[] {
  const out = collectOwn(model, rules, options);
  // Only a file with services can hold an inline zerops.yml (`services[].zeropsYaml`).
  if (!model.skipped && model.services.length) for (const f of inlineFindings(model, rules, options)) out.push(f);
  return out;
}

/**
 * An inline `zeropsYaml` of a service is checked as that service's zerops.yml (zerops-yml-spec.md §3, 71):
 * the service is the only one it is matched with, and its own `buildFromGit` is "this repository".
 */
function inlineFindings(model: ZeropsModel, rules: readonly Rule[], options: ValidateOptions): RuleFinding[] {
  const out: RuleFinding[] = [];
  let zyRules: Rule[] | undefined;
  for (const service of model.services) {
    const sub = inlineZeropsOf(model, service);
    if (!sub) continue;
    zyRules ??= rules.filter(runsInline);
    const git = scalarOf(service.node, 'buildFromGit');
    const remote = typeof git === 'string' ? git : undefined;
    for (const f of collectOwn(sub, zyRules, { external: [service], repository: remote ? { remotes: [remote] } : undefined, onRuleError: options.onRuleError })) out.push(f);
  }
  return out;
}

function collectOwn(model: ZeropsModel, rules: readonly Rule[], options: ValidateOptions): RuleFinding[] {
  const ctx = context(model, options);
  const out: RuleFinding[] = [];
  for (const rule of rules) {
    if (!rule.kinds.includes(model.kind)) continue;
    if (model.skipped && !rule.checksSkipped) continue;
    const found: Finding[] = [];
    try {
      runRule(rule, ctx, (f) => found.push(f));
    } catch (err) {
      options.onRuleError?.(rule, err);
      continue;
    }
    const severity = defaultSeverity(rule, model.kind);
    for (const f of found) out.push({ ...f, rule: rule.id, severity: f.severity ?? severity });
  }
  return out;
}

/** Findings in file order (a total order, so the same findings always come out the same way). */
export function compareFindings(a: RuleFinding, b: RuleFinding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
    || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

/** What suppression comments leave of `findings`, in file order. */
export function finishFindings(text: string, findings: RuleFinding[]): RuleFinding[] {
  return applySuppressions(text, findings, parseSuppressions(text)).sort(compareFindings);
}

/**
 * Runs every rule that reads this kind of document, at its default level, minus what suppression
 * comments silence. Levels from settings are
 * applied afterwards (`applySettings`), so one run serves every setting.
 */
export function runRules(model: ZeropsModel, options: ValidateOptions = {}): RuleFinding[] {
  if (model.kind === 'other') return [];
  return finishFindings(model.text, collectFindings(model, options.rules ?? RULES, options));
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
