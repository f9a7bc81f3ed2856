import { BASES, baseOs, keyInfoAt, parseBase, type BaseOs, type BaseTech } from '../../catalog/zerops-yml';
import { keyInfo, keyNamesAt } from '../../catalog/schema';
import { mergedLevelsOf, type MergedLevel } from '../../model/merged-levels';
import { stringItems, stringScalar } from '../../model/scalars';
import { isScalar } from '../../model/tree';
import type { ScalarValue, SetupModel, ZeropsModel } from '../../model/types';
import { sectionsOf, type SetupSections } from '../../model/setup-sections';
import { isDeployable, type ResolvedSetup } from '../../model/zerops-yml';
import { setupsToCheck, type RuleContext } from '../rule';
import { nearest } from '../../util/nearest';

// What the zerops.yml rules share: the maps of the file by schema level (own text, as written), the
// setups with `extends` merged, and readers for the few values most checks need (bases, OS, start).

export const ZY = ['zerops-yml'] as const;

import { schemaMaps as zyMaps, type SchemaMap as ZyMap } from '../structure';
export type { SchemaMap as ZyMap, SchemaPair as ZyPair } from '../structure';
export { rootMapOf } from '../../model/levels';
/** Every map of the file at a schema level, as written (before `extends`), in file order. */
export { zyMaps };

/** Setups that should deploy: not templates, and not broken by an `extends` cycle. */
export function deployable(ctx: RuleContext): ResolvedSetup[] {
  return setupsToCheck(ctx).filter(isDeployable);
}

/** A string scalar of the checked text. */
export function str(model: ZeropsModel, node: unknown): ScalarValue | undefined {
  return stringScalar(model.text, node);
}

/** The name to show for a setup. */
export function setupLabel(s: SetupModel): string {
  return typeof s.name?.value === 'string' ? `"${s.name.value}"` : `#${s.index + 1}`;
}

export { setupSpan } from '../../model/zerops-yml';
export { appendPair } from '../../model/insert';

/** The typed sections of a resolved setup (model/setup-sections.ts). */
export function sections(ctx: RuleContext, r: ResolvedSetup): SetupSections {
  return sectionsOf(r, ctx.model.text);
}

/** The string values of a merged `base` (one scalar or a list). */
export function baseValues(model: ZeropsModel, r: ResolvedSetup, section: 'build' | 'run'): ScalarValue[] {
  const s = sectionsOf(r, model.text);
  return (section === 'build' ? s.build?.bases : s.run?.base)?.items ?? [];
}

/** The run technology of a merged setup: `run.base`, else (the base is kept) unknown. */
export function runTech(model: ZeropsModel, r: ResolvedSetup): BaseTech | undefined {
  const b = baseValues(model, r, 'run')[0];
  const n = b && parseBase(String(b.value));
  return n ? BASES.get(n.tech) : undefined;
}

/** The OS a section runs on: an explicit `os`, else what the base fixes, else alpine (the default). */
export function effectiveOs(model: ZeropsModel, r: ResolvedSetup, section: 'build' | 'run'): { os: BaseOs; explicit: boolean } | undefined {
  const at = sectionsOf(r, model.text)[section];
  const os = at?.os?.value?.value;
  if (os === 'alpine' || os === 'ubuntu') return { os, explicit: true };
  for (const b of baseValues(model, r, section)) {
    const fixed = baseOs(String(b.value), section);
    if (fixed) return { os: fixed, explicit: true };
  }
  if (!at) return undefined;
  return { os: 'alpine', explicit: false };
}

export function isTrue(node: unknown): boolean {
  return isScalar(node) && node.value === true;
}

/** Every map of every deployable setup after merging, at its level (model/merged-levels.ts). */
export function mergedLevels(ctx: RuleContext): MergedLevel[] {
  return ctx.memo('zy-merged-levels', () => deployable(ctx).flatMap((r) => mergedLevelsOf(r, childLevel)));
}

const childLevel = (level: string, key: string) => keyInfoAt(level, key)?.child;

/** A value computed once per check for each setup that asks for it. */
export function perSetupMemo<T>(ctx: RuleContext, key: string, setup: SetupModel, compute: () => T): T {
  const bySetup = ctx.memo(key, () => new Map<SetupModel, T>());
  let v = bySetup.get(setup);
  if (v === undefined && !bySetup.has(setup)) bySetup.set(setup, (v = compute()));
  return v as T;
}

/** The maps of a setup's own text at their schema levels (before `extends`), in file order. */
export function writtenMaps(ctx: RuleContext, setup: SetupModel): readonly ZyMap[] {
  const bySetup = ctx.memo('zy-maps-by-setup', () => {
    const out = new Map<SetupModel, ZyMap[]>();
    for (const m of zyMaps(ctx)) {
      if (!m.setup) continue;
      let list = out.get(m.setup);
      if (!list) out.set(m.setup, (list = []));
      list.push(m);
    }
    return out;
  });
  return bySetup.get(setup) ?? [];
}

/** The string items of a key written in `m` (one scalar or a list): `deployFiles`, `cache`, `prepareCommands`. */
export function writtenItems(ctx: RuleContext, m: ZyMap, key: string): ScalarValue[] {
  const p = m.pairs.find((x) => x.key === key);
  return p ? stringItems(ctx.model.text, p.pair.value) : [];
}

/**
 * A key of the build section that is a slip for `deployFiles` (`deployFile`, `deployfiles`): not a key
 * of its own, and nearer to deployFiles than to any other. One slip gets one finding: the unknown-key
 * warning names it (as an error, since then nothing is deployed) and deploy-files-missing stays silent.
 */
export function deployFilesSlip(key: string): boolean {
  return !keyInfo('zerops-yml', 'build', key) && key !== '<<' && nearest(key, keyNamesAt('zerops-yml', 'build')) === 'deployFiles';
}

/** Whether the setup holding the build map `m` names what to deploy after `extends` (deployFiles or build.deploy). */
function deploysFiles(ctx: RuleContext, m: ZyMap): boolean {
  const own = setupsToCheck(ctx).filter((r) => r.setup === m.setup);
  // A template's build is checked through the setups extending it: deployed if every one of them names files.
  const users = own.length && !own[0].template ? own : setupsToCheck(ctx).filter((r) => r.parents.includes(m.setup!));
  return users.length > 0 && users.every((r) => { const build = sections(ctx, r).build; return !!(build?.deployFiles ?? build?.deploy); });
}

/**
 * A slip for `deployFiles` (the unknown key `key`, nearest to `guess`) where nothing else names what to
 * deploy: the setup deploys nothing, so the unknown-key finding is an error and says so (what
 * deploy-files-missing would say, here on the key that causes it).
 */
export function deploysNothingNote(ctx: RuleContext, m: ZyMap, key: string, guess: string | undefined): string | undefined {
  const nothing = m.level === 'build' && guess === 'deployFiles' && deployFilesSlip(key) && !deploysFiles(ctx, m);
  return nothing ? ' Without "deployFiles" nothing is deployed (the schema requires it).' : undefined;
}
