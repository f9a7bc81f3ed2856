import { parseZerops, type ParseOptions } from '../model/parse';
import type { ServiceModel, ZeropsModel } from '../model/types';
import type { RuleFinding } from '../rules/rule';
import { runRules, type ValidateOptions } from './validate';

/** What one check did, for the benchmark and the server's debounce. */
export interface CheckStats {
  /** 'pieces': parsed and checked service by service; 'whole': the whole text at once (the fallback). */
  path: 'pieces' | 'whole';
  /** Pieces parsed again / pieces whose findings were computed again, of `pieces`. */
  parsed: number;
  checked: number;
  pieces: number;
  ms: number;
}

export interface CheckResult {
  model: ZeropsModel;
  /** Every finding at its default level, suppressions applied (what runRules gives for the same text). */
  findings: RuleFinding[];
}

/**
 * Checks successive versions of one document. The result always equals `runRules(parseZerops(text))`;
 * only the cost differs. (Skeleton: the whole text every time.)
 */
export class IncrementalChecker {
  lastStats: CheckStats = { path: 'whole', parsed: 0, checked: 0, pieces: 0, ms: 0 };

  constructor(private readonly options: ParseOptions) {}

  check(text: string, external?: readonly ServiceModel[], onRuleError?: ValidateOptions['onRuleError']): CheckResult {
    const t = performance.now();
    const model = parseZerops(text, this.options);
    const findings = runRules(model, { external, onRuleError });
    this.lastStats = { path: 'whole', parsed: 1, checked: 1, pieces: 1, ms: performance.now() - t };
    return { model, findings };
  }
}
