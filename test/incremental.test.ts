import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { isCollection, isNode, isPair } from 'yaml';
import { parseZerops } from '../server/src/model/parse';
import { splitImport } from '../server/src/model/pieces';
import type { ZeropsModel } from '../server/src/model/types';
import { IncrementalChecker } from '../server/src/service/check/incremental';
import { runRules } from '../server/src/service/check/validate';
import { FUZZ_SCALE, FUZZ_SEED, corpusFiles, mutate, mutation, type Mutation } from './fuzz';
import { yaml } from './helpers';

// The incremental checker must give exactly what a whole parse and check of the same text gives, after
// any sequence of edits: the findings, and the model that hover, completion and navigation read.

/** Every node's kind and range, in document order. */
function nodes(node: unknown, out: string[] = []): string[] {
  if (isPair(node)) {
    nodes(node.key, out);
    nodes(node.value, out);
  } else if (isNode(node)) {
    out.push(`${node.constructor.name}${JSON.stringify(node.range)}`);
    if (isCollection(node)) for (const item of node.items) nodes(item, out);
  }
  return out;
}

/** What the rest of the service reads of a model, as plain data. */
function view(m: ZeropsModel): unknown {
  const doc = m.documents[0];
  return {
    kind: m.kind,
    errors: m.errors,
    lineBreak: m.lineBreak,
    documents: m.documents.length,
    docRange: doc?.range,
    nodes: nodes(doc?.contents),
    services: m.services.map((s) => ({
      index: s.index, span: s.span, hostname: s.hostname && { ...s.hostname, node: undefined }, type: s.type && { ...s.type, value: { ...s.type.value, node: undefined } },
      mode: s.mode && { keySpan: s.mode.keySpan, value: s.mode.value && { ...s.mode.value, node: undefined } }, profile: s.profile && { ...s.profile, node: undefined },
      envMaps: s.envMaps.length,
    })),
    byHostname: [...m.byHostname].map(([h, list]) => [h, list.map((s) => s.index)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    setups: m.setups.map((s) => ({
      index: s.index, span: s.span, name: s.name && { ...s.name, node: undefined }, extends: s.extends?.map((e) => ({ ...e, node: undefined })),
      extendsPair: s.extendsPair && nodes(s.extendsPair), envMaps: s.envMaps.length,
    })),
    envMaps: m.envMaps.map((map) => ({
      kind: map.kind, keySpan: map.keySpan, service: map.service?.index, setup: map.setup?.index,
      entries: map.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, value: e.value, source: e.source, sourceStart: e.sourceStart, valueSpan: e.valueSpan })),
    })),
    references: m.references.map(({ entry, ...r }) => ({ ...r, entry: entry.key })),
    urls: m.urls.map(({ entry, ...u }) => ({ ...u, entry: entry.key })),
  };
}

/** The findings and model for `text` from scratch, as plain data. */
function whole(text: string, fileName: string): { findings: string; model: unknown } {
  const model = parseZerops(text, { fileName });
  return { findings: JSON.stringify(runRules(model)), model: view(model) };
}

interface Tally {
  pieces: number;
  whole: number;
  /** Checks that re-checked fewer pieces than there are. */
  partial: number;
}

function step(checker: IncrementalChecker, text: string, fileName: string, tally: Tally, what: string): void {
  const got = checker.check(text);
  const stats = checker.lastStats;
  tally[stats.path]++;
  if (stats.path === 'pieces' && stats.checked < stats.pieces) tally.partial++;
  const want = whole(text, fileName);
  assert.equal(JSON.stringify(got.findings), want.findings, `findings differ after ${what}`);
  assert.deepEqual(view(got.model), want.model, `model differs after ${what}`);
}

// ---- edits that keep a file valid, as typing in one service does --------------------------------------

type Edit = Mutation
  | { op: 'retype-value'; at: number; text: string }
  | { op: 'copy-service'; at: number; to: number }
  | { op: 'drop-service'; at: number }
  | { op: 'rename-host'; at: number; text: string }
  | { op: 'toggle-directive' }
  | { op: 'rename-setup'; at: number; text: string }
  | { op: 'set-extends'; at: number; text: string | null }
  | { op: 'project-value'; at: number; text: string };

const VALUES = ['valkey@7.2', 'valkey@8', 'valkey:ha@7.2', 'HA', 'NON_HA', 'redis://cache:7000', 'rediss://${cache_hostname}:6380', '${cache_password}',
  '${cache_user}', '${db_connectionString}', '6379', '7000', 'cache', 'db', 'api', 'nodejs@22', 'postgresql@16', 'x', '"quoted"',
  // secret-literal: a random-looking literal, a password in a URL, and the `<` and `\\` that decide its fix.
  'Xk9pQ2mZ7vR4tY8wL3nB6cF1', 'redis://default:s3cretPassw0rd@cache:6379', '"a\\\\b"', '<x>',
  // Preprocessor escapes: YAML reads them undone when the directive is on, and as escapes when it is off.
  '"\\<b\\>"', 'a\\|b', '"\\\\\\\\n"'];
const HOSTS = ['cache', 'db', 'api', 'redis', 'kv', 'app', 'Cache_1'];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 2, arbitrary: mutation },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('retype-value' as const), at: fc.nat(), text: fc.constantFrom(...VALUES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('copy-service' as const), at: fc.nat(), to: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('drop-service' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('rename-host' as const), at: fc.nat(), text: fc.constantFrom(...HOSTS) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'toggle-directive' as const }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('project-value' as const), at: fc.nat(), text: fc.constantFrom(...VALUES) }) },
);

/** The pieces of a file that splits, as [start, end) pairs; the whole text when it does not. */
function entries(text: string): [number, number][] {
  const starts = (splitImport(text) ?? splitImport(text, 'zerops'))?.starts ?? [0];
  return starts.slice(1).map((s, i) => [s, starts[i + 2] ?? text.length]);
}

/** The value of one `key: value` (picked by `at` among them) replaced by `to`. */
function renameValue(text: string, key: string, at: number, to: string): string {
  const m = [...text.matchAll(new RegExp(`${key}: (\\S+)`, 'g'))];
  if (!m.length) return text;
  const hit = m[at % m.length];
  const from = hit.index! + key.length + 2;
  return text.slice(0, from) + to + text.slice(from + hit[1].length);
}

function apply(text: string, e: Edit): string {
  switch (e.op) {
    case 'retype-value': {
      // Replace the value of one `key: value` line.
      const lines = text.split('\n');
      const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*-?\s*[\w.-]+: \S/.test(l));
      if (!candidates.length) return text;
      const [line, i] = candidates[e.at % candidates.length];
      lines[i] = line.replace(/^(\s*-?\s*[\w.-]+: ).*$/, `$1${e.text}`);
      return lines.join('\n');
    }
    case 'rename-host':
      return renameValue(text, 'hostname', e.at, e.text);
    case 'copy-service': {
      const list = entries(text);
      if (!list.length) return text;
      // Pieces run from one `-` to the next: copy whole lines.
      const [s, end] = list[e.at % list.length].map((o) => text.lastIndexOf('\n', o - 1) + 1);
      const piece = text.slice(s, end).endsWith('\n') ? text.slice(s, end) : `${text.slice(s, end)}\n`;
      const to = text.lastIndexOf('\n', list[e.to % list.length][0] - 1) + 1;
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'drop-service': {
      const list = entries(text);
      if (list.length < 2) return text;
      const [s, end] = list[e.at % list.length];
      return text.slice(0, s) + text.slice(end);
    }
    case 'rename-setup':
      return renameValue(text, 'setup', e.at, e.text);
    case 'set-extends': {
      // Point a setup's `extends` elsewhere, give it one, or take it away.
      const m = [...text.matchAll(/^  - setup: \S+\n(    extends: \S+\n)?/gm)];
      if (!m.length) return text;
      const hit = m[e.at % m.length];
      const head = hit[0].slice(0, hit[0].length - (hit[1]?.length ?? 0));
      const at = hit.index! + head.length;
      return text.slice(0, at) + (e.text === null ? '' : `    extends: ${e.text}\n`) + text.slice(at + (hit[1]?.length ?? 0));
    }
    case 'project-value': {
      // Retype a value of the project's env variables (the lines between `envVariables:` and `services:`).
      const end = text.search(/^services:/m);
      const lines = text.split('\n');
      let offset = 0;
      const candidates: number[] = [];
      for (const [i, l] of lines.entries()) {
        if (end >= 0 && offset >= end) break;
        if (/^    [\w.-]+: \S/.test(l)) candidates.push(i);
        offset += l.length + 1;
      }
      if (!candidates.length) return text;
      const i = candidates[e.at % candidates.length];
      lines[i] = lines[i].replace(/^(    [\w.-]+: ).*$/, `$1${e.text}`);
      return lines.join('\n');
    }
    case 'toggle-directive':
      return text.startsWith('#yamlPreprocessor=on\n') ? text.slice('#yamlPreprocessor=on\n'.length) : `#yamlPreprocessor=on\n${text}`;
    default:
      return mutate(text, e);
  }
}

/** A file of `n` services that reference each other (the benchmark has a richer one). */
function generate(n: number): string {
  const out = ['project:', '  name: gen', '  envVariables:', '    FIRST: ${cache0_connectionString}', 'services:'];
  for (let i = 0; i < n; i++) {
    if (i % 3 === 0) out.push(`  - hostname: cache${i}`, `    type: valkey@7.2`, `    mode: ${i % 2 ? 'HA' : 'NON_HA'}`);
    else if (i % 3 === 1) out.push(`  - hostname: db${i}`, '    type: postgresql@16', '    mode: NON_HA');
    else {
      out.push(`  - hostname: api${i}`, '    type: nodejs@22', '    minContainers: 2', '    envSecrets:',
        `      REDIS: redis://default:\${cache${i - 2}_password}@cache${i - 2}:6379`, `      DB: \${db${i - 1}_connectionString}`);
    }
  }
  return `${out.join('\n')}\n`;
}

const IMPORTS = corpusFiles().filter((f) => parseZerops(f.text, { fileName: 'import.yaml' }).services.length > 0);

test('incremental checks equal whole checks over random edit sequences of the corpus import files', (t) => {
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  fc.assert(fc.property(fc.nat(IMPORTS.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (which, edits) => {
    const checker = new IncrementalChecker({ fileName: 'import.yaml' });
    let text = IMPORTS[which].text;
    step(checker, text, 'import.yaml', tally, `opening ${IMPORTS[which].name}`);
    for (const [i, e] of edits.entries()) {
      text = apply(text, e);
      step(checker, text, 'import.yaml', tally, `edit ${i} (${JSON.stringify(e)}) of ${IMPORTS[which].name}:\n${text}`);
    }
  }), { numRuns: 150 * FUZZ_SCALE, seed: FUZZ_SEED, includeErrorInReport: true });
  // The property says nothing unless most checks really went piece by piece, and many re-checked only part.
  t.diagnostic(`checks: ${tally.pieces} piece by piece (${tally.partial} of them partial), ${tally.whole} whole`);
  assert.ok(tally.pieces > tally.whole, `pieces ${tally.pieces}, whole ${tally.whole}`);
  assert.ok(tally.partial > tally.pieces / 3, `partial ${tally.partial} of ${tally.pieces}`);
});

test('incremental checks equal whole checks on a large generated file under typing-like edits', () => {
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  const base = generate(60);
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
    const checker = new IncrementalChecker({ fileName: 'import.yaml' });
    let text = base;
    step(checker, text, 'import.yaml', tally, 'opening');
    for (const [i, e] of edits.entries()) {
      text = apply(text, e);
      step(checker, text, 'import.yaml', tally, `edit ${i} (${JSON.stringify(e)})`);
    }
  }), { numRuns: 40 * FUZZ_SCALE, seed: FUZZ_SEED, includeErrorInReport: true });
  assert.ok(tally.partial > 0);
});

test('a one-line edit in one service parses and checks that service alone', () => {
  const text = generate(400);
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  checker.check(text);
  assert.equal(checker.lastStats.path, 'pieces');
  const at = text.indexOf('minContainers: 2', text.length / 2);
  assert.ok(at > 0);
  const edited = `${text.slice(0, at)}minContainers: 3${text.slice(at + 'minContainers: 2'.length)}`;
  checker.check(edited);
  assert.deepEqual({ ...checker.lastStats, ms: 0 }, { path: 'pieces', parsed: 1, checked: 1, pieces: 401, ms: 0 });
});

test('changing a service\'s type re-checks the services that reference it, and only those', () => {
  const text = yaml(
    'services:',
    '  - hostname: cache',
    '    type: valkey@7.2',
    '    mode: NON_HA',
    '  - hostname: api',
    '    type: nodejs@22',
    '    envSecrets:',
    '      R: redis://default:${cache_password}@${cache_hostname}:7000',
    '  - hostname: web',
    '    type: nodejs@22',
  );
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  assert.deepEqual(checker.check(text).findings.map((f) => f.rule), ['valkey-replica-port']);
  const ha = text.replace('mode: NON_HA', 'mode: HA');
  const got = checker.check(ha).findings;
  assert.ok(!got.some((f) => f.rule === 'valkey-replica-port'));
  assert.equal(JSON.stringify(got), whole(ha, 'import.yaml').findings);
  // The cache and the api that names it; not the web service.
  assert.deepEqual({ ...checker.lastStats, ms: 0 }, { path: 'pieces', parsed: 1, checked: 2, pieces: 4, ms: 0 });
});

test('layouts the pieces cannot represent are checked whole, with the same result', () => {
  for (const text of [
    'services:\n  - &a\n    hostname: cache\n    type: valkey@8\n  - *a\n',
    '---\nservices:\n  - hostname: a\n    type: nodejs@22\n',
    'services:\n  - hostname: a\n    type: nodejs@22\nproject:\n  name: x\n',
    'services: [{hostname: a, type: valkey@8}]\n',
    'services:\n  - hostname: "a\n  - b"\n',
  ]) {
    const checker = new IncrementalChecker({ fileName: 'import.yaml' });
    const got = checker.check(text);
    assert.equal(checker.lastStats.path, 'whole', text);
    assert.equal(JSON.stringify(got.findings), whole(text, 'import.yaml').findings);
  }
});

test('a rule that reads the whole file (secret-literal\'s fix) is re-run when that part of the file changes', () => {
  const text = yaml(
    'services:',
    '  - hostname: api',
    '    type: nodejs@22',
    '    envSecrets:',
    '      TOKEN: Xk9pQ2mZ7vR4tY8wL3nB6cF1qW5e',
    '  - hostname: web',
    '    type: nodejs@22',
    '    envVariables:',
    '      GREETING: hello',
  );
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  const fixesOf = (findings: readonly { rule: string; fixes?: unknown[] }[]) => findings.filter((f) => f.rule === 'secret-literal').map((f) => f.fixes?.length);
  assert.deepEqual(fixesOf(checker.check(text).findings), [1]);
  // A `<` in another service: turning the preprocessor on would change how it reads, so no fix any more.
  const other = text.replace('GREETING: hello', 'GREETING: <hello>');
  const got = checker.check(other);
  assert.deepEqual(fixesOf(got.findings), [0]);
  assert.equal(JSON.stringify(got.findings), whole(other, 'import.yaml').findings);
});

test('pieces kept across versions do not keep old versions of the text alive', () => {
  // V8 keeps a sliced string's whole source: a kept service holding slices of the version it was parsed
  // in would keep one whole text per service edited (300 edits of a 1.2 MB file held 380 MB).
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  let text = generate(3000);
  assert.ok(text.length > 150_000);
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  checker.check(text);
  const before = heap();
  let from = 0;
  for (let i = 0; i < 150; i++) {
    const at = text.indexOf('minContainers: 2', from);
    text = `${text.slice(0, at)}minContainers: 3${text.slice(at + 16)}`;
    from = at + 16;
    checker.check(text);
  }
  const grown = heap() - before;
  // Holding the old texts would be 150 × the file size (over 20 MB); the pieces themselves cost nothing more.
  assert.ok(grown < 4 * text.length, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 150 edits of a ${(text.length / 1e3).toFixed(0)} KB file`);
});

/** A zerops.yml of `n` setups, some extending others, with ports, probes and env references. */
function generateZeropsYml(n: number): string {
  const out = ['zerops:'];
  for (let i = 0; i < n; i++) {
    out.push(`  - setup: s${i}`);
    if (i % 4 === 1) out.push(`    extends: s${i - 1}`);
    out.push('    build:', '      base: nodejs@22', '      buildCommands:', '        - npm ci', '      deployFiles: ./',
      '    run:', '      base: nodejs@22', '      start: node index.js', '      ports:', `        - port: ${3000 + (i % 7)}`, '          httpSupport: true',
      '      healthCheck:', '        httpGet:', `          port: ${3000 + (i % 7)}`, '          path: /health', '        failureTimeout: 60s',
      '      envVariables:', `        REDIS: redis://\${cache_hostname}:6379`, `        NAME: s${i}`);
    if (i % 5 === 2) out.push('      crontab:', '        - command: ./cleanup', '          timing: "0 * * * *"  # hourly', '          allContainers: false');
  }
  return `${out.join('\n')}\n`;
}

const ZY_VALUES = ['nodejs@99', 'node@22', '60', '90s', 'TCP', '99999', 's0', 's1', 'zsc noop', 'yes', '${NAME}', '"3000"', 'php-nginx@8.4'];

test('a zerops.yml is parsed setup by setup, and incremental checks equal whole checks under edits of it', (t) => {
  const base = generateZeropsYml(40);
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  const zyEdit: fc.Arbitrary<Edit> = fc.oneof(
    { weight: 1, arbitrary: mutation },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('retype-value' as const), at: fc.nat(), text: fc.constantFrom(...ZY_VALUES) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('copy-service' as const), at: fc.nat(), to: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('drop-service' as const), at: fc.nat() }) },
    // Renames (to a name another setup has: a duplicate) and `extends` pointed elsewhere, added, removed.
    { weight: 2, arbitrary: fc.record({ op: fc.constant('rename-setup' as const), at: fc.nat(), text: fc.constantFrom('s0', 's1', 's2', 's5', 'web', 'a b') }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('set-extends' as const), at: fc.nat(), text: fc.constantFrom('s0', 's1', 's4', 's9', 'nowhere', null) }) },
  );
  fc.assert(fc.property(fc.array(zyEdit, { minLength: 1, maxLength: 8 }), (edits) => {
    const checker = new IncrementalChecker({ fileName: 'zerops.yml' });
    let text = base;
    step(checker, text, 'zerops.yml', tally, 'opening');
    for (const [i, e] of edits.entries()) {
      text = apply(text, e);
      step(checker, text, 'zerops.yml', tally, `edit ${i} (${JSON.stringify(e)})`);
    }
  }), { numRuns: 30 * FUZZ_SCALE, seed: FUZZ_SEED, includeErrorInReport: true });
  t.diagnostic(`checks: ${tally.pieces} parsed setup by setup (${tally.partial} of them checked in part), ${tally.whole} whole`);
  // The property says nothing unless most versions really were parsed setup by setup, and many checked only part.
  assert.ok(tally.pieces > tally.whole, `pieces ${tally.pieces}, whole ${tally.whole}`);
  assert.ok(tally.partial > tally.pieces / 3, `partial ${tally.partial} of ${tally.pieces}`);
});

test('deleting the only setup that extends another makes that one deployable again, with its own findings', () => {
  const parent = ['  - setup: base', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: php-nginx@8.4', '      ports:', '        - port: 3000', '          httpSupport: true'];
  const child = ['  - setup: app', '    extends: base', '    run:', '      base: nodejs@22', '      start: node index.js'];
  const other = ['  - setup: worker', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: nodejs@22', '      start: node worker.js'];
  // The child sits between two setups, so deleting it changes no other setup's text.
  const before = yaml('zerops:', ...parent, ...child, ...other);
  const after = yaml('zerops:', ...parent, ...other);
  const checker = new IncrementalChecker({ fileName: 'zerops.yml' });
  // A template's web server port is the child's business, and the child runs Node.
  assert.ok(!checker.check(before).findings.some((f) => f.rule === 'port-webserver-non80'));
  const got = checker.check(after).findings;
  assert.equal(checker.lastStats.path, 'pieces');
  assert.ok(got.some((f) => f.rule === 'port-webserver-non80'), JSON.stringify(got));
  assert.equal(JSON.stringify(got), whole(after, 'zerops.yml').findings);
});

test('an entry moved to another column is parsed again, though its text from the dash on is the same', () => {
  // Seen by the property test (seed 1705345968): swapping a line break and a space moved the list from
  // column 2 to column 1, which leaves the entry's keys more indented than its first one.
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  const before = yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      URL: ${cache_connectionString}');
  const after = before.replace('services:\n  -', 'services: \n -');
  assert.equal(after.slice(after.indexOf('-')), before.slice(before.indexOf('-')));
  assert.equal(checker.check(before).findings.filter((f) => f.rule === 'yaml-syntax').length, 0);
  const got = checker.check(after).findings;
  assert.ok(got.some((f) => f.rule === 'yaml-syntax'), JSON.stringify(got.map((f) => f.rule)));
  assert.equal(JSON.stringify(got), whole(after, 'import.yaml').findings);
  // The same in a zerops.yml, whose setups are pieces too.
  const setups = new IncrementalChecker({ fileName: 'zerops.yml' });
  const b = yaml('zerops:', '  - setup: api', '    run:', '      base: nodejs@22', '      start: node a.js');
  setups.check(b);
  const a = b.replace('zerops:\n  -', 'zerops: \n -');
  const moved = setups.check(a).findings;
  assert.ok(moved.some((f) => f.rule === 'yaml-syntax'), JSON.stringify(moved.map((f) => f.rule)));
  assert.equal(JSON.stringify(moved), whole(a, 'zerops.yml').findings);
});

test('a one-line edit in one setup of a zerops.yml parses that setup alone', () => {
  const text = generateZeropsYml(200);
  const checker = new IncrementalChecker({ fileName: 'zerops.yml' });
  checker.check(text);
  const at = text.indexOf('NAME: s100') + 'NAME: '.length;
  const edited = `${text.slice(0, at)}renamed${text.slice(at + 'NAME: s100'.length - 'NAME: '.length)}`;
  const { model } = checker.check(edited);
  assert.equal(checker.lastStats.path, 'pieces');
  assert.equal(checker.lastStats.parsed, 1);
  assert.equal(model.setups.length, 200);
  assert.equal(model.setups[100].envMaps[0].entries.find((e) => e.key === 'NAME')?.value, 'renamed');
  // An anchor or alias anywhere sends it back to the whole parse, with the same result.
  const aliased = edited.replace('    build:\n', '    build: &b\n');
  checker.check(aliased);
  assert.equal(checker.lastStats.path, 'whole');
});

test('an edit of the project\'s env variables re-checks the services that read them', () => {
  const before = ['project:', '  name: p', '  envVariables:', '    REDIS_URL: redis://cache:7000', 'services:', '  - hostname: cache', '    type: valkey@8',
    '    mode: NON_HA', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      TLS_URL: redis://cache:6379', ''].join('\n');
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  step(checker, before, 'import.yaml', tally, 'opening');
  const noAuth = (text: string) => checker.check(text).findings.filter((f) => f.rule === 'valkey-no-auth').length;
  assert.ok(noAuth(before) > 0, 'the api service has no password for cache');
  // A password in the project's env answers it for every service.
  const after = before.replace('REDIS_URL: redis://cache:7000', 'REDIS_URL: ${cache_password}');
  step(checker, after, 'import.yaml', tally, 'adding the password to the project');
  assert.equal(noAuth(after), 0);
  assert.equal(tally.whole, 0);
});

test('an edit inside one setup re-checks that setup and the setups linked to it by extends, and only those', () => {
  const text = generateZeropsYml(40);
  const checker = new IncrementalChecker({ fileName: 'zerops.yml' });
  checker.check(text);
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  // s20 stands alone; s21 extends s20.
  const edit = (from: string, to: string) => {
    const next = text.replace(from, to);
    assert.notEqual(next, text);
    step(checker, next, 'zerops.yml', tally, `${from} -> ${to}`);
    return { ...checker.lastStats, ms: 0 };
  };
  assert.deepEqual(edit('NAME: s22', 'NAME: x'), { path: 'pieces', parsed: 1, checked: 1, pieces: 41, ms: 0 });
  // Back, then an edit in the parent: it and its child.
  step(checker, text, 'zerops.yml', tally, 'back');
  assert.deepEqual(edit('NAME: s20', 'NAME: x'), { path: 'pieces', parsed: 1, checked: 2, pieces: 41, ms: 0 });
  // A rename re-checks the setups that named the old name (s21) and those naming the new one.
  step(checker, text, 'zerops.yml', tally, 'back');
  assert.deepEqual(edit('setup: s20\n', 'setup: s30\n'), { path: 'pieces', parsed: 1, checked: 3, pieces: 41, ms: 0 });
});

test('a misspelt key typed in one setup of a zerops.yml is reported by the partial check as by the whole one', () => {
  const text = generateZeropsYml(40);
  const checker = new IncrementalChecker({ fileName: 'zerops.yml' });
  checker.check(text);
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  const at = text.indexOf('envVariables:', text.indexOf('setup: s22'));
  const next = `${text.slice(0, at)}envx${text.slice(at + 'env'.length)}`;
  step(checker, next, 'zerops.yml', tally, 'envVariables -> envxVariables');
  assert.equal(tally.partial, 1);
  assert.ok(checker.check(next).findings.some((f) => f.rule === 'schema-unknown-key' && f.message.includes('envxVariables')));
});

test('an edit of a plain project variable re-checks the project section alone', () => {
  const text = generate(60);
  const checker = new IncrementalChecker({ fileName: 'import.yaml' });
  checker.check(text);
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  const plain = text.replace('    FIRST:', '    LOG_LEVEL: info\n    FIRST:');
  step(checker, plain, 'import.yaml', tally, 'adding a plain variable');
  step(checker, plain.replace('LOG_LEVEL: info', 'LOG_LEVEL: debug'), 'import.yaml', tally, 'retyping it');
  assert.deepEqual({ ...checker.lastStats, ms: 0 }, { path: 'pieces', parsed: 1, checked: 1, pieces: 61, ms: 0 });
});

test('entries that are not maps do not count in the numbering of services and setups', () => {
  const tally: Tally = { pieces: 0, whole: 0, partial: 0 };
  const imp = new IncrementalChecker({ fileName: 'import.yaml' });
  const services = 'services:\n  - hostname: web\n    type: nodejs@22\n  - hostname: api\n    type: nodejs@22\n';
  step(imp, services, 'import.yaml', tally, 'opening');
  step(imp, services.replace('  - hostname: web\n    type: nodejs@22', '  - hostnam:e web'), 'import.yaml', tally, 'breaking the first entry');
  const zy = new IncrementalChecker({ fileName: 'zerops.yml' });
  const setups = 'zerops:\n  - setup: a\n    run:\n      start: x\n  - setup: b\n    run:\n      start: y\n';
  step(zy, setups, 'zerops.yml', tally, 'opening');
  step(zy, setups.replace('  - setup: a\n    run:\n      start: x', '  - setu:p a'), 'zerops.yml', tally, 'breaking the first setup');
  assert.equal(tally.whole, 0);
});
