import { ENV_RULES } from './env';
import { HOSTNAME_RULES } from './hostnames';
import { PREPROCESSOR_RULES } from './preprocessor';
import { REFERENCE_RULES } from './references';
import type { Rule } from './rule';
import { SCHEMA_RULES } from './schema';
import { SECRET_RULES } from './secrets';
import { SERVICE_RULES } from './services';
import { suppressionRule } from './suppression';
import { TYPE_RULES } from './types';
import { VALKEY_RULES } from './valkey';
import { YAML_RULES } from './yaml';
import { ZEROPS_YML_RULES } from './zerops-yml';

/** Every rule the service runs, in the order their findings are listed. The ids are public interface. */
export const RULES: readonly Rule[] = [
  ...YAML_RULES, ...SCHEMA_RULES, ...TYPE_RULES, ...HOSTNAME_RULES, ...SERVICE_RULES, ...VALKEY_RULES,
  ...ENV_RULES, ...REFERENCE_RULES, ...PREPROCESSOR_RULES, ...SECRET_RULES, ...ZEROPS_YML_RULES,
  suppressionRule(() => RULE_IDS),
];

const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** Where each rule is explained; diagnostics link to it. */
export const RULE_DOCS_BASE = 'https://github.com/zerops-tools/zerops-lsp/blob/main/docs/rules.md';

export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE}#${id}`;
}
