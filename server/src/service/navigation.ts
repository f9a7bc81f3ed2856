import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  SymbolKind, type DocumentSymbol, type Location, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { EnvMap, Span, ZeropsModel } from '../model/types';
import { toRange } from './lsp';
import {
  extendsNames, prepareSetupRename, renameSetup, setupDefinition, setupReferences, setupSections, type RepositoryLookup,
} from './setup-navigation';
import type { WorkspaceFile } from './workspace';

// Outline, go to definition, find references and rename of hostnames, across the import files and
// zerops.yml files of the workspace. Pure: the server hands in the indexed files (the current document
// among them, at its current version) and sends back what these return.

/** Where a hostname is written: its definition, a `${host_var}` reference, or the host of a URL. */
export interface HostnameOccurrence {
  file: WorkspaceFile;
  name: string;
  /** Exactly the hostname's characters, what a rename replaces. */
  span: Span;
  role: 'definition' | 'reference' | 'url';
}

const documents = new WeakMap<ZeropsModel, TextDocument>();

function documentOf(file: WorkspaceFile): TextDocument {
  let doc = documents.get(file.model);
  if (!doc) {
    doc = TextDocument.create(file.uri, 'yaml', 0, file.model.text);
    documents.set(file.model, doc);
  }
  return doc;
}

function location(o: HostnameOccurrence): Location {
  return spanLocation(o.file, o.span);
}

export function spanLocation(file: WorkspaceFile, span: Span): Location {
  return { uri: file.uri, range: toRange(documentOf(file), span) };
}

/** Every hostname written in one file. A hostname that is not verbatim (escaped) cannot be pointed at. */
export function occurrencesIn(file: WorkspaceFile): HostnameOccurrence[] {
  const out: HostnameOccurrence[] = [];
  for (const s of file.model.services) {
    const h = s.hostname;
    if (h && typeof h.value === 'string' && h.verbatim && h.value) out.push({ file, name: h.value, span: h.span, role: 'definition' });
  }
  for (const r of file.model.references) {
    if (r.host) out.push({ file, name: r.host, span: r.hostSpan, role: 'reference' });
  }
  for (const u of file.model.urls) {
    // `${cache_hostname}` as the host is a reference, listed above; only a literal `cache[.zerops]` is a URL host.
    if (!u.hostname || u.host.startsWith('${')) continue;
    out.push({ file, name: u.hostname, span: { start: u.hostSpan.start, end: u.hostSpan.start + u.hostname.length }, role: 'url' });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
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
export function definition(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos?: RepositoryLookup): Location[] {
  const setup = setupDefinition(files, current, offset, spanLocation, repos);
  if (setup) return setup;
  const hit = hostnameAt(current, offset);
  if (!hit) return [];
  const defs = allOccurrences(workspaceWith(files, current), hit.name).filter((o) => o.role === 'definition');
  const own = defs.filter((o) => o.file === current);
  return (own.length ? own : defs.filter((o) => o.file.model.kind === 'import')).map(location);
}

export function references(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, includeDeclaration: boolean, repos?: RepositoryLookup): Location[] {
  const setup = setupReferences(files, current, offset, includeDeclaration, spanLocation, repos);
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

/** What prepareRename answers: the hostname's range, or why it cannot be renamed; undefined off a hostname. */
export function prepareRename(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, repos?: RepositoryLookup): RenameResult<{ range: Range; placeholder: string }> | undefined {
  const setup = prepareSetupRename(files, current, offset, repos);
  if (setup) return 'error' in setup ? setup : { ok: { range: toRange(documentOf(current), setup.ok.span), placeholder: setup.ok.placeholder } };
  const hit = hostnameAt(current, offset);
  if (!hit) return undefined;
  const all = allOccurrences(workspaceWith(files, current), hit.name);
  if (!all.some((o) => o.role === 'definition')) {
    return { error: `No import file in the workspace defines a service "${hit.name}", so there is no hostname to rename.` };
  }
  return { ok: { range: toRange(documentOf(current), hit.span), placeholder: hit.name } };
}

/** The hostname and every `${name_…}` and URL host that names it, in every file: one WorkspaceEdit. */
export function rename(files: readonly WorkspaceFile[], current: WorkspaceFile, offset: number, newName: string, repos?: RepositoryLookup): RenameResult<WorkspaceEdit> {
  const setup = renameSetup(files, current, offset, newName, spanLocation, repos);
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
  const changes: Record<string, TextEdit[]> = {};
  if (newName === old) return { ok: { changes } };
  for (const o of allOccurrences(workspace, old)) {
    (changes[o.file.uri] ??= []).push({ range: location(o).range, newText: newName });
  }
  return { ok: { changes } };
}

function envSymbols(doc: TextDocument, maps: readonly EnvMap[]): DocumentSymbol[] {
  return maps.flatMap((map) => map.entries.filter((e) => e.key).map((e) => ({
    name: e.key,
    detail: map.kind,
    kind: SymbolKind.Variable,
    range: toRange(doc, { start: e.keySpan.start, end: Math.max(e.keySpan.end, e.valueSpan.end) }),
    selectionRange: toRange(doc, e.keySpan),
  })));
}

/** The outline: services (with their variables) in an import file, setups in a zerops.yml. */
export function documentSymbols(file: WorkspaceFile): DocumentSymbol[] {
  const doc = documentOf(file);
  const { model } = file;
  if (model.kind === 'import') {
    return model.services.map((s) => {
      const name = typeof s.hostname?.value === 'string' && s.hostname.value ? s.hostname.value : `service ${s.index + 1}`;
      return {
        name,
        detail: s.type?.raw,
        kind: SymbolKind.Module,
        range: toRange(doc, s.span),
        selectionRange: toRange(doc, s.hostname?.nodeSpan ?? s.span),
        children: envSymbols(doc, s.envMaps),
      };
    });
  }
  if (model.kind === 'zerops-yml') {
    return model.setups.map((s) => {
      const parents = extendsNames(s);
      const sections = setupSections(model.text, s);
      const base = sections.find((x) => x.name === 'run')?.base ?? sections.find((x) => x.name === 'build')?.base;
      const detail = [base, parents.length ? `extends ${parents.join(', ')}` : undefined].filter(Boolean).join(' · ');
      return {
        name: s.name && s.name.value != null && String(s.name.value) ? String(s.name.value) : `setup ${s.index + 1}`,
        detail: detail || undefined,
        kind: SymbolKind.Namespace,
        range: toRange(doc, s.span),
        selectionRange: toRange(doc, s.name?.nodeSpan ?? s.span),
        // build, deploy and run, each with its own variables.
        children: sections.map((x) => ({
          name: x.name,
          detail: x.base,
          kind: SymbolKind.Object,
          range: toRange(doc, x.span),
          selectionRange: toRange(doc, x.keySpan),
          children: envSymbols(doc, s.envMaps.filter((m) => m.kind === `${x.name}.envVariables`)),
        })),
      };
    });
  }
  return [];
}
