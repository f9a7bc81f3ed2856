import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspServer, sleep, type Published, type ServerSpec } from './lsp-client';
import { EDIT_VALUES, logLevelValue, projectLogLevelValue, type ValueEdit } from './positions';
import { summarize, type Summary } from './stats';

// Both servers over stdio, as an editor sees them: didOpen → publishDiagnostics, keystroke →
// publishDiagnostics, spawn → initialize result, and memory with the file open.

const ROOT = resolve(__dirname, '../..');
/** Zerops' published schemas (kept outside the repository): $ZEROPS_SCHEMAS, else ../shared/schemas. */
const SCHEMAS_DIR = resolve(process.env.ZEROPS_SCHEMAS ?? resolve(ROOT, '../shared/schemas'));
export const SCHEMA = resolve(SCHEMAS_DIR, 'import-schema.json');
export const SHARED_SCHEMAS = { zeropsYml: pathToFileURL(resolve(SCHEMAS_DIR, 'zerops-yml-schema.json')).href };
const SCHEMA_URI = pathToFileURL(SCHEMA).href;

export const OURS: ServerSpec = {
  name: 'zerops-lsp',
  command: process.execPath,
  args: [resolve(ROOT, 'dist/server.js'), '--stdio'],
  settings: { zerops: { enable: true, rules: {} } },
};

/** yaml-language-server with the settings the VS Code YAML extension would send, `schema` mapped to `files`. */
export function yamlLs(schemaUri: string, files: string[]): ServerSpec {
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [resolve(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    settings: {
      yaml: {
        schemas: { [schemaUri]: files },
        validate: true, hover: true, completion: true, format: { enable: false },
        // No network here, and no other schema should compete with the one mapped.
        schemaStore: { enable: false }, kubernetesCRDStore: { enable: false },
        maxItemsComputed: 5000, yamlVersion: '1.2',
      },
      http: { proxy: '', proxyStrictSSL: false },
      '[yaml]': { 'editor.tabSize': 2, 'editor.insertSpaces': true },
      editor: { detectIndentation: true, tabSize: 4 },
    },
  };
}

/** yaml-language-server with the import schema mapped to import.yaml. */
export const YAML_LS: ServerSpec = yamlLs(SCHEMA_URI, ['import.yaml']);

/** An unknown key and a value outside an enum: a server that applies the schema must report both. */
export const PROOF_TEXT = [
  'project:', '  name: proof', '  corePackage: HUGE', 'services:', '  - hostname: app', '    type: ubuntu/nodejs@22', '    bogusKey: 1', '',
].join('\n');

/** What is benchmarked: the name documents open under, a proof that a schema applies, and the edit. */
export interface BenchFile {
  fileName: string;
  /** A text with mistakes on `proofLines` (1-based) that a server applying the schema reports. */
  proofText: string;
  proofLines: number[];
  /** Where the one-line edit goes in a generated file of `size`. */
  edit: (text: string, size: number) => ValueEdit;
}

export const IMPORT_FILE: BenchFile = { fileName: 'import.yaml', proofText: PROOF_TEXT, proofLines: [3, 7], edit: logLevelValue };
/** The same file with the keystroke in the `project:` section (LOG_LEVEL among the project's env variables). */
export const IMPORT_PROJECT_EDIT: BenchFile = { ...IMPORT_FILE, edit: projectLogLevelValue };

export interface Proof {
  server: string;
  diagnostics: { line: number; source?: string; message: string }[];
  /** Every proof line was reported. */
  applied: boolean;
}

export interface LspSizeResult {
  server: string;
  services: number;
  open: Summary;
  edit: Summary;
  /** Diagnostics in the first publish after didOpen. */
  diagnosticsOnOpen: number;
  /** publishDiagnostics per didOpen / per edit for the document, counted until the next action. */
  publishesPerOpen: number[];
  publishesPerEdit: number[];
  /** VmRSS with the file open after the edits, KB. */
  rssKb?: number;
}

let docSeq = 0;
const docUri = (what: string, file: BenchFile) => `file:///bench/${what}/${++docSeq}/${file.fileName}`;

/** Started, initialized and configured, with the settings pulled back if the server asks for them. */
export async function start(spec: ServerSpec): Promise<LspServer> {
  const server = new LspServer(spec);
  await server.initialize(null);
  await server.configure();
  // yaml-ls applies settings only after pulling them through workspace/configuration: wait for that.
  for (let i = 0; i < 50 && spec.name === YAML_LS.name && !server.configurationAsked.includes('yaml'); i++) await sleep(20);
  await sleep(50);
  return server;
}

export async function open(server: LspServer, uri: string, text: string): Promise<{ first: Published; ms: number }> {
  const since = server.mark();
  const t = performance.now();
  await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const first = await server.waitPublish(uri, since, () => true, 180_000);
  return { first, ms: first.at - t };
}

async function proveSchema(server: LspServer, file: BenchFile): Promise<Proof> {
  const uri = docUri('proof', file);
  const { first } = await open(server, uri, file.proofText);
  await server.notify('textDocument/didClose', { textDocument: { uri } });
  const diagnostics = first.diagnostics.map((d) => ({ line: d.range.start.line + 1, source: d.source, message: d.message }));
  const lines = new Set(diagnostics.map((d) => d.line));
  return { server: server.spec.name, diagnostics, applied: file.proofLines.every((l) => lines.has(l)) };
}

/** How long after the action settles: past both servers' debounce, so a late second publish is counted. */
const SETTLE_MS = 400;

export async function benchLsp(spec: ServerSpec, services: number, text: string, samples: { opens: number; edits: number }, file: BenchFile = IMPORT_FILE): Promise<{ result: LspSizeResult; proof: Proof }> {
  const server = await start(spec);
  try {
    const proof = await proveSchema(server, file);
    const opens: number[] = [];
    const publishesPerOpen: number[] = [];
    let uri = '';
    let diagnosticsOnOpen = 0;
    for (let i = 0; i < samples.opens; i++) {
      // Close the previous copy first; the last one stays open for the edits.
      if (uri) await server.notify('textDocument/didClose', { textDocument: { uri } });
      uri = docUri(String(services), file);
      const since = server.mark();
      const { first, ms } = await open(server, uri, text);
      opens.push(ms);
      diagnosticsOnOpen = first.diagnostics.length;
      await sleep(SETTLE_MS);
      publishesPerOpen.push(server.publishedFor(uri, since).length);
    }

    const value = file.edit(text, services);
    let current = 'info';
    const edits: number[] = [];
    const publishesPerEdit: number[] = [];
    for (let i = 0; i < samples.edits; i++) {
      const next = EDIT_VALUES[i % EDIT_VALUES.length];
      const version = i + 2;
      const since = server.mark();
      const t = performance.now();
      await server.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: value.line, character: value.start }, end: { line: value.line, character: value.start + current.length } }, text: next }],
      });
      current = next;
      // Ours says which version it checked; yaml-ls sends no version, so its first publish after the change counts.
      const first = await server.waitPublish(uri, since, (p) => p.version === undefined || p.version === version, 180_000);
      edits.push(first.at - t);
      await sleep(SETTLE_MS);
      publishesPerEdit.push(server.publishedFor(uri, since).length);
    }
    return {
      proof,
      result: {
        server: spec.name, services, open: summarize(opens), edit: summarize(edits), diagnosticsOnOpen,
        publishesPerOpen, publishesPerEdit, rssKb: server.rssKb(),
      },
    };
  } finally {
    await server.stop();
  }
}

/** spawn → initialize result, `runs` times, each server stopped before the next starts. */
export async function coldStart(spec: ServerSpec, runs: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const server = new LspServer(spec);
    try {
      await server.initialize(null);
      times.push(performance.now() - t);
    } finally {
      await server.stop();
    }
  }
  return summarize(times);
}
