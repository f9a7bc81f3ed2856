import type { Span } from '../../model/types';
import type { FileEdits, FileSpan, OutlineSymbol } from './feature';
import { featuresOf } from './kinds';
import {
  prepareSetupRename, renameSetup, setupDefinition, setupReferences, type RepositoryLookup,
} from './zerops-yml/setup-navigation';
import type { WorkspaceFile } from '../workspace';
import { occurrencesIn, type HostnameOccurrence } from './occurrences';

// Outline, go to definition, find references and rename of hostnames, across the import files and
// zerops.yml files of the workspace, in offsets (the language server converts them at its edge,
// service/lsp/navigation.ts). Pure: the caller hands in the indexed files (the current document among them, at
// its current version) and gets back spans in them.

function location(o: HostnameOccurrence): FileSpan {
  return { uri: o.file.uri, span: o.span };
}

/** The index's files with the current one in its place (or first, when the index lacks it). */
function workspaceWith(files: readonly WorkspaceFile[], current: WorkspaceFile): WorkspaceFile[] {
  const out = files.map((f) => (f.uri === current.uri ? current : f));
  return out.includes(current) ? out : [current, ...out];
}

export function hostnameAt(current: WorkspaceFile, offset: number): HostnameOccurrence | undefined {
  return occurrencesIn(current).find((o) => o.span.start <= offset && offset <= o.span.end);
}

function allOccurrences(files: readonly WorkspaceFile[], name: string): HostnameOccurrence[] {
  return files.flatMap((f) => occurrencesIn(f).filter((o) => o.name === name));
}

/** Go to definition: from a hostname in a reference or URL to `hostname: …` (the file's own first). */
export function definition(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos?: RepositoryLookup): FileSpan[] {
  const setup = setupDefinition(files, current, offset, repos);
  if (setup) return setup;
  const hit = hostnameAt(current, offset);
  if (!hit) return [];
  const defs = allOccurrences(workspaceWith(files, current), hit.name).filter((o) => o.role === 'definition');
  const own = defs.filter((o) => o.file === current);
  return (own.length ? own : defs).map(location);
}

export function references(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, includeDeclaration: boolean, repos?: RepositoryLookup): FileSpan[] {
  const setup = setupReferences(files, current, offset, includeDeclaration, repos);
  if (setup) return setup;
  const hit = hostnameAt(current, offset);
  if (!hit) return [];
  return allOccurrences(workspaceWith(files, current), hit.name)
    .filter((o) => includeDeclaration || o.role !== 'definition')
    .map(location);
}

/** Hostnames Zerops accepts: lowercase letters and digits, at most 40 (zerops-facts.md §2). */
const HOSTNAME = /^[a-z0-9]{1,40}$/;

export type RenameResult<T> = { ok: T } | { error: string };

/** What prepareRename answers: the name's span in the current file, or why it cannot be renamed; undefined off a name. */
export function prepareRename(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos?: RepositoryLookup): RenameResult<{ span: Span; placeholder: string }> | undefined {
  const setup = prepareSetupRename(files, current, offset, repos);
  if (setup) return setup;
  const hit = hostnameAt(current, offset);
  if (!hit) return undefined;
  const all = allOccurrences(workspaceWith(files, current), hit.name);
  if (!all.some((o) => o.role === 'definition')) {
    return { error: `No import file in the workspace defines a service "${hit.name}", so there is no hostname to rename.` };
  }
  return { ok: { span: hit.span, placeholder: hit.name } };
}

/** The hostname and every `${name_…}` and URL host that names it, in every file: one set of edits. */
export function rename(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, newName: string, repos?: RepositoryLookup): RenameResult<FileEdits> {
  const setup = renameSetup(files, current, offset, newName, repos);
  if (setup) return setup;
  const prepared = prepareRename(files, current, offset);
  if (!prepared) return { error: 'Only a service hostname or a setup name can be renamed here.' };
  if ('error' in prepared) return prepared;
  const old = prepared.ok.placeholder;
  if (!HOSTNAME.test(newName)) {
    return { error: `"${newName}" cannot be a Zerops hostname: use lowercase letters and digits only, at most 40 characters (the docs advise 25).` };
  }
  const workspace = workspaceWith(files, current);
  if (newName !== old) {
    const taken = allOccurrences(workspace, newName).find((o) => o.role === 'definition');
    if (taken) return { error: `"${newName}" is already the hostname of a service in ${taken.file.uri}; two services cannot share one.` };
  }
  const changes: FileEdits['changes'] = {};
  if (newName === old) return { ok: { changes } };
  for (const o of allOccurrences(workspace, old)) {
    (changes[o.file.uri] ??= []).push({ span: o.span, newText: newName });
  }
  return { ok: { changes } };
}

/** The outline, as the file's kind draws it: services in an import file, setups in a zerops.yml. */
export function documentSymbols(file: WorkspaceFile): OutlineSymbol[] {
  return featuresOf(file.model.kind).symbols?.(file.model) ?? [];
}
