import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { nodeSpan } from '../../model/scalars';
import { mergedAt } from '../../model/zerops-yml';
import { nearest } from '../../util/nearest';
import { replace } from '../edits';
import type { Report, RuleContext } from '../rule';
import { appendPair, deployFilesSlip, deployable, onceReporter, resolved, setupLabel, setupSpan } from './common';

// Setups and `extends` (spec checks 18–22).

export function setupDuplicate(ctx: RuleContext, report: Report): void {
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
}

export function extendsUnknown(ctx: RuleContext, report: Report): void {
  const names = ctx.model.setups.map((s) => s.name?.value).filter((n): n is string => typeof n === 'string');
  for (const r of resolved(ctx)) {
    for (const e of r.unknown) {
      const guess = nearest(String(e.value), names.filter((n) => n !== r.setup.name?.value));
      report({
        span: e.nodeSpan,
        message: `"extends" names "${e.value}", but this file has no such setup${guess ? `; did you mean "${guess}"?` : '.'} Setups: ${names.join(', ')}.`,
        fixes: guess && e.verbatim ? [{ title: `Change to ${guess}`, edits: [replace(e.span, guess)], preferred: true }] : [],
      });
    }
  }
}

export function extendsCycle(ctx: RuleContext, report: Report): void {
  const once = onceReporter(report);
  // Every setup on a cycle shares one chain: its text is made once.
  const texts = new Map<readonly unknown[], string>();
  for (const r of resolved(ctx)) {
    if (!r.cycle || !r.setup.extendsPair) continue;
    let chain = texts.get(r.cycle);
    if (chain === undefined) {
      const names = r.cycle.map((s) => String(s.name?.value ?? `#${s.index + 1}`));
      chain = names.length > 8 ? `${names.slice(0, 4).join(' → ')} → … (${names.length - 8} more) → ${names.slice(-4).join(' → ')}` : names.join(' → ');
      texts.set(r.cycle, chain);
    }
    const span = nodeSpan(r.setup.extendsPair.key as Node);
    if (span) once({ span, message: `"extends" goes round in a circle (${chain}); the setup cannot be resolved.` });
  }
}

export function runMissing(ctx: RuleContext, report: Report): void {
  for (const r of deployable(ctx)) {
    if (mergedAt(r.root, 'run')) continue;
    report({ span: setupSpan(r.setup), message: `Setup ${setupLabel(r.setup)} has no "run" section (the docs require one); the runtime keeps its current base and gets no start command, ports or variables from this file.` });
  }
}

export function deployFilesMissing(ctx: RuleContext, report: Report): void {
  const model = ctx.model;
  for (const r of deployable(ctx)) {
    const build = mergedAt(r.root, 'build');
    if (!build || mergedAt(r.root, 'build', 'deployFiles') || mergedAt(r.root, 'build', 'deploy')) continue;
    // A misspelt `deployFiles` gets its own finding (schema-unknown-key, "did you mean"), not a second one here.
    if ([...(build.map?.keys() ?? [])].some(deployFilesSlip)) continue;
    const span = nodeSpan(build.pair.key as Node) ?? setupSpan(r.setup);
    const own = build.from === r.setup && isMap(build.node) ? build.node : undefined;
    const edit = own ? appendPair(model, own, 'deployFiles', './') : undefined;
    report({
      span,
      message: `Setup ${setupLabel(r.setup)} builds but names no "deployFiles": nothing would be deployed (the schema requires it).`,
      fixes: edit ? [{ title: 'Add deployFiles: ./', edits: [edit] }] : [],
    });
  }
}

export function deployFilesEmpty(ctx: RuleContext, report: Report): void {
  for (const r of resolved(ctx)) {
    const n = mergedAt(r.root, 'build', 'deployFiles');
    if (!n || n.from !== r.setup) continue;
    const v = n.node;
    const empty = (isScalar(v) && (v.value === '' || v.value === null)) || (isSeq(v) && v.items.length === 0) || v === null;
    const span = nodeSpan(v) ?? nodeSpan(n.pair.key as Node);
    if (empty && span) report({ span, message: '"deployFiles" is empty: nothing would be deployed.' });
  }
}
