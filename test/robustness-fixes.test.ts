import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import type { Fix, RuleFinding } from '../server/src/rules/rule';
import { RULES } from '../server/src/rules/registry';
import { toLspFix } from '../server/src/service/lsp/diagnostics';
import { FUZZ_SCALE, FUZZ_SEED, corpusFiles, mutate, mutation } from './fuzz';
import type { ValidateOptions } from '../server/src/service/check/validate';
import { applyEdits as applyOffsetEdits, lint } from './helpers';
import { applyEdits as applyLspEdits } from './lsp-client';

// Quick fixes lose nothing. Every fix offered on every corpus file, every example and every rule case
// below is applied alone, and: the LSP edit gives the same text as the offset edit (positions are right,
// CRLF and surrogates included), text outside the edits is byte-identical, a file that parsed still parses,
// the fixed rule fires fewer times, and no comment or quote inside a replaced range is lost.

const ROOT = resolve(__dirname, '../..');

/** A case per rule with a fix, in the odd spellings fixes must survive: quotes, comments, CRLF, flow maps. */
const RULE_CASES: Record<string, string> = {
  'valkey-version quoted, commented': 'services:\n  - hostname: cache # the cache\n    type: "valkey@8" # want 8\n    mode: HA\n',
  'valkey-mode single-quoted': "services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: 'ha' # lower case\n",
  'valkey-mode-missing CRLF': 'services:\r\n  - hostname: cache\r\n    type: valkey@7.2\r\n    # no mode yet\r\n  - hostname: api\r\n    type: nodejs@22\r\n',
  'valkey-mode-conflict flow': 'services:\n  - { hostname: cache, type: "valkey:single@7.2", mode: HA }\n',
  'valkey-mode-redundant first key': 'services:\n  - mode: HA\n    hostname: cache\n    type: valkey:ha@7.2\n',
  'connections with emoji before them': 'services:\n  - hostname: cache\n    type: valkey:single@7.2\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      NOTE: "😀 é"\n      A: "rediss://${cache_hostname}:7001" # tls replica\n      B: redis://${cache_hostname}:${cache_portReplicas}\n      C: ${cache_user}\n',
  'keydb and profile': 'services:\n  - hostname: old\n    type: keydb@6 # legacy\n    mode: NON_HA\n  - hostname: cache\n    type: valkey:ha@7.2\n    profile: prod\n    profileOverrides:\n      maxmemory-policy: "allkeys_lru"\n',
  'secrets': 'services:\n  - hostname: cache\n    type: valkey:single@7.2\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      R: "redis://default:S3cr3t-pass@cache:6379" # keep\n      K: \'q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A\'\n',
  'schema keys, enums, types, hostnames (quoted, commented)': 'project:\n  name: demo\n  corePackage: "Lite" # lower tier\nservices:\n  - hostName: api\n    type: "nodjs@22" # typo\n  - hostname: "Api_1" # capitals\n    type: nodejs@22\n    verticalAutoscaling:\n      cpuMode: "dedicated"\n    mode: HA # ignored on runtimes\n  - hostname: db\n    type: postgresql@13\n    mode: "ha"\n    minContainers: 2 # fixed on managed\n  - hostname: files\n    type: object-storage\n  - hostname: app\n    type: go@1\n    envVariables: # dropped by the platform\n      A: ${cahce_hostname}\n      B: ${db_pasword}\n  - hostname: cahe\n    type: valkey@7.2\n    mode: NON_HA\n    verticalAutoScaling:\n      cpuMode: "dedicated"\n',
  'scheme and port disagree': 'services:\n  - hostname: cache\n    type: valkey:single@7.2\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      URL: "rediss://default:${cache_password}@${cache_hostname}:6379" # tls scheme, plain port\n',
  'replicas only': "services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: HA\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      READS: 'redis://default:${cache_password}@${cache_hostname}:7000' # replicas\n",
  // zerops.yml (a key starting "zerops.yml" is checked as one)
  'zerops.yml schema, bases, ports, probes (quoted, commented)': 'zerops:\n  - setup: app # main\n    build:\n      base: "node@22" # typo\n      buildComands:\n        - npm ci\n      deploy: ./\n    run:\n      base: nodejs@99\n      os: ubunto\n      start: node a.js\n      deployFiles: ./dist # wrong section\n      prepareCommands:\n        - apk add curl # needs sudo\n      ports:\n        - port: "3000" # quoted\n          protocol: TCP\n      healthCheck:\n        httpGet:\n          port: 3000\n          path: /\n          scheme: HTTP\n        failureTimeout: 60 # seconds\n      envVariables:\n        PATH: x\n        SELF: ${SELF}\n      crontab:\n        - timing: "0 * * * *"\n          command: a\n  - setup: prod\n    extends: ap\n    build:\n      base: php-nginx@8.4\n      buildCommands:\n        - composer i\n    run:\n      base: nodejs@18\n      start: a\n      cron: []\n',
  'zerops.yml CRLF deployFiles and allContainers': 'zerops:\r\n  - setup: app\r\n    build:\r\n      base: nodejs@22\r\n      buildCommands:\r\n        - npm ci\r\n    run:\r\n      base: alpine/deno@2\r\n      start: a\r\n      crontab:\r\n        - timing: "* * * * *"\r\n          command: a\r\n',
  'zerops.yml old per-hostname format, commented': 'api: # the api\n  build:\n    base: nodejs@22 # lts\n    deployFiles: ./\n  run:\n    start: node a.js\n',
  'reference-ha-only quoted, commented': 'services:\n  - hostname: db\n    type: postgresql@16\n    mode: NON_HA # one node\n  - hostname: api\n    type: nodejs@22\n    envSecrets:\n      READ_URL: "${db_connectionStringReplicas}" # reads\n',
  'zerops.yml empty setup item and an install inside a script': 'zerops:\n  - setup: app\n    run:\n      base: nodejs@22\n      start: a\n      prepareCommands:\n        - |\n          set -e # strict\n          apk add curl && apk add git\n  - # left over\n',
  'preprocessor and suppression': 'services:\n  - hostname: app\n    type: go@1\n    # zerops-disable-next-line valky-version\n    envSecrets:\n      KEY: <@generateRandomStrng(<32>)>\n      T: "<@getDateTime(2006)>"\n',
};

function texts(): { name: string; text: string; fileName?: string }[] {
  const examples = readdirSync(join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f))
    .map((f) => ({ name: `examples/${f}`, text: readFileSync(join(ROOT, 'examples', f), 'utf8') }));
  const cases = Object.entries(RULE_CASES).map(([name, text]) => ({ name: `case ${name}`, text, fileName: name.startsWith('zerops.yml') ? 'zerops.yml' : undefined }));
  return [...corpusFiles(), ...examples, ...cases, ...CONTEXT_CASES.map(({ name, text }) => ({ name: `case ${name}`, text }))];
}

const COMMENT = /(?:^|[ \t])(#.*)$/gm;
const comments = (s: string) => [...s.matchAll(COMMENT)].map((m) => m[1]);
/** The quote that delimits `s`, if it is a quoted scalar (a quote inside a plain one, `p"roject`, is just a character). */
const quotes = (s: string) => (s.length >= 2 && /^(["'])[^]*\1$/.test(s) ? s[0] : '');

function parses(text: string): boolean {
  return parseAllDocuments(text).every((d) => d.errors.length === 0);
}

/** Checks one fix of one finding on `text`; returns nothing, throws with a precise message. */
function checkFix(name: string, text: string, f: RuleFinding, fix: Fix, before: RuleFinding[], fileName?: string, options?: ValidateOptions): void {
  const what = `${name}: ${f.rule} "${fix.title}"`;
  const after = applyOffsetEdits(text, fix.edits);
  const doc = TextDocument.create('file:///w/import.yaml', 'yaml', 1, text);
  assert.equal(applyLspEdits(text, toLspFix(doc, fix).edits), after, `${what}: the LSP edits give another text than the offsets`);
  const sorted = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
  const first = sorted[0].span.start;
  const last = sorted[sorted.length - 1].span.end;
  const grown = after.length - text.length;
  assert.equal(after.slice(0, first), text.slice(0, first), `${what}: text before the edits changed`);
  assert.equal(after.slice(last + grown), text.slice(last), `${what}: text after the edits changed`);
  for (const e of sorted) {
    const removed = text.slice(e.span.start, e.span.end);
    assert.notEqual(removed, e.newText, `${what}: an edit that changes nothing`);
    for (const c of comments(removed)) {
      // Deleting a whole line (a redundant key with its comment) is the fix's purpose; rewriting one must keep it.
      if (e.newText !== '') assert.ok(e.newText.includes(c), `${what}: comment ${c} lost`);
    }
    // Dropping the quotes is the whole point of one fix (`port: "3000"` → `port: 3000`).
    const unquotes = /without quotes$/.test(fix.title);
    if (e.newText !== '' && removed !== '' && !unquotes) assert.equal(quotes(e.newText), quotes(removed), `${what}: quoting changed from ${removed} to ${e.newText}`);
  }
  // A file that does not parse can hold a key twice (a duplicated line): a fix mends one of them, and the
  // same finding comes back from the other, so "fewer findings" holds only for files that parse.
  if (!parses(text)) return;
  assert.ok(parses(after), `${what}: the file no longer parses:\n${after}`);
  const count = (list: RuleFinding[]) => list.filter((x) => x.rule === f.rule).length;
  assert.ok(count(lint(after, fileName, options)) < count(before), `${what}: ${f.rule} did not go away`);
}

/** Cases whose rule needs what the workspace knows around the file (a repository's remote and setups). */
const CONTEXT_CASES: { name: string; text: string; options: ValidateOptions }[] = [
  {
    name: 'service-setup-missing on the import\'s zeropsSetup, quoted and commented',
    text: 'services:\n  - hostname: api\n    type: nodejs@22\n    buildFromGit: https://github.com/acme/shop\n    zeropsSetup: "prd" # typo\n',
    options: { repository: { remotes: ['https://github.com/acme/shop.git'] }, repositorySetups: ['prod', 'dev'] },
  },
];

const contexts = new Map<string, ValidateOptions>(CONTEXT_CASES.map((c) => [c.text, c.options]));


/** A corpus zerops.yml is one by its name; everything else is linted as an import file. */
const kindName = (name: string) => (/zerops\.ya?ml$/.test(name) ? 'zerops.yml' : undefined);

function checkAllFixes(name: string, text: string, fileName = kindName(name)): number {
  const options = contexts.get(text);
  const before = lint(text, fileName, options);
  let n = 0;
  for (const f of before) {
    for (const fix of f.fixes ?? []) {
      if (fix.edits.length === 0) continue;
      checkFix(name, text, f, fix, before, fileName, options);
      n++;
    }
  }
  return n;
}

test('every fix on every corpus file, example and rule case changes only its range and loses nothing', (t) => {
  const list = texts();
  let fixes = 0;
  const perRule = new Map<string, number>();
  for (const { name, text, fileName } of list) {
    fixes += checkAllFixes(name, text, fileName ?? kindName(name));
    for (const f of lint(text, fileName ?? kindName(name), contexts.get(text))) if (f.fixes?.length) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  }
  t.diagnostic(`${fixes} fixes applied over ${list.length} files; rules with fixes seen: ${[...perRule.keys()].sort().join(', ')}`);
  // Each case above exists to exercise a fix; make sure they still do.
  for (const rule of RULES.filter((r) => r.fix).map((r) => r.id)) assert.ok(perRule.has(rule), `no case exercises the fix of ${rule}`);
});

test('property: every fix offered on a mutated corpus file still changes only its range', (t) => {
  const files = corpusFiles();
  let fixes = 0;
  fc.assert(fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, edits) => {
    const text = edits.reduce(mutate, files[i].text);
    fixes += checkAllFixes(`${files[i].name} mutated`, text);
  }), { numRuns: 60 * FUZZ_SCALE, seed: FUZZ_SEED, includeErrorInReport: true });
  t.diagnostic(`${fixes} fixes applied on mutated files`);
});
