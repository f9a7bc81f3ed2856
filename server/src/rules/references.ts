import { exposedVariables } from '../catalog/services';
import { VALKEY } from '../catalog/valkey';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import type { Fix, Rule } from './rule';
import { serviceNamed } from './lookup';

export const referenceUnknownVariable: Rule = {
  id: 'reference-unknown-variable',
  severity: 'error',
  summary: '`${x_var}` where `x` is a service of a known type that does not expose `var` (`${cache_user}`: Valkey has no user variable).',
  fix: 'The nearest variable; for `user` on Valkey the literal `default`.',
  kinds: ['import', 'zerops-yml'],
  check(ctx, report) {
    for (const ref of ctx.model.references) {
      if (!ref.host) continue;
      const svc = serviceNamed(ctx, ref.host);
      const vars = exposedVariables(svc?.type);
      if (!svc || !vars || vars.some((v) => v.name === ref.variable)) continue;
      const type = svc.type!.raw;
      if (ref.variable.toLowerCase() === 'user' && svc.type!.base === VALKEY.type) {
        report({
          span: ref.span,
          message: `${ref.host} (${type}) has no "user" variable: the Valkey user is always "${VALKEY.user}". Write it literally; the unresolved reference would stay in the value as plain text.`,
          fixes: [{ title: `Replace with "${VALKEY.user}"`, edits: [replace(ref.span, VALKEY.user)], preferred: true }],
        });
        continue;
      }
      const guess = nearest(ref.variable, vars.map((v) => v.name));
      const fixes: Fix[] = guess ? [{ title: `Change to \${${ref.host}_${guess}}`, edits: [replace(ref.variableSpan, guess)], preferred: true }] : [];
      report({
        span: ref.span,
        message: `${ref.host} (${type}) exposes no variable "${ref.variable}"${guess ? `; did you mean "${guess}"?` : '.'} Zerops does not reject an unknown reference; it leaves it in the value as literal text.`,
        fixes,
      });
    }
  },
};

export const REFERENCE_RULES: readonly Rule[] = [referenceUnknownVariable];
