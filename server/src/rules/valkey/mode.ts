import { typeVariant } from '../../catalog/services';
import { MODES, VALKEY, isModeValue, modeValueFor } from '../../catalog/valkey';
import { insertPairAfter, removePair, replace } from '../edits';
import { defineRule, type Fix, type RuleContext } from '../rule';
import { modeLabel, name, valkeyServices } from './common';
import { modeValueFixes } from '../mode-fixes';

// Valkey's mode: the `mode` value, a missing one, and a mode that conflicts with or repeats the type's variant.

export const valkeyModeValue = defineRule({
  id: 'valkey-mode',
  severity: 'error',
  summary: '`mode` on a Valkey service is not exactly `HA` or `NON_HA` (`ha`, `non-ha`, `single`).',
  fix: 'The intended value.',
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      const mode = s.mode;
      if (!mode || isModeValue(mode.value?.value)) continue;
      const { span, intended, fixes } = modeValueFixes(ctx.model.text, mode);
      report({
        span,
        message: `Zerops takes "mode" only as HA or NON_HA, written exactly so${intended ? `; this looks like ${intended}` : ''}. Any other value fails the import.`,
        fixes,
      });
    }
  },
});

export const valkeyModeMissing = defineRule({
  id: 'valkey-mode-missing',
  severity: 'warning',
  summary: 'Legacy `valkey@7.2` with no `mode`: Zerops creates a single node, and the mode can never be changed later.',
  fix: 'Add `mode: NON_HA`; add `mode: HA`; or convert to `valkey:single@7.2`.',
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      if (s.mode || s.type.variant !== undefined || !s.typePair) continue;
      // One slip, one finding: a version Zerops does not offer (`valkey@8`) is valkey-version's error; once
      // that is fixed to 7.2, this warning follows if the mode is still missing.
      if (s.type.version !== VALKEY.version) continue;
      const fixes: Fix[] = [];
      for (const m of ['NON_HA', 'HA'] as const) {
        const edit = insertPairAfter(ctx.model, s.node, s.typePair, 'mode', m);
        if (edit) fixes.push({ title: `Add mode: ${m}${m === 'NON_HA' ? ' (what Zerops does now)' : ''}`, edits: [edit], preferred: m === 'NON_HA' });
      }
      if (s.type.baseSpan) {
        const end = s.type.baseSpan.end;
        fixes.push({ title: 'Convert to valkey:single', edits: [replace({ start: end, end }, ':single')] });
      }
      report({
        span: s.type.value.span,
        message: `No mode is set, so Zerops creates ${name(s)} as a single node, and it can never become HA afterwards. Say which you want: mode NON_HA or HA, or the valkey:single / valkey:ha type.`,
        fixes,
      });
    }
  },
});

/** Valkey services that name a variant in the type and also carry a valid `mode`. */
function* variantWithMode(ctx: RuleContext) {
  for (const s of valkeyServices(ctx)) {
    const variant = typeVariant(s.type);
    const mode = s.mode?.value?.value;
    if (variant && s.mode?.value && isModeValue(mode)) yield { s, variant, mode, modeNode: s.mode, modeValue: s.mode.value };
  }
}

export const valkeyModeConflict = defineRule({
  id: 'valkey-mode-conflict',
  severity: 'error',
  summary: 'A composite type and `mode` disagree (`valkey:single@7.2` with `mode: HA`).',
  fix: 'Remove `mode`; or change the variant to match it.',
  perService(ctx, report) {
    for (const { s, variant, mode, modeNode, modeValue } of variantWithMode(ctx)) {
      if (modeValueFor(variant) === mode) continue;
      const wanted = MODES[mode];
      const fixes: Fix[] = [];
      const remove = removePair(ctx.model, s.node, modeNode.pair);
      if (remove) fixes.push({ title: `Remove mode (keep valkey:${variant})`, edits: [remove] });
      if (s.type.variantSpan) fixes.push({ title: `Change the type to valkey:${wanted}`, edits: [replace(s.type.variantSpan, wanted)] });
      report({
        span: modeValue.span,
        message: `The type says valkey:${variant} (${modeLabel(variant)}) but mode says ${mode} (${modeLabel(wanted)}). Keep one: the variant in the type is the current way, mode is deprecated next to it.`,
        fixes,
        related: [{ span: s.type.variantSpan ?? s.type.value.span, message: `the type names the ${variant} variant` }],
      });
    }
  },
});

export const valkeyModeRedundant = defineRule({
  id: 'valkey-mode-redundant',
  severity: 'hint',
  summary: 'A composite type with an agreeing `mode`: `mode` is deprecated next to variants.',
  fix: 'Remove `mode`.',
  perService(ctx, report) {
    for (const { s, variant, mode, modeNode, modeValue } of variantWithMode(ctx)) {
      if (modeValueFor(variant) !== mode) continue;
      const remove = removePair(ctx.model, s.node, modeNode.pair);
      report({
        span: { start: modeNode.keySpan.start, end: modeValue.nodeSpan.end },
        message: `valkey:${variant} already says ${mode}; mode is deprecated next to a variant and can go.`,
        fixes: remove ? [{ title: 'Remove mode', edits: [remove], preferred: true }] : [],
        tags: ['unnecessary'],
      });
    }
  },
});

