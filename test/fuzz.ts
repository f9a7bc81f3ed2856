import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { stringify } from 'yaml';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { Workspace } from '../server/src/cli/workspace';
import { parseZerops } from '../server/src/model/parse';
import type { ZeropsModel } from '../server/src/model/types';
import { applyOffsetEdits } from '../server/src/rules/edits';
import type { RuleFinding } from '../server/src/rules/rule';
import { complete } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { toJsonDiagnostic } from '../server/src/cli/json';
import { toCompletionList, toHover } from '../server/src/service/lsp/features';
import { codeActions, fixAllAction, preferredEdits, toDiagnostic } from '../server/src/service/lsp/diagnostics';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { applySettings, runRules } from '../server/src/service/check/validate';
import { definition, documentSymbols, prepareRename, references, rename } from '../server/src/service/features/navigation';
import type { WorkspaceFile } from '../server/src/service/workspace';
import { SAMPLES, yamlFiles } from './helpers';

const EXAMPLES = resolve(__dirname, '../../examples');

// The fuzz harness: one table of every language-service call, run on any text at any position. The
// property tests (robustness.test.ts) feed it generated and mutated files; the hostile-input tests feed it
// the nasty ones. A new service function is one more line in SERVICE_CALLS.

const ROOT = resolve(__dirname, '../..');
export const REGRESSIONS = join(ROOT, 'test/fixtures/regressions');

/** FUZZ_RUNS multiplies the number of generated cases (default 1); the default run stays well under 20 s. */
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1) || 1);

/**
 * The seed of every property test. `npm test` (and CI) use a fixed one, so a run checks the same cases
 * every time and a red run means a change broke something; exploring (FUZZ_RUNS above 1, or
 * FUZZ_SEED=random) draws a new seed each run, and FUZZ_SEED=<n> replays one. A failure prints its seed.
 */
export const FUZZ_SEED: number | undefined = process.env.FUZZ_SEED === 'random' || (!process.env.FUZZ_SEED && FUZZ_SCALE > 1)
  ? undefined
  : Number(process.env.FUZZ_SEED ?? 20261127);

/** No single call may take longer than this (generous: six engineers share two cores). */

/** What every call gets: the text analysed once, as the server does, and a position anywhere or nowhere. */
export interface CallInput {
  text: string;
  fileName: string;
  doc: TextDocument;
  model: ZeropsModel;
  findings: RuleFinding[];
  diagnostics: Diagnostic[];
  /** May lie past the end, before the start, or inside a surrogate pair. */
  position: Position;
  /** A client-made diagnostic list: real ones, ones with moved ranges, ones from nobody. */
  clientDiagnostics: Diagnostic[];
}

export interface ServiceCall {
  name: string;
  /** Reads `position` / `clientDiagnostics`: run at every probed position, not once per text. */
  positional?: boolean;
  run(input: CallInput): unknown;
}

/** The text as the only file of its workspace, for the navigation calls. */
const asFile = (c: CallInput): WorkspaceFile => ({ uri: c.fileName, model: c.model });

/** Every language-service function the server exposes, called the way server.ts calls it. */
export const SERVICE_CALLS: ServiceCall[] = [
  { name: 'validate', run: (c) => applySettings(runRules(c.model, { onRuleError: rethrow }), DEFAULT_SETTINGS) },
  { name: 'lint (CLI path)', run: (c) => cliFindings(c) },
  { name: 'codeActions', run: (c) => codeActions(c.doc, c.findings, c.diagnostics) },
  { name: 'codeActions (client diagnostics)', positional: true, run: (c) => codeActions(c.doc, c.findings, c.clientDiagnostics) },
  { name: 'fixAll', run: (c) => fixAllAction(c.doc, c.findings) },
  { name: 'fixAll applied', run: (c) => applyOffsetEdits(c.text, preferredEdits(c.findings)) },
  { name: 'hover', positional: true, run: (c) => toHover(c.doc, hover(c.model, c.doc.offsetAt(c.position))) },
  { name: 'completion', positional: true, run: (c) => toCompletionList(c.doc, complete(c.model, c.doc.offsetAt(c.position))) },
  { name: 'symbols', run: (c) => documentSymbols(asFile(c)) },
  { name: 'definition', positional: true, run: (c) => definition([asFile(c)], asFile(c), c.doc.offsetAt(c.position)) },
  { name: 'references', positional: true, run: (c) => references([asFile(c)], asFile(c), c.doc.offsetAt(c.position), true) },
  { name: 'prepareRename', positional: true, run: (c) => prepareRename([asFile(c)], asFile(c), c.doc.offsetAt(c.position)) },
  { name: 'rename', positional: true, run: (c) => rename([asFile(c)], asFile(c), c.doc.offsetAt(c.position), 'renamed') },
];

/** What `zerops-lint FILE --format json` computes for a file named on the command line. */
function cliFindings(c: CallInput): unknown {
  const ws = new Workspace([{ target: { display: c.fileName, path: c.fileName, origin: 'named' }, text: c.text, settings: DEFAULT_SETTINGS }], rethrowFor);
  return ws.files.map((_, i) => ws.findings(i).map((f) => toJsonDiagnostic(c.doc, f)));
}

function rethrowFor(_file: unknown, rule: { id: string }, err: unknown): never {
  return rethrow(rule, err);
}

function rethrow(rule: { id: string }, err: unknown): never {
  throw new Error(`rule ${rule.id} threw: ${(err as Error)?.stack ?? String(err)}`);
}

export interface Exercise {
  slowest: { name: string; ms: number };
  calls: number;
}

/** Positions worth poking: the given one, the ends, and ones that do not exist. */
function positionsFor(text: string, seed: number): Position[] {
  const lines = text.split('\n').length;
  return [
    { line: seed % (lines + 2), character: (seed >>> 3) % 200 },
    { line: 0, character: 0 },
    { line: lines - 1, character: 1e6 },
    { line: lines + 5, character: 3 },
    { line: -1, character: -1 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  ];
}

function clientDiagnosticsFor(diagnostics: Diagnostic[], position: Position): Diagnostic[] {
  const anywhere: Range = { start: position, end: { line: position.line + 1, character: 0 } };
  return [
    ...diagnostics,
    ...diagnostics.map((d) => ({ ...d, range: anywhere })),
    { range: anywhere, message: 'from nobody', source: 'zerops', code: 'no-such-rule' },
    { range: anywhere, message: 'someone else', source: 'yaml', code: 1 },
  ];
}

function checkSpans(text: string, findings: readonly RuleFinding[]): void {
  for (const f of findings) {
    assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${f.rule}: span ${JSON.stringify(f.span)} outside 0..${text.length}`);
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) {
        assert.ok(e.span.start >= 0 && e.span.start <= e.span.end && e.span.end <= text.length, `${f.rule} fix "${fix.title}": edit ${JSON.stringify(e.span)} outside 0..${text.length}`);
      }
    }
  }
}

/**
 * Runs every service call on `text` at a few positions; throws (with the call's name) if one throws, breaks
 * a span invariant or takes longer than `bound` ms.
 */
export function exercise(text: string, fileName = 'import.yaml', seed = 0): Exercise {
  const slowest = { name: '', ms: 0 };
  let calls = 0;
  const timed = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    let out: T;
    try {
      out = f();
    } catch (err) {
      throw new Error(`${name} threw on ${fileName}: ${(err as Error)?.stack ?? String(err)}`);
    }
    const ms = performance.now() - t0;
    calls++;
    if (ms > slowest.ms) Object.assign(slowest, { name, ms });
    return out;
  };
  const model = timed('parse', () => parseZerops(text, { fileName }));
  const findings = timed('runRules', () => runRules(model, { onRuleError: rethrow }));
  checkSpans(text, findings);
  const doc = TextDocument.create(`file:///w/${fileName}`, 'yaml', 1, text);
  const diagnostics = findings.map((f) => toDiagnostic(doc, f));
  positionsFor(text, seed).forEach((position, i) => {
    const input: CallInput = { text, fileName, doc, model, findings, diagnostics, position, clientDiagnostics: clientDiagnosticsFor(diagnostics, position) };
    for (const call of SERVICE_CALLS) if (call.positional || i === 0) timed(call.name, () => call.run(input));
  });
  return { slowest, calls };
}

// ---- inputs ----

export interface CorpusFile {
  name: string;
  text: string;
}

/** The seeds mutated by the properties: the samples written for the tests, and the examples. */
export function corpusFiles(): CorpusFile[] {
  return [...yamlFiles(SAMPLES), ...yamlFiles(EXAMPLES)];
}

/** Fragments that steer generated text into the rules' paths and into the parser's corners. */
export const TOKENS = [
  'services:', 'project:', '  - hostname: cache', '    type: valkey@7.2', 'valkey@8', 'valkey:ha@7.2', 'valkey:single@7.2', 'keydb@6',
  'mode: HA', 'mode: ha', 'mode: NON_HA', 'profile: hobby', 'profileOverrides:', 'maxmemory-policy: lru', 'envSecrets:', 'envVariables:',
  'dotEnvSecrets: |', 'REDIS_URL: ', 'redis://', 'rediss://', 'default:', '@cache', ':6379', ':6380', ':7000', ':7001', '${cache_',
  '${cache_password}', '${cache_connectionString}', '${cache_user}', '${', '}', '<@generateRandomString(<32>)>', '#yamlPreprocessor=on',
  '&a', '*a', '<<: *a', '!!str', '!!binary', '{', '}', '[', ']', ',', '"', "'", ': |', ': >-', '- ', '? ', '---', '...', '#', '%YAML 1.2',
  '\n', '\n  ', '\n    ', '\r\n', '\t', ' ', '\uFEFF', '\u0000', '\uD83D', '\uDE00', '😀', 'é', '\u2028',
  // zerops.yml
  'zerops:', '  - setup: app', 'extends: app', 'extends: [a, b]', 'build:', 'run:', 'deploy:', 'base: nodejs@22', 'base: nodejs@99', 'base: [php@8.4, nodejs@22]',
  'os: ubuntu', 'deployFiles: ./', 'buildCommands:', 'prepareCommands:', '- sudo apk add x', 'start: node a.js', 'startCommands:', 'ports:', '- port: 3000',
  'port: 99999', 'httpSupport: true', 'protocol: UDP', 'healthCheck:', 'readinessCheck:', 'httpGet:', 'exec:', 'path: /', 'failureTimeout: 60', 'execPeriod: 1m30s',
  'crontab:', 'timing: "* * * * *"', 'routing:', 'redirects:', 'ZEROPS_X: 1', 'HOSTNAME: x', '${ZEROPS_', '${BUILD_x}',
];

/** Random text from the token alphabet: mostly broken YAML that still looks like an import file. */
export const tokenSoup: fc.Arbitrary<string> = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

const scalar = fc.oneof(
  fc.constantFrom('cache', 'api', 'valkey@8', 'valkey@7.2', 'valkey:ha@7.2', 'HA', 'non-ha', 'redis://cache:7000', 'rediss://default:${cache_password}@cache:6380',
    '${cache_port}', '${cache_user}', '${db_password}', '6379', '7000', 'hobby', 'staging', '<@generateRandomString(<32>)>'),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const KEYS = ['hostname', 'type', 'mode', 'profile', 'profileOverrides', 'envSecrets', 'envVariables', 'dotEnvSecrets', 'REDIS_URL', 'A', 'services', 'project', 'name', 'maxmemory-policy',
  'zerops', 'setup', 'extends', 'build', 'run', 'deploy', 'base', 'os', 'ports', 'port', 'healthCheck', 'httpGet', 'failureTimeout', 'crontab', 'start', 'deployFiles'];

const ZY_SCALARS = fc.constantFrom('nodejs@22', 'nodejs@99', 'alpine/deno@2', 'php-nginx@8.4', 'static', './', 'dist/~', '60', '90s', 'app', 'base', 'TCP', 'udp',
  'zsc noop', '${db_hostname}', '${APP}', '* * * * *', '/health', 3000, 99999, 443);

/** Structured zerops.yml: a `zerops:` list of maps built from zerops.yml words, in block or flow style. */
export const structuredZeropsYml: fc.Arbitrary<string> = fc.letrec<{ value: unknown; map: Record<string, unknown>; root: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.oneof(ZY_SCALARS, scalar), tie('map'), fc.array(tie('value'), { maxLength: 4 })),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 6 }),
  root: fc.record({ zerops: fc.array(tie('map'), { maxLength: 4 }) }),
})).root.chain((v) => fc.record({ flow: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }) }).map(({ flow, indent }) => {
  return stringify(v, { indent, collectionStyle: flow ? 'flow' : 'any' });
}));

/** Structured YAML: values built from Zerops words, serialised in block or flow style. */
export const structuredYaml: fc.Arbitrary<string> = fc.letrec<{ value: unknown; map: Record<string, unknown>; services: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), fc.array(tie('value'), { maxLength: 4 })),
  map: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 6 }),
  services: fc.record({ services: fc.array(tie('map'), { maxLength: 4 }) }),
})).services.chain((v) => fc.record({ flow: fc.boolean(), indent: fc.integer({ min: 1, max: 4 }) }).map(({ flow, indent }) => {
  return stringify(v, { indent, collectionStyle: flow ? 'flow' : 'any' });
}));

/** One edit of a real file, as half-typed text and careless edits produce. Indices wrap at the text length. */
export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'swap'; at: number }
  | { op: 'insert'; at: number; text: string };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 8 })) }),
);

export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const n = lines.length;
  switch (m.op) {
    case 'delete-line': lines.splice(m.at % n, 1); return lines.join('\n');
    case 'duplicate-line': lines.splice(m.at % n, 0, lines[m.at % n]); return lines.join('\n');
    case 'truncate': return text.slice(0, m.at % (text.length + 1));
    case 'swap': {
      if (text.length < 2) return text;
      const i = m.at % (text.length - 1);
      return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
    }
    case 'insert': {
      const i = m.at % (text.length + 1);
      return text.slice(0, i) + m.text + text.slice(i);
    }
  }
}

// ---- regressions ----

export interface Regression {
  /** Which property found it. */
  property: string;
  seed?: number;
  path?: string;
  fileName: string;
  text: string;
  note: string;
}

export function regressions(): Regression[] {
  let names: string[];
  try {
    names = readdirSync(REGRESSIONS).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.map((f) => JSON.parse(readFileSync(join(REGRESSIONS, f), 'utf8')) as Regression);
}

/**
 * Runs a property; on failure keeps the shrunk counterexample as a regression fixture (replayed on every
 * later run) and fails with the seed and path that reproduce it (FUZZ_SEED / FUZZ_PATH).
 */
export function checkProperty<T>(
  property: string, arb: fc.Arbitrary<T>, toCase: (v: T) => { fileName: string; text: string }, numRuns: number,
  options: { run?: (text: string, fileName: string, posSeed: number) => Exercise; dir?: string } = {},
): { runs: number; slowest: Exercise['slowest'] } {
  const slowest = { name: '', ms: 0 };
  const seed = FUZZ_SEED;
  const run = options.run ?? exercise;
  const details = fc.check(fc.property(arb, fc.nat(), (v, posSeed) => {
    const c = toCase(v);
    const r = run(c.text, c.fileName, posSeed);
    if (r.slowest.ms > slowest.ms) Object.assign(slowest, r.slowest);
  }), { numRuns, seed, path: process.env.FUZZ_PATH, endOnFailure: false });
  if (details.failed) {
    const [v] = details.counterexample ?? [];
    const c = v === undefined ? { fileName: 'import.yaml', text: '' } : toCase(v);
    const dir = options.dir ?? REGRESSIONS;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${property}-${details.seed}.json`);
    const regression: Regression = { property, seed: details.seed, path: details.counterexamplePath ?? undefined, ...c, note: String((details.errorInstance as Error)?.message ?? '').slice(0, 500) };
    writeFileSync(file, `${JSON.stringify(regression, null, 2)}\n`);
    assert.fail(`${property} failed (seed ${details.seed}, path ${details.counterexamplePath}); kept as ${file}\n${(details.errorInstance as Error)?.stack ?? ''}`);
  }
  return { runs: details.numRuns, slowest };
}
