import { keyInfo, levelsOfKey } from '../../../catalog/schema';
import { BASES, baseInfo, baseVersions, type BasePhase, type BaseTech, type BaseVersion } from '../../../catalog/zerops-yml';
import { hostnameOf } from '../../../model/lookup';
import { rangeOf, scalarOf, seqItemsOf } from '../../../model/scalars';
import type { ServiceModel, SetupModel, ZeropsModel } from '../../../model/types';
import { resolvedOf, type MergedNode } from '../../../model/zerops-yml';
import type { Locus } from '../../../model/locate';
import type { HoverResult } from '../feature';
import { keyHover } from '../schema-keys';
import { placeOf } from './locus';

// Hover in a zerops.yml: what a key does, where it acts and its default; what a base is, which versions
// Zerops offers in which spelling and phase; what Zerops does with a port. Everything from the
// catalogue (catalog/schema.ts, catalog/zerops-yml.ts). Registered for the kind in features/kinds.ts; `${…}` is answered there for every file.

import { code } from '../markdown';

/** A key the catalogue does not know at this level: Zerops ignores it, and maybe it belongs elsewhere. */
function unknownKeyHover(level: string, key: string): string {
  const elsewhere = levelsOfKey('zerops-yml', key).filter((l) => l !== level);
  const where = level === 'setup' ? 'a setup' : code(level);
  const lines = [`${code(key)} is not a key of ${where}: Zerops ignores it.`];
  if (elsewhere.length) lines.push(`It belongs under ${elsewhere.map((l) => code(l === 'setup' ? 'zerops[]' : l)).join(' or ')}.`);
  return lines.join(' ');
}

/** Versions grouped by the OSes they come on: `24, 22, 20, latest` (alpine, ubuntu). */
function versionList(versions: readonly BaseVersion[]): string {
  const groups = new Map<string, string[]>();
  for (const v of versions) {
    const oses = v.oses.join(', ');
    const list = groups.get(oses) ?? [];
    list.push(code(v.version || '(no version)'));
    groups.set(oses, list);
  }
  return [...groups].map(([oses, list]) => `${list.join(', ')}${oses ? ` (${oses})` : ''}`).join('; ');
}

function spellings(tech: BaseTech, v: BaseVersion | undefined): string | undefined {
  if (!v?.current) return undefined;
  const bare = v.version ? `${tech.tech}@${v.version}` : tech.tech;
  const forms = tech.role === 'os' ? [bare] : [bare, ...v.oses.map((os) => `${os}/${bare}`)];
  return forms.length > 1 ? `Spellings Zerops accepts: ${forms.map(code).join(', ')} (the bare one keeps the default OS, or the one \`os\` names).` : undefined;
}

function baseHover(raw: string, phase: BasePhase): string {
  const check = baseInfo(raw, phase);
  const tech = check.tech ?? (check.name ? BASES.get(check.name.tech) : undefined);
  if (!tech) {
    return `${code(raw)}: not a technology Zerops offers as a base. Known in ${phase}: ${[...BASES.values()].filter((t) => t.phases[phase]).map((t) => code(t.tech)).join(', ')}.`;
  }
  const other: BasePhase = phase === 'build' ? 'run' : 'build';
  const phases = (['build', 'run'] as const).filter((p) => tech.phases[p]);
  const lines = [`**${tech.label}** · ${code(raw)} as ${code(`${phase}.base`)} · ${phases.length === 2 ? 'build and run' : `${phases[0]} only`}`];
  if (tech.doc) lines.push(tech.doc);
  const current = baseVersions(tech.tech, phase);
  const legacy = baseVersions(tech.tech, phase, true).filter((v) => !v.current);
  if (current.length) lines.push(`Versions in ${phase}: ${versionList(current)}.`);
  if (legacy.length) lines.push(`Only in older catalogues (may stop building): ${legacy.map((v) => code(v.version)).join(', ')}.`);
  const sp = spellings(tech, check.version);
  if (sp) lines.push(sp);
  if (tech.role !== 'os') {
    const only = check.version?.oses.length === 1 ? check.version.oses[0] : undefined;
    lines.push(only ? `Runs on ${only} only.` : `OS: ${code('alpine')} unless ${code('os: ubuntu')} or an ${code('ubuntu/')} prefix picks Ubuntu.`);
  }
  if (phase === 'run' && tech.implicitPort80) lines.push('Its web server listens on port 80 by itself: `ports` need not list it.');
  if (phase === 'run' && tech.startExpected) lines.push(`Needs ${code('start')} (or ${code('startCommands')}): nothing runs the application otherwise.`);
  switch (check.status) {
    case 'legacy':
      lines.push(`⚠ ${code(raw)} is not in Zerops' current catalogue (2026-07 schema); it may stop building.`);
      break;
    case 'unknown-version':
      lines.push(`⚠ ${tech.label} has no version ${code(check.name?.version ?? '')} in ${phase}.`);
      break;
    case 'wrong-phase':
      lines.push(`⚠ ${tech.label} is offered for ${other} only.${tech.role === 'webserver' ? ` Build PHP with ${code(`php@${check.name?.version ?? 'latest'}`)}.` : tech.role === 'php-build' ? ` Run it with ${code('php-nginx')} or ${code('php-apache')}.` : ''}`);
      break;
    case 'os-unavailable':
      lines.push(`⚠ Not offered on ${code(check.name?.os ?? '')}.`);
      break;
    default:
      break;
  }
  return lines.join('\n\n');
}

function portHover(level: string, text: string): string | undefined {
  const n = Number(text);
  if (!/^\d+$/.test(text)) return undefined;
  if (level.endsWith('.httpGet')) {
    return `**Port ${n}**: the check sends its request to ${code(`127.0.0.1:${n}`)} inside the container, so the application must listen there (on ${code('0.0.0.0')} or localhost).`;
  }
  const lines = [
    `**Port ${n}**: Zerops routes traffic from the other services of the project to it (${code(`<hostname>:${n}`)}). With ${code('httpSupport: true')} (TCP only) it also routes public HTTP to it, from your domains and the zerops.app subdomain; TLS ends at Zerops' balancer, so the application speaks plain HTTP.`,
    `The application must listen on ${code('0.0.0.0')}: a server bound to 127.0.0.1 cannot be reached (502).`,
  ];
  if (n < 10 || n > 65435) lines.push(`⚠ Zerops accepts ports 10 to 65435; the others are reserved for its own systems.`);
  if (n === 443) lines.push('⚠ TLS ends at the balancer, which forwards plain HTTP: do not listen on 443 for it.');
  return lines.join('\n\n');
}

/** At most this many lines of a merged setup are shown. */
const MERGED_LINES = 40;

const setupName = (s: SetupModel) => (typeof s.name?.value === 'string' ? s.name.value : `setup ${s.index + 1}`);

/** One line of a scalar's source, clipped. */
function sourceOf(text: string, node: unknown): string {
  const r = rangeOf(node);
  if (!r) return '';
  const src = text.slice(r[0], r[1]).split(/\r?\n/)[0].trim();
  return src.length > 60 ? `${src.slice(0, 57)}…` : src;
}

/** The merged keys as YAML, a value marked with the setup it comes from where that changes from its parent's. */
function renderMerged(text: string, map: Map<string, MergedNode>, context: SetupModel, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  for (const n of map.values()) {
    if (out.length >= MERGED_LINES) return;
    if (depth === 0 && (n.key === 'setup' || n.key === 'extends')) continue;
    const from = n.from === context ? '' : `  # from ${setupName(n.from)}`;
    if (n.map) {
      out.push(`${pad}${n.key}:${from}`);
      renderMerged(text, n.map, n.from, depth + 1, out);
    } else if (seqItemsOf(n.node)) {
      const items = seqItemsOf(n.node)!;
      out.push(`${pad}${n.key}:${from}`);
      for (const item of items.slice(0, 5)) out.push(`${pad}  - ${sourceOf(text, item)}`);
      if (items.length > 5) out.push(`${pad}  # … ${items.length - 5} more`);
    } else {
      out.push(`${pad}${n.key}: ${sourceOf(text, n.node)}${from}`);
    }
  }
}

/** What a setup with `extends` becomes: its parents, and the merged keys with where each comes from. */
function extendsHover(model: ZeropsModel, offset: number): string | undefined {
  const setup = model.setups.find((s) => s.span.start <= offset && offset <= s.span.end);
  if (!setup) return undefined;
  // The document too, so aliases and merge keys resolve as the checks resolve them.
  const r = resolvedOf(model).find((x) => x.setup === setup);
  if (!r) return undefined;
  const lines = [`**Setup ${code(setupName(setup))}** after ${code('extends')}: ${r.parents.length ? r.parents.map((p) => code(setupName(p))).join(', then ') : 'no parent found'}, then its own keys. Maps merge key by key; lists and single values are replaced.`];
  if (r.unknown.length) lines.push(`⚠ No setup ${r.unknown.map((u) => code(String(u.value))).join(', ')} in this file.`);
  if (r.cycle) lines.push(`⚠ ${code('extends')} goes round in a circle: ${r.cycle.map((s) => code(setupName(s))).join(' → ')}.`);
  const out: string[] = [];
  renderMerged(model.text, r.root, setup, 0, out);
  if (out.length) lines.push(['```yaml', ...out, ...(out.length >= MERGED_LINES ? ['# …'] : []), '```'].join('\n'));
  return lines.join('\n\n');
}

/** Who uses a setup: the setups of this file that extend it, and the workspace services that deploy with it. */
function setupHover(model: ZeropsModel, name: string, external: readonly ServiceModel[]): string {
  const children = model.setups.filter((s) => (s.extends ?? []).some((e) => e.value === name)).map(setupName);
  const users: string[] = [];
  for (const s of external) {
    const host = hostnameOf(s);
    // The service's file text is not at hand here; the scalar node holds its decoded value.
    const zs = scalarOf(s.node, 'zeropsSetup');
    if (zs === name) users.push(`${code(host ?? '?')} (by ${code('zeropsSetup')})`);
    else if (zs === undefined && host === name) users.push(`${code(host)} (by its hostname)`);
  }
  const lines = [`**Setup ${code(name)}**`];
  if (children.length) lines.push(`Extended by ${children.map(code).join(', ')}: a template, which they start from.`);
  if (users.length) lines.push(`Deployed by ${users.join(', ')} in the workspace's import files.`);
  else lines.push(`No service of the workspace's import files uses it (by ${code('zeropsSetup')} or a hostname ${code(name)}); ${code(`zcli push --setup ${name}`)} can still pick it.`);
  return lines.join('\n\n');
}

/** The hover at the cursor in a zerops.yml, or undefined. `external` are the services of the workspace imports. */
export function zeropsYmlHover(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[] = []): HoverResult | undefined {
  const place = placeOf(loc, model.text);
  const level = place.level;
  if (!level) return undefined;
  if (place.forKey !== undefined && place.value) {
    const { text, start, end } = place.value;
    if (!text || loc.offset < start || loc.offset > end) return undefined;
    const span = { start, end };
    if (place.forKey === 'base' && (level === 'build' || level === 'run')) return { markdown: baseHover(text, level), span };
    if (place.forKey === 'setup' && level === 'setup') return { markdown: setupHover(model, text, external), span };
    if (place.forKey === 'extends' && level === 'setup') {
      const md = extendsHover(model, loc.offset);
      if (md) return { markdown: md, span };
    }
    if (place.forKey === 'port' && (level === 'run.ports[]' || level.endsWith('.httpGet'))) {
      const md = portHover(level, text);
      if (md) return { markdown: md, span };
    }
    return undefined;
  }
  if (loc.position !== 'key' || !loc.key || !loc.keySpan) return undefined;
  if (loc.offset > loc.keySpan.end) return undefined;
  const info = keyInfo('zerops-yml', level, loc.key);
  if (!info) return { markdown: unknownKeyHover(level, loc.key), span: loc.keySpan };
  const merged = info.key === 'extends' && level === 'setup' ? extendsHover(model, loc.offset) : undefined;
  return { markdown: [keyHover(info), merged].filter(Boolean).join('\n\n---\n\n'), span: loc.keySpan };
}
