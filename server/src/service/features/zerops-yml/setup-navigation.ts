import { asMap, pairOf, scalarValue } from '../../../model/scalars';
import type { ScalarValue, ServiceModel, SetupModel, Span } from '../../../model/types';
import { normalizeGitUrl } from '../../../rules/zerops-yml/cross';
import type { RepositoryInfo } from '../../../rules/rule';
import type { FileEdits, FileSpan } from '../feature';
import type { WorkspaceFile } from '../../workspace';

/** The git repository a file's folder belongs to, when known (the server reads `.git/config`). */
export type RepositoryLookup = (uri: string) => RepositoryInfo | undefined;

// Navigation over zerops.yml setup names: `setup: api` is the definition, `extends: api` in the same file
// and `zeropsSetup: api` in an import file use it by name, and a service with no `zeropsSetup` uses the
// setup named like its hostname (what zcli picks). Pure, like features/navigation.ts, which dispatches here first.

export type SetupRole = 'setup' | 'extends' | 'zeropsSetup' | 'hostname';

export interface SetupOccurrence {
  file: WorkspaceFile;
  name: string;
  /** Exactly the name's characters (inside quotes), what a rename replaces. */
  span: Span;
  role: SetupRole;
  /** For `zeropsSetup` and `hostname`: the import service that uses the setup. */
  service?: ServiceModel;
  setup?: SetupModel;
}

/** A plain or quoted string scalar whose source is its value: only those can be pointed at and renamed. */
function nameOf(v: ScalarValue | undefined): string | undefined {
  return v && v.verbatim && typeof v.value === 'string' && v.value ? v.value : undefined;
}

function zeropsSetupOf(text: string, service: ServiceModel): ScalarValue | undefined {
  return scalarValue(text, pairOf(service.node, 'zeropsSetup')?.value);
}

/** Every setup name written in one file, in text order. */
export function setupOccurrences(file: WorkspaceFile): SetupOccurrence[] {
  const out: SetupOccurrence[] = [];
  const { text } = file.model;
  const push = (v: ScalarValue | undefined, role: SetupRole, extra: Partial<SetupOccurrence>) => {
    const name = nameOf(v);
    if (name) out.push({ file, name, span: v!.span, role, ...extra });
  };
  // A zerops.yml defines setups and extends them; an import file's services use them.
  for (const setup of file.model.setups) {
    push(setup.name, 'setup', { setup });
    for (const v of setup.extends ?? []) push(v, 'extends', { setup });
  }
  for (const service of file.model.services) {
    const own = zeropsSetupOf(text, service);
    if (own) push(own, 'zeropsSetup', { service });
    else push(service.hostname, 'hostname', { service });
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

function occurrenceAt(file: WorkspaceFile, offset: number): SetupOccurrence | undefined {
  return setupOccurrences(file).find((o) => o.span.start <= offset && offset <= o.span.end);
}

/** The index's files with the current one in its place (or first, when the index lacks it). */
function withCurrent(files: readonly WorkspaceFile[], current: WorkspaceFile): WorkspaceFile[] {
  const out = files.map((f) => (f.uri === current.uri ? current : f));
  return out.includes(current) ? out : [current, ...out];
}

/**
 * The occurrences that belong together with `hit`: from a zerops.yml, that file's setup and extends and
 * every import service using the name; from an import file, every zerops.yml setup of that name (a
 * workspace may hold several repositories) with their extends, and every import service using it.
 */
function group(files: readonly WorkspaceFile[], current: WorkspaceFile, hit: SetupOccurrence, repos: RepositoryLookup | undefined): SetupOccurrence[] {
  const all = withCurrent(files, current);
  const same = (o: SetupOccurrence) => o.name === hit.name;
  const ymls = hit.role === 'setup' || hit.role === 'extends'
    ? [current]
    : all.filter((f) => setupOccurrences(f).some((o) => o.role === 'setup' && same(o)));
  const imports = all.filter((f) => f.model.services.length > 0);
  return [
    ...ymls.flatMap((f) => setupOccurrences(f).filter(same)),
    ...imports.flatMap((f) => setupOccurrences(f).filter((o) => same(o) && !buildsElsewhere(o, ymls, repos))),
  ];
}

/**
 * True when the service's `buildFromGit` is known to be another repository than every zerops.yml of the
 * group (a recipe importing mailpit from zeropsio/recipe-mailpit with `zeropsSetup: prod`): its setup
 * name is not ours. Without `buildFromGit` or a known remote, it counts as ours.
 */
function buildsElsewhere(o: SetupOccurrence, ymls: readonly WorkspaceFile[], repos: RepositoryLookup | undefined): boolean {
  const git = o.service && scalarValue(o.file.model.text, pairOf(o.service.node, 'buildFromGit')?.value)?.value;
  if (typeof git !== 'string' || !repos) return false;
  const url = normalizeGitUrl(git);
  let known = false;
  for (const f of ymls) {
    const remotes = repos(f.uri)?.remotes ?? [];
    if (remotes.length) known = true;
    if (url && remotes.some((r) => normalizeGitUrl(r) === url)) return false;
  }
  return known;
}

/** A cursor on a hostname counts only when some zerops.yml has that setup; otherwise it is a hostname. */
function relevant(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos: RepositoryLookup | undefined): { hit: SetupOccurrence; members: SetupOccurrence[] } | undefined {
  const hit = occurrenceAt(current, offset);
  if (!hit) return undefined;
  const members = group(files, current, hit, repos);
  // From a service whose buildFromGit is another repository, this workspace's setups are not the target.
  if (!members.some((o) => o.file.uri === hit.file.uri && o.span.start === hit.span.start)) return undefined;
  if (hit.role === 'hostname' && !members.some((o) => o.role === 'setup')) return undefined;
  return { hit, members };
}

const at = (o: SetupOccurrence): FileSpan => ({ uri: o.file.uri, span: o.span });

/**
 * Go to definition on a setup name. From `extends:` or `zeropsSetup:` (or a hostname that names a setup)
 * to the `setup:` entries; from `setup:` itself to the import services that use it. Undefined when the
 * cursor is on no setup name, so hostname navigation answers instead.
 */
export function setupDefinition(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos?: RepositoryLookup): FileSpan[] | undefined {
  const found = relevant(files, current, offset, repos);
  if (!found) return undefined;
  const { hit, members } = found;
  const targets = hit.role === 'setup'
    ? members.filter((o) => o.role === 'zeropsSetup' || o.role === 'hostname')
    : members.filter((o) => o.role === 'setup');
  return targets.map(at);
}

export function setupReferences(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, includeDeclaration: boolean, repos?: RepositoryLookup): FileSpan[] | undefined {
  const found = relevant(files, current, offset, repos);
  // From a hostname, references are the hostname's own (its `${host_…}` uses).
  if (!found || found.hit.role === 'hostname') return undefined;
  return found.members
    .filter((o) => includeDeclaration || o.role !== 'setup')
    .map(at);
}

/** Setup names that stay plain YAML and that a hostname could match: letters, digits, `-` and `_`. */
const SETUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export type SetupRenameResult<T> = { ok: T } | { error: string };

function blockers(members: readonly SetupOccurrence[]): string | undefined {
  const byHost = members.filter((o) => o.role === 'hostname');
  if (!byHost.length) return undefined;
  const names = byHost.map((o) => `"${o.name}" in ${o.file.uri}`).join(', ');
  return `The service ${names} uses this setup by its hostname, which cannot change once the service exists; renaming the setup would leave that service without one.`;
}

export function prepareSetupRename(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos?: RepositoryLookup): SetupRenameResult<{ span: Span; placeholder: string }> | undefined {
  const found = relevant(files, current, offset, repos);
  if (!found || found.hit.role === 'hostname') return undefined;
  const { hit, members } = found;
  if (!members.some((o) => o.role === 'setup')) {
    return { error: `No zerops.yml in the workspace has a setup "${hit.name}", so there is no setup to rename.` };
  }
  const blocked = blockers(members);
  if (blocked) return { error: blocked };
  return { ok: { span: hit.span, placeholder: hit.name } };
}

/** The setup name in `setup:`, every `extends:` naming it, and every import `zeropsSetup:` value: one edit. */
export function renameSetup(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, newName: string, repos?: RepositoryLookup): SetupRenameResult<FileEdits> | undefined {
  const prepared = prepareSetupRename(files, current, offset, repos);
  if (!prepared) return undefined;
  if ('error' in prepared) return prepared;
  const old = prepared.ok.placeholder;
  if (!SETUP_NAME.test(newName)) {
    return { error: `"${newName}" cannot be a setup name here: use letters, digits, "-" and "_" (at most 64), so it stays a plain YAML value and can match a hostname.` };
  }
  const changes: FileEdits['changes'] = {};
  if (newName === old) return { ok: { changes } };
  const found = relevant(files, current, offset, repos)!;
  const ymls = new Set(found.members.filter((o) => o.role === 'setup').map((o) => o.file));
  for (const f of ymls) {
    if (setupOccurrences(f).some((o) => o.role === 'setup' && o.name === newName)) {
      return { error: `${f.uri} already has a setup "${newName}"; two setups cannot share a name.` };
    }
  }
  for (const o of found.members) {
    (changes[o.file.uri] ??= []).push({ span: o.span, newText: newName });
  }
  return { ok: { changes } };
}

/** The `build`, `deploy` and `run` sections of a setup: key span, whole span and the section's base. */
export function setupSections(text: string, setup: SetupModel): { name: string; keySpan: Span; span: Span; base?: string }[] {
  const out: { name: string; keySpan: Span; span: Span; base?: string }[] = [];
  for (const name of ['build', 'deploy', 'run']) {
    const pair = pairOf(setup.node, name);
    const key = pair?.key as { range?: [number, number, number] } | undefined;
    if (!pair || !key?.range) continue;
    const value = pair.value as { range?: [number, number, number] } | null;
    const end = value?.range ? value.range[1] : key.range[1];
    const body = asMap(pair.value);
    const base = body && scalarValue(text, pairOf(body, 'base')?.value);
    out.push({
      name, keySpan: { start: key.range[0], end: key.range[1] }, span: { start: key.range[0], end },
      base: base && typeof base.value === 'string' ? base.value : undefined,
    });
  }
  return out;
}

/** The names a setup extends, as written. */
export function extendsNames(setup: SetupModel): string[] {
  return (setup.extends ?? []).map((v) => String(v.value));
}
