import { VALKEY } from '../../catalog/valkey';
import { nodeSpan, scalarValue } from '../../model/scalars';
import { isMap } from '../../model/tree';
import { nearest } from '../../util/nearest';
import { replace } from '../edits';
import { defineRule, type Report } from '../rule';
import { valkeyServices } from './common';

// The Valkey profile and its overrides.

function checkChoice(report: Report, value: ReturnType<typeof scalarValue>, span: { start: number; end: number }, allowed: readonly string[], what: string, severity?: 'warning'): void {
  const raw = value?.value;
  if (typeof raw === 'string' && allowed.includes(raw)) return;
  const guess = typeof raw === 'string' ? nearest(raw, allowed) : undefined;
  const choices = guess ? [guess] : allowed;
  report({
    span,
    message: `${what} must be one of ${allowed.join(', ')}${guess ? `; did you mean ${guess}?` : '.'}`,
    fixes: value ? choices.map((c) => ({ title: `Change to ${c}`, edits: [replace(value.span, c)], preferred: !!guess })) : [],
    severity,
  });
}

export const valkeyProfile = defineRule({
  id: 'valkey-profile',
  severity: 'error',
  summary: '`profile` not `hobby`, `staging` or `production`; an unknown `maxmemory-policy` in `profileOverrides` (another override key is a warning).',
  fix: 'The nearest valid value.',
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      if (s.profile) checkChoice(report, s.profile, s.profile.nodeSpan, VALKEY.profiles, 'A Valkey profile');
      const overrides = s.profileOverrides?.node;
      if (!isMap(overrides)) continue;
      for (const item of overrides.items) {
        const key = scalarValue(ctx.model.text, item.key);
        if (!key) continue;
        if (key.value === 'maxmemory-policy') {
          const v = scalarValue(ctx.model.text, item.value);
          const span = v?.nodeSpan ?? nodeSpan(item.value) ?? key.nodeSpan;
          checkChoice(report, v, span, VALKEY.maxmemoryPolicies, 'maxmemory-policy');
        } else {
          const guess = typeof key.value === 'string' ? nearest(key.value, VALKEY.profileOverrideKeys) : undefined;
          report({
            span: key.nodeSpan,
            message: `Valkey takes one profile override, maxmemory-policy; "${String(key.value)}" is not one it knows${guess ? `. Did you mean ${guess}?` : ' and will have no effect.'}`,
            fixes: guess ? [{ title: `Change to ${guess}`, edits: [replace(key.span, guess)], preferred: true }] : [],
            severity: 'warning',
          });
        }
      }
    }
  },
});
