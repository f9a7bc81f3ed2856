import { REFERENCE_RULES } from './references';
import type { Rule } from './rule';
import { SECRET_RULES } from './secrets';
import { VALKEY_RULES } from './valkey';
import { YAML_RULES } from './yaml';

/** Every rule the service runs, in the order their findings are listed. The ids are public interface. */
export const RULES: readonly Rule[] = [...YAML_RULES, ...VALKEY_RULES, ...REFERENCE_RULES, ...SECRET_RULES];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Where each rule is explained; diagnostics link to it. */
export const RULE_DOCS_BASE = 'https://github.com/zerops-tools/zerops-lsp/blob/main/docs/rules.md';

export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE}#${id}`;
}
