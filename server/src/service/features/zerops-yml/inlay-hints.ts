import { entriesOf } from '../../../model/scalars';
import type { SetupModel, Span, ZeropsModel } from '../../../model/types';
import { resolvedOf, type MergedNode } from '../../../model/zerops-yml';
import type { InlayHintEntry } from '../feature';

// A zerops.yml's own inlay hints, in offsets: after each name of an `extends`, what the setup inherits
// from it. The hints every kind shares (resolved references) are ../inlay-hints.ts.

const INHERITED = ['build', 'deploy', 'run'] as const;

/** The keys of `own` (the setup's text) a parent's merged section adds: `run.start`, or the whole `build`. */
function inheritedKeys(parentRoot: Map<string, MergedNode>, own: unknown): string[] {
  const out: string[] = [];
  const sections = entriesOf(own);
  for (const section of INHERITED) {
    const p = parentRoot.get(section);
    if (!p) continue;
    const mine = sections.find((x) => x.key === section);
    if (!mine) {
      out.push(section);
      continue;
    }
    const mineKeys = new Set(entriesOf(mine.value).map((x) => x.key));
    for (const k of p.map?.keys() ?? []) if (!mineKeys.has(k)) out.push(`${section}.${k}`);
  }
  return out;
}

/** After each name of an `extends` in `range`: what the setup takes from that parent (registered for the kind in kinds.ts). */
export function setupHints(model: ZeropsModel, range: Span): InlayHintEntry[] {
  const inRange = (s: SetupModel) => s.extends?.some((e) => e.nodeSpan.end >= range.start && e.nodeSpan.start <= range.end);
  if (!model.setups.some(inRange)) return [];
  const resolved = resolvedOf(model);
  const bySetup = new Map(resolved.map((r) => [r.setup, r]));
  const byName = new Map<string, SetupModel>();
  for (const s of model.setups) if (typeof s.name?.value === 'string' && !byName.has(s.name.value)) byName.set(s.name.value, s);
  const out: InlayHintEntry[] = [];
  for (const s of model.setups) {
    if (!inRange(s) || bySetup.get(s)?.cycle) continue;
    for (const e of s.extends ?? []) {
      const parent = byName.get(String(e.value));
      const pr = parent && bySetup.get(parent);
      if (!pr || pr.cycle || parent === s) continue;
      const keys = inheritedKeys(pr.root, s.node);
      const shown = keys.length > 4 ? [...keys.slice(0, 4), `+${keys.length - 4}`] : keys;
      out.push({
        offset: e.nodeSpan.end,
        label: keys.length ? `inherits ${shown.join(', ')}` : 'overrides everything it inherits',
        tooltip: keys.length
          ? `Setup "${String(s.name?.value ?? '')}" takes ${keys.join(', ')} from "${String(e.value)}" (maps merge key by key; lists and values written here replace the inherited ones).`
          : `Setup "${String(s.name?.value ?? '')}" writes every section "${String(e.value)}" has; nothing is left to inherit.`,
        kind: 'inherits',
      });
    }
  }
  return out;
}
