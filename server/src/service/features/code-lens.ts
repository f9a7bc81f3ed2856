import { KEYDB_BEHAVIOUR } from '../../catalog/cache-behaviour';
import { portsIn } from '../../catalog/ports';
import { isKeydb, isValkey } from '../../catalog/services';
import { categoryOfType, typeInfo } from '../../catalog/types';
import { VALKEY } from '../../catalog/valkey';
import { serviceMode } from '../../analysis/connections';
import { fileKind } from '../../model/kind';
import { entryAt, hostnameOf } from '../../model/lookup';
import { pairOf, scalarValue } from '../../model/scalars';
import type { ServiceModel } from '../../model/types';
import type { CodeLensEntry, FileSpan } from './feature';
import { count } from './hover-words';
import { occurrencesIn } from './occurrences';
import type { WorkspaceFile } from '../workspace';

// CodeLens, in offsets: one line above each import service (its type as Zerops reads it, nodes, ports, and
// who uses it) and above each zerops.yml setup (the services that build with it, what it extends). Lenses
// inform: a lens with `locations` opens them as references when clicked, the others are plain text.
// codeLenses (lenses-links.ts) asks the kind's registered half.

/** More names than this and the lens says "and N more". */
const MAX_NAMES = 4;

function names(list: readonly string[]): string {
  return list.length > MAX_NAMES ? `${list.slice(0, MAX_NAMES).join(', ')} and ${list.length - MAX_NAMES} more` : list.join(', ');
}

/** The type as Zerops reads it, in the composite spelling when the mode picks a variant: `valkey@7.2` + HA → `valkey:ha@7.2`. */
function canonicalType(s: ServiceModel): string | undefined {
  const t = s.type;
  if (!t) return undefined;
  const info = typeInfo(t.base);
  if (!info || !info.variants.length || t.variant) return t.raw;
  const variant = serviceMode(s);
  const composite = `${t.os ? `${t.os}/` : ''}${t.base}:${variant}${t.version ? `@${t.version}` : ''}`;
  return info.composite.includes(composite) ? composite : t.raw;
}

function summary(s: ServiceModel): string | undefined {
  const t = s.type;
  const type = canonicalType(s);
  if (!t || !type) return undefined;
  const parts = [type];
  const cat = categoryOfType(t);
  if (cat === 'managed' || cat === 'shared-storage') {
    const mode = serviceMode(s);
    const nodes = isValkey(t) ? VALKEY.nodes[mode] : isKeydb(t) ? KEYDB_BEHAVIOUR.nodes[mode] : undefined;
    parts.push(mode === 'ha' ? `HA${nodes ? `: ${count(nodes, 'node')}` : ''}` : 'single node');
    const ports = portsIn(t.base, mode).map((p) => p.port);
    if (ports.length) parts.push(`${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')}`);
  }
  return parts.join(' · ');
}

/** What names a use: the import service or zerops.yml setup whose entry holds `offset`, or the project. */
function ownerAt(file: WorkspaceFile, offset: number): string {
  const m = file.model;
  if (!fileKind(m.kind)?.definesServices) {
    const setup = entryAt(m.setups, offset);
    const n = setup?.name?.value;
    return typeof n === 'string' && n ? `setup ${n}` : 'zerops.yml';
  }
  const svc = entryAt(m.services, offset);
  return hostnameOf(svc) ?? 'project';
}

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** The lenses above an import file's services (registered for the kind in kinds.ts). */
export function serviceLenses(files: readonly WorkspaceFile[], current: WorkspaceFile): CodeLensEntry[] {
  // Every use of every hostname, once: a lens per service must not scan the workspace per service.
  const uses = new Map<string, { owner: string; location: FileSpan }[]>();
  for (const f of files) {
    for (const o of occurrencesIn(f)) {
      if (o.role === 'definition') continue;
      let list = uses.get(o.name);
      if (!list) uses.set(o.name, (list = []));
      list.push({ owner: ownerAt(f, o.span.start), location: { uri: f.uri, span: o.span } });
    }
  }
  const out: CodeLensEntry[] = [];
  for (const s of current.model.services) {
    const span = { start: s.span.start, end: s.span.start };
    const text = summary(s);
    if (text) out.push({ span, title: text });
    const host = hostnameOf(s);
    if (!host) continue;
    const list = uses.get(host) ?? [];
    const owners = [...new Set(list.map((u) => u.owner).filter((o) => o !== host))];
    out.push(list.length
      ? { span, title: owners.length ? `used by ${names(owners)}` : 'used by itself only', locations: list.map((u) => u.location) }
      : { span, title: 'not referenced' });
  }
  return out;
}

const folderOf = (uri: string) => uri.split(/[\\/]/).slice(0, -1);

function sharedDepth(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Runtime and static services of the import files nearest the zerops.yml (those sharing the deepest folder
 * with it, as its checks take them), with the setup each builds with (`zeropsSetup`, else its hostname).
 */
function setupUsers(files: readonly WorkspaceFile[], current: WorkspaceFile): Map<string, { label: string; location: FileSpan }[]> {
  const out = new Map<string, { label: string; location: FileSpan }[]>();
  const here = folderOf(current.uri);
  const imports = files.filter((f) => fileKind(f.model.kind)?.definesServices);
  const nearest = Math.max(-1, ...imports.map((f) => sharedDepth(here, folderOf(f.uri))));
  for (const f of imports) {
    if (sharedDepth(here, folderOf(f.uri)) !== nearest) continue;
    for (const s of f.model.services) {
      const host = hostnameOf(s);
      const cat = categoryOfType(s.type);
      if (!host || (cat !== 'runtime' && cat !== 'static')) continue;
      const zs = scalarValue(f.model.text, pairOf(s.node, 'zeropsSetup')?.value);
      const name = typeof zs?.value === 'string' ? zs.value : host;
      let list = out.get(name);
      if (!list) out.set(name, (list = []));
      list.push({ label: `${host} (${baseName(f.uri)})`, location: { uri: f.uri, span: (zs ?? s.hostname)!.span } });
    }
  }
  return out;
}

/** The lenses above a zerops.yml's setups (registered for the kind in kinds.ts). */
export function setupLenses(files: readonly WorkspaceFile[], current: WorkspaceFile): CodeLensEntry[] {
  const users = setupUsers(files, current);
  // The setups that extend each setup, by name: a template no service deploys is still in use.
  const children = new Map<string, string[]>();
  for (const s of current.model.setups) {
    for (const e of s.extends ?? []) {
      const list = children.get(String(e.value)) ?? [];
      if (typeof s.name?.value === 'string') list.push(s.name.value);
      children.set(String(e.value), list);
    }
  }
  const out: CodeLensEntry[] = [];
  for (const s of current.model.setups) {
    const span = { start: s.span.start, end: s.span.start };
    const name = typeof s.name?.value === 'string' ? s.name.value : undefined;
    if (name === undefined) continue;
    const list = users.get(name) ?? [];
    const extendedBy = children.get(name) ?? [];
    out.push(list.length
      ? { span, title: `used by ${names(list.map((u) => u.label))}`, locations: list.map((u) => u.location) }
      : { span, title: extendedBy.length ? 'no service uses it directly' : 'no service uses this setup' });
    if (extendedBy.length) out.push({ span, title: `extended by ${names(extendedBy)}` });
    const parents = (s.extends ?? []).map((e) => String(e.value));
    if (parents.length) out.push({ span, title: `extends ${parents.join(', ')}` });
  }
  return out;
}
