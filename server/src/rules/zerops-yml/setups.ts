import { keySpanOf } from '../../model/scalars';
import { nearest } from '../../util/nearest';
import { replace } from '../edits';
import { defineRule, setupsToCheck } from '../rule';
import { appendPair, deployFilesSlip, sections, setupLabel, setupSpan, ZY } from './common';

// Setups and `extends` (spec checks 18–22).

export const setupDuplicate = defineRule({
  id: 'setup-duplicate',
  severity: 'warning',
  summary: 'Two setups with one name: zcli uses the first.',
  kinds: ZY,
  perDocument(ctx, report) {
    const byName = new Map<string, typeof ctx.model.setups>();
    for (const s of ctx.model.setups) {
      const n = s.name?.value;
      if (typeof n !== 'string' || n === '') continue;
      byName.set(n, [...(byName.get(n) ?? []), s]);
    }
    for (const [name, list] of byName) {
      if (list.length < 2) continue;
      for (const s of list.slice(1)) {
        report({
          span: s.name!.nodeSpan,
          message: `A second setup named "${name}": zcli picks the first one, so this one is most likely never used (what the platform does is not documented).`,
          related: [{ span: list[0].name!.nodeSpan, message: 'First setup of this name' }],
        });
      }
    }
  },
});

export const extendsUnknown = defineRule({
  id: 'extends-unknown',
  severity: 'error',
  summary: '`extends` names a setup this file does not have.',
  fix: 'The nearest setup name.',
  kinds: ZY,
  perDocument(ctx, report) {
    const names = ctx.model.setups.map((s) => s.name?.value).filter((n): n is string => typeof n === 'string');
    for (const r of setupsToCheck(ctx)) {
      for (const e of r.unknown) {
        const guess = nearest(String(e.value), names.filter((n) => n !== r.setup.name?.value));
        report({
          span: e.nodeSpan,
          message: `"extends" names "${e.value}", but this file has no such setup${guess ? `; did you mean "${guess}"?` : '.'} Setups: ${names.join(', ')}.`,
          fixes: guess && e.verbatim ? [{ title: `Change to ${guess}`, edits: [replace(e.span, guess)], preferred: true }] : [],
        });
      }
    }
  },
});

export const extendsCycle = defineRule({
  id: 'extends-cycle',
  severity: 'error',
  summary: '`extends` goes round in a circle.',
  kinds: ZY,
  perDocument(ctx, report) {
    // Every setup on a cycle shares one chain: its text is made once.
    const texts = new Map<readonly unknown[], string>();
    for (const r of setupsToCheck(ctx)) {
      if (!r.cycle || !r.setup.extendsPair) continue;
      let chain = texts.get(r.cycle);
      if (chain === undefined) {
        const names = r.cycle.map((s) => String(s.name?.value ?? `#${s.index + 1}`));
        chain = names.length > 8 ? `${names.slice(0, 4).join(' → ')} → … (${names.length - 8} more) → ${names.slice(-4).join(' → ')}` : names.join(' → ');
        texts.set(r.cycle, chain);
      }
      const span = keySpanOf(r.setup.extendsPair);
      if (span) report({ span, message: `"extends" goes round in a circle (${chain}); the setup cannot be resolved.` });
    }
  },
});

export const runMissing = defineRule({
  id: 'run-missing',
  severity: 'warning',
  summary: 'A deployable setup without `run` (after `extends`).',
  kinds: ZY,
  perSetup(r, report, ctx) {
    if (sections(ctx, r).run) return;
    report({ span: setupSpan(r.setup), message: `Setup ${setupLabel(r.setup)} has no "run" section (the docs require one); the runtime keeps its current base and gets no start command, ports or variables from this file.` });
  },
});

export const deployFilesMissing = defineRule({
  id: 'deploy-files-missing',
  severity: 'error',
  summary: 'A setup that builds but names no `deployFiles` (after `extends`): nothing would be deployed.',
  fix: 'Add `deployFiles: ./` (offered, not applied by fix-all).',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const build = sections(ctx, r).build;
    if (!build || build.deployFiles || build.deploy) return;
    // A misspelt `deployFiles` gets its own finding (schema-unknown-key, "did you mean"), not a second one here.
    if (build.keys.some(deployFilesSlip)) return;
    const own = build.from === r.setup ? build.map : undefined;
    const edit = own ? appendPair(ctx.model, own, 'deployFiles', './') : undefined;
    report({
      span: build.keySpan,
      message: `Setup ${setupLabel(r.setup)} builds but names no "deployFiles": nothing would be deployed (the schema requires it).`,
      fixes: edit ? [{ title: 'Add deployFiles: ./', edits: [edit] }] : [],
    });
  },
});

export const deployFilesEmpty = defineRule({
  id: 'deploy-files-empty',
  severity: 'warning',
  summary: '`deployFiles: ""` or `[]`.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    const n = sections(ctx, r).build?.deployFiles;
    if (n?.from === r.setup && n.empty) report({ span: n.span ?? n.keySpan, message: '"deployFiles" is empty: nothing would be deployed.' });
  },
});
