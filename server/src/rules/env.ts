import { pairOf } from '../model/scalars';
import { replace } from './edits';
import type { Rule } from './rule';

const IMPORT = ['import'] as const;

export const serviceEnvVariables: Rule = {
  id: 'service-envvariables',
  severity: 'warning',
  summary: '`envVariables` on a service in an import file: the platform drops it silently.',
  fix: 'Rename to `envSecrets`.',
  kinds: IMPORT,
  perService({ model }, report) {
    for (const map of model.envMaps) {
      if (map.kind !== 'envVariables' || !map.service) continue;
      // Renaming next to an existing envSecrets would repeat the key; then the user has to merge by hand.
      const canRename = !pairOf(map.service.node, 'envSecrets');
      report({
        span: map.keySpan,
        message: 'An import file has no service-level "envVariables": Zerops accepts the key and silently drops every variable in it. Use "envSecrets" here, or "run.envVariables" in zerops.yml.',
        fixes: canRename ? [{ title: 'Rename to envSecrets', edits: [replace(map.keySpan, 'envSecrets')], preferred: true }] : [],
      });
    }
  },
};

const VALID_KEY = /^[A-Za-z0-9_]+$/;

export const envKeyInvalid: Rule = {
  id: 'env-key-invalid',
  severity: 'error',
  summary: 'A variable name with characters other than letters, digits and `_`.',
  kinds: IMPORT,
  perService({ model }, report) {
    for (const map of model.envMaps) {
      for (const e of map.entries) {
        if (VALID_KEY.test(e.key)) continue;
        const bad = [...new Set(e.key.replace(/[A-Za-z0-9_]/g, ''))].map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', ');
        report({
          span: e.keySpan,
          message: `Variable names may hold only letters, digits and "_"; "${e.key}" has ${bad || 'none of them'}. Zerops rejects it.`,
        });
      }
    }
  },
};

const RESERVED_PREFIX = 'ZEROPS_';

/**
 * `zerops_x`, `Zerops_X`: the documented check is on `ZEROPS_`, and one live measurement found it
 * case-insensitive (zerops-facts.md §11). Until that is confirmed such a name is a warning, worded as likely.
 */
export function lowerCasePrefixMessage(key: string): string {
  return `"${key}" starts with ${RESERVED_PREFIX} in another case; Zerops documents the prefix as reserved in upper case, and one live measurement found lower case refused too (userDataZeropsPrefixForbidden). Renaming it is safer.`;
}

export const envZeropsPrefix: Rule = {
  id: 'env-zerops-prefix',
  severity: 'error',
  summary: 'A variable name starting with `ZEROPS_`: the whole import fails (`zerops_` in another case: a warning, since only one measurement says it is refused).',
  kinds: IMPORT,
  perService({ model }, report) {
    for (const map of model.envMaps) {
      for (const e of map.entries) {
        if (e.key.startsWith(RESERVED_PREFIX)) {
          report({
            span: e.keySpan,
            message: `Names starting with ${RESERVED_PREFIX} are reserved for Zerops; one such variable makes the whole import fail (userDataZeropsPrefixForbidden). Rename it.`,
          });
        } else if (e.key.toUpperCase().startsWith(RESERVED_PREFIX)) {
          report({ span: e.keySpan, severity: 'warning', message: lowerCasePrefixMessage(e.key) });
        }
      }
    }
  },
};

export const ENV_RULES: readonly Rule[] = [serviceEnvVariables, envKeyInvalid, envZeropsPrefix];
