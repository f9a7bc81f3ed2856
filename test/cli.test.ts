import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { globToRegExp } from '../server/src/cli/files';
import { painter, textLine } from '../server/src/cli/text';
import { codes, json, NO_MODE, ROOT, run, tempDir, VALKEY8_HA, writeTree, type Range } from './cli-helpers';

/** The `8` of `valkey@8`: line 2 (0-based), characters 17..18. */
const VERSION_RANGE: Range = { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } };

const CORRECT = [
  'project:',
  '  name: demo',
  'services:',
  '  - hostname: cache',
  '    type: valkey@7.2',
  '    mode: HA',
  '  - hostname: api',
  '    type: nodejs@22',
  '    envSecrets:',
  '      REDIS_URL: ${cache_connectionString}',
  '',
].join('\n');

/** valkey-mode-missing (warning) and valkey-version (error) on line 3. */
// Two slips of two rules: a version Zerops does not offer, and (on another service) no mode.
const TWO_LEVELS = 'services:\n  - hostname: cache\n    type: valkey@8\n  - hostname: kv\n    type: valkey@7.2\n';

describe('zerops-lint output', () => {
  const dir = tempDir();
  writeTree(dir, { 'import.yaml': VALKEY8_HA, 'ok.import.yml': CORRECT, 'warn.yaml': NO_MODE });

  test('--format json reports valkey@8 with its range and fix, exit 1', () => {
    const line = VALKEY8_HA.split('\n')[2];
    assert.equal(VERSION_RANGE.start.character, line.indexOf('valkey@8') + 'valkey@'.length);
    const r = run(['--format', 'json', 'import.yaml'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const out = json(r.stdout);
    assert.equal(out.length, 1);
    assert.equal(out[0].file, 'import.yaml');
    assert.equal(out[0].diagnostics.length, 1, JSON.stringify(out[0].diagnostics));
    const d = out[0].diagnostics[0];
    assert.equal(d.code, 'valkey-version');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, VERSION_RANGE);
    assert.deepEqual(d.fixes[0].edits[0], { range: VERSION_RANGE, newText: '7.2' });
  });

  test('--format=json and -f json work too', () => {
    for (const args of [['--format=json', 'import.yaml'], ['-f', 'json', 'import.yaml']]) {
      const r = run(args, { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(codes(json(r.stdout)), { 'import.yaml': ['valkey-version'] });
    }
  });

  test('a correct file exits 0 with no diagnostics', () => {
    const r = run(['--format', 'json', 'ok.import.yml'], { cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(json(r.stdout), [{ file: 'ok.import.yml', diagnostics: [] }]);
  });

  test('text: file:line:col severity message [rule-id], then a summary line', () => {
    const r = run(['import.yaml', 'ok.import.yml'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^import\.yaml:3:18 error This Valkey type asks for version "8".* \[valkey-version\]$/);
    assert.deepEqual(lines.slice(1), ['', '1 problem (1 error, 0 warnings) in 2 files checked; 1 fixable with --fix', '']);
  });

  test('text: a message over several lines still prints as one line', () => {
    const line = textLine(painter(false), 'a.yaml', { line: 0, character: 4 }, 'warning', 'first\n  second\r\nthird\n', 'some-rule');
    assert.equal(line, 'a.yaml:1:5 warning first second third [some-rule]');
  });

  test('text: a clean run says how many files it checked', () => {
    const r = run(['ok.import.yml'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '1 file checked, no problems\n');
  });

  test('colour: none through a pipe, on with FORCE_COLOR, off with NO_COLOR whatever else is set', () => {
    const plain = run(['import.yaml'], { cwd: dir });
    assert.doesNotMatch(plain.stdout, /\u001b\[/);
    const forced = run(['import.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\u001b[31merror\u001b[0m'), forced.stdout);
    assert.ok(forced.stdout.includes('\u001b[2m[valkey-version]\u001b[0m'), forced.stdout);
    // Without the escapes it is the plain output, character for character.
    assert.equal(forced.stdout.replace(/\u001b\[\d+m/g, ''), plain.stdout);
    const noColor = run(['import.yaml'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.equal(noColor.stdout, plain.stdout);
    assert.equal(run(['import.yaml'], { cwd: dir, env: { FORCE_COLOR: '0' } }).stdout, plain.stdout);
  });

  test('colour on a real terminal, and NO_COLOR turns it off there too', (t) => {
    // script(1) gives the CLI a pseudo-terminal as stdout.
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
      t.skip('script(1) is not available');
      return;
    }
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'dist/cli.js'))} import.yaml`;
    const env = { ...process.env };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const tty = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env, timeout: 20_000 });
    assert.equal(tty.status, 1, tty.stdout);
    assert.ok(tty.stdout.includes('\u001b[31merror\u001b[0m'), JSON.stringify(tty.stdout));
    const off = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 20_000 });
    assert.doesNotMatch(off.stdout, /\u001b\[/);
    assert.match(off.stdout, /import\.yaml:3:18 error /);
  });
});

describe('zerops-lint flags', () => {
  const dir = tempDir();
  writeTree(dir, { 'import.yaml': TWO_LEVELS, 'warn.import.yaml': NO_MODE });

  test('--quiet reports errors only, and a run with only warnings then prints no problems', () => {
    const r = run(['--quiet', '-f', 'json', 'import.yaml', 'warn.import.yaml'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.deepEqual(codes(json(r.stdout)), { 'import.yaml': ['valkey-version'], 'warn.import.yaml': [] });
    const warnOnly = run(['--quiet', 'warn.import.yaml'], { cwd: dir });
    assert.equal(warnOnly.status, 0);
    assert.equal(warnOnly.stdout, '1 file checked, no problems\n');
  });

  test('warnings alone exit 0; --max-warnings N fails above N, not at N', () => {
    const loud = run(['-f', 'json', 'warn.import.yaml'], { cwd: dir });
    assert.equal(loud.status, 0, loud.stderr);
    assert.deepEqual(codes(json(loud.stdout)), { 'warn.import.yaml': ['valkey-mode-missing'] });
    const atLimit = run(['--max-warnings', '1', 'warn.import.yaml'], { cwd: dir });
    assert.equal(atLimit.status, 0, atLimit.stderr);
    assert.equal(atLimit.stderr, '');
    const over = run(['--max-warnings=0', 'warn.import.yaml'], { cwd: dir });
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'zerops-lint: 1 warnings, more than --max-warnings 0 allows\n');
    // Warnings --quiet hides are not counted.
    assert.equal(run(['--quiet', '--max-warnings', '0', 'warn.import.yaml'], { cwd: dir }).status, 0);
  });

  test('--rule sets a level or turns a rule off, and can be repeated', () => {
    const r = run(['-f', 'json', '--rule', 'valkey-version=warning', '--rule=valkey-mode-missing=off', 'import.yaml'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const [result] = json(r.stdout);
    assert.deepEqual(result.diagnostics.map((d) => [d.code, d.severity]), [['valkey-version', 'warning']]);
    const raised = run(['-f', 'json', '--rule', 'valkey-mode-missing=error', 'warn.import.yaml'], { cwd: dir });
    assert.equal(raised.status, 1);
    assert.deepEqual(json(raised.stdout)[0].diagnostics.map((d) => d.severity), ['error']);
  });

  test('usage errors exit 2 with the reason on stderr and nothing on stdout', () => {
    const cases: [string[], string][] = [
      [['--bogus', 'import.yaml'], 'unknown option --bogus'],
      [['--format', 'xml', 'import.yaml'], '--format takes text, json, sarif, not "xml"'],
      [['--format'], '--format takes text, json, sarif, not nothing'],
      [['--max-warnings', 'many', 'import.yaml'], '--max-warnings takes a whole number, not "many"'],
      [['--max-warnings', '-1', 'import.yaml'], '--max-warnings takes a whole number, not "-1"'],
      [['--rule', 'valkey-versoin=off', 'import.yaml'], '--rule: unknown rule "valkey-versoin" (did you mean "valkey-version"?)'],
      [['--rule', 'valkey-version=fatal', 'import.yaml'], '--rule: rule "valkey-version" takes error, warning, info, hint, off, not "fatal"'],
      [['--rule', 'valkey-version', 'import.yaml'], '--rule takes ID=LEVEL, not "valkey-version"'],
    ];
    for (const [args, message] of cases) {
      const r = run(args, { cwd: dir });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.equal(r.stderr, `zerops-lint: ${message}\n\nRun zerops-lint --help for usage.\n`, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
  });

  test('a missing file exits 2 and names it, after checking the files that exist', () => {
    const r = run(['-f', 'json', 'does-not-exist.yaml', 'import.yaml'], { cwd: dir });
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stderr, 'zerops-lint: cannot read does-not-exist.yaml: ENOENT\n');
    assert.deepEqual(Object.keys(codes(json(r.stdout))), ['import.yaml']);
  });

  test('--help exits 0 with usage that lists every option', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.ok(r.stdout.startsWith('Usage: zerops-lint [options] [path | glob ...]\n'), r.stdout);
    for (const option of ['--format', '--fix', '--max-warnings', '--rule', '--quiet', '--kind', '--ignore', '--silent-skip', '--version', '.zeropslintrc.json']) {
      assert.ok(r.stdout.includes(option), option);
    }
  });

  test('zerops-lsp --help names every transport docs/editors.md documents', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/server.js'), '--help'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 0);
    const documented = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8').match(/`--(?:stdio|node-ipc|socket=PORT|pipe=NAME)`/g) ?? [];
    assert.ok(documented.length >= 3, documented.join(' '));
    assert.ok(r.stdout.includes('--stdio'));
    for (const t of documented) assert.ok(r.stdout.includes(t.slice(1, -1)), `${t} is documented but not in --help`);
  });

  test('--version prints the package version and the catalogue in use, with its date', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `zerops-lint ${pkg.version}\ncatalogue: built-in, Zerops' schemas of 2026-07-30 with hand corrections (MySQL 5.7, Local Storage, startCommands[].user; Kafka 3.8 and KeyDB retired)\n`);
  });
});

describe('zerops-lint finds files', () => {
  const dir = tempDir();
  writeTree(dir, {
    'import.yaml': VALKEY8_HA,
    'zerops.yml': 'zerops:\n  - setup: api\n    run:\n      start: node a.js\n',
    'deploy/zerops-project-import.yml': NO_MODE,
    'deploy/prod.import.yml': CORRECT,
    'deploy/values.yaml': VALKEY8_HA, // not a Zerops name
    '.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n',
    'node_modules/pkg/import.yaml': VALKEY8_HA,
    '.git/import.yaml': VALKEY8_HA,
    'empty/readme.md': 'nothing here\n',
  });

  test('no paths: every Zerops file under the current folder, by name or content, skipping node_modules and .git', () => {
    const r = run(['-f', 'json'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(codes(json(r.stdout)), {
      'deploy/prod.import.yml': [],
      'deploy/values.yaml': ['valkey-version'], // a services list with hostname and type: an import file
      'deploy/zerops-project-import.yml': ['valkey-mode-missing'],
      'import.yaml': ['valkey-version'],
      'zerops.yml': [],
    });
  });

  test('a folder is searched the same way, paths printed under it', () => {
    const r = run(['-f', 'json', 'deploy'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(Object.keys(codes(json(r.stdout))), ['deploy/prod.import.yml', 'deploy/values.yaml', 'deploy/zerops-project-import.yml']);
  });

  test('a glob checks matching files that are Zerops files by name or content', () => {
    // values.yaml has a services list, so its content says import; the workflow says nothing Zerops.
    const r = run(['-f', 'json', '**/*.y*ml'], { cwd: dir });
    assert.deepEqual(codes(json(r.stdout)), {
      'deploy/prod.import.yml': [],
      'deploy/values.yaml': ['valkey-version'],
      'deploy/zerops-project-import.yml': ['valkey-mode-missing'],
      'import.yaml': ['valkey-version'],
      'zerops.yml': [],
    });
    const one = run(['-f', 'json', 'deploy/*.import.yml'], { cwd: dir });
    assert.deepEqual(Object.keys(codes(json(one.stdout))), ['deploy/prod.import.yml']);
  });

  test('a file named twice (directly and through a glob) is checked once', () => {
    const r = run(['-f', 'json', 'import.yaml', '*.yaml', './import.yaml'], { cwd: dir });
    assert.deepEqual(Object.keys(codes(json(r.stdout))), ['import.yaml']);
  });

  test('a file named directly is checked even without a Zerops name', () => {
    const r = run(['-f', 'json', 'deploy/values.yaml'], { cwd: dir });
    assert.deepEqual(codes(json(r.stdout)), { 'deploy/values.yaml': ['valkey-version'] });
  });

  test('nothing to check is a usage error (exit 2), so a wrong path cannot pass CI silently', () => {
    const glob = run(['nope/**/*.yml'], { cwd: dir });
    assert.equal(glob.status, 2);
    assert.equal(glob.stderr, 'zerops-lint: no files match nope/**/*.yml\n');
    const folder = run(['empty'], { cwd: dir });
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /^zerops-lint: no Zerops files \(import\.yaml, \*\.import\.yml, zerops\.yml, or YAML with Zerops services or setups\) in empty\n$/);
    // Exit 2 says why on stderr; stdout does not claim "no problems".
    assert.equal(folder.stdout, '');
    const here = run([], { cwd: join(dir, 'empty') });
    assert.equal(here.status, 2);
    assert.match(here.stderr, /in the current folder\n$/);
  });

  test('glob syntax: * and ? stay in one segment, ** spans any number', () => {
    const cases: [string, string, boolean][] = [
      ['*.yml', 'a.yml', true], ['*.yml', 'd/a.yml', false], ['**/*.yml', 'a.yml', true],
      ['**/*.yml', 'd/e/a.yml', true], ['d/**', 'd/e/a.yml', true], ['d/**/a.yml', 'd/a.yml', true],
      ['?.yml', 'ab.yml', false], ['?.yml', 'a.yml', true], ['a.yml', 'a-yml', false], ['[x].yml', '[x].yml', true],
    ];
    for (const [pattern, path, expected] of cases) assert.equal(globToRegExp(pattern).test(path), expected, `${pattern} ~ ${path}`);
  });
});

describe('zerops-lint .zeropslintrc.json', () => {
  const dir = tempDir();
  writeTree(dir, {
    '.zeropslintrc.json': '{"rules": {"valkey-mode-missing": "off"}}',
    'a/import.yaml': TWO_LEVELS,
    'a/b/import.yaml': TWO_LEVELS,
    'a/b/.zeropslintrc.json': '{"$schema": "x", "rules": {"valkey-version": "info"}}',
    'bad-json/.zeropslintrc.json': '{"rules": {',
    'bad-json/import.yaml': NO_MODE,
    'bad-rule/.zeropslintrc.json': '{"rules": {"valkey-versoin": "off"}}',
    'bad-rule/import.yaml': NO_MODE,
    'bad-key/.zeropslintrc.json': '{"rule": {}}',
    'bad-key/import.yaml': NO_MODE,
  });

  test('the nearest config above each file applies (they do not merge), and --rule wins over it', () => {
    const r = run(['-f', 'json', 'a'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(json(r.stdout).map((x) => [x.file, x.diagnostics.map((d) => `${d.code}:${d.severity}`)]), [
      ['a/b/import.yaml', ['valkey-version:info', 'valkey-mode-missing:warning']],
      ['a/import.yaml', ['valkey-version:error']],
    ]);
    const cli = run(['-f', 'json', '--rule', 'valkey-version=off', 'a/import.yaml'], { cwd: dir });
    assert.equal(cli.status, 0);
    assert.deepEqual(codes(json(cli.stdout)), { 'a/import.yaml': [] });
  });

  test('an invalid config is a clear error naming the file, exit 2, and nothing is checked', () => {
    const cases: [string, RegExp][] = [
      ['bad-json', /bad-json\/\.zeropslintrc\.json: not valid JSON \(/],
      ['bad-rule', /bad-rule\/\.zeropslintrc\.json: unknown rule "valkey-versoin" \(did you mean "valkey-version"\?\)\n$/],
      ['bad-key', /bad-key\/\.zeropslintrc\.json: unknown key "rule" \(only "rules", "ignore" and "schemas" are read\)\n$/],
    ];
    for (const [folder, message] of cases) {
      const r = run([folder], { cwd: dir });
      assert.equal(r.status, 2, folder);
      assert.equal(r.stdout, '', folder);
      assert.ok(r.stderr.startsWith(`zerops-lint: invalid configuration: ${join(dir, folder)}`), r.stderr);
      assert.match(r.stderr, message);
    }
  });
});

describe('zerops-lint checks zerops.yml against import files', () => {
  const USES_CACHE = 'zerops:\n  - setup: api\n    run:\n      envVariables:\n        REDIS_URL: redis://default:${cache_password}@${cache_hostname}:7000\n        REDIS_USER: ${cache_user}\n';
  const dir = tempDir();
  writeTree(dir, {
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/import.yaml': NO_MODE, // a single-node Valkey named cache
    'repo/app/zerops.yml': USES_CACHE,
    'import.yaml': 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: HA\n', // above the repository root
    'alone/zerops.yml': USES_CACHE,
  });

  test('a zerops.yml named alone is checked against the import files up to its repository root', () => {
    const r = run(['-f', 'json', 'repo/app/zerops.yml'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    // Only the zerops.yml is reported; the import file beside the repository root is context, not output.
    // setup-unknown-service: a hint, since no service of the imports is named api.
    assert.deepEqual(codes(json(r.stdout)), { 'repo/app/zerops.yml': ['setup-unknown-service', 'valkey-replica-port', 'reference-unknown-variable'] });
  });

  test('checking the import file and zerops.yml together gives the same cross-file findings', () => {
    const r = run(['-f', 'json', 'repo'], { cwd: dir });
    assert.deepEqual(codes(json(r.stdout)), {
      'repo/app/zerops.yml': ['setup-unknown-service', 'valkey-replica-port', 'reference-unknown-variable'],
      'repo/import.yaml': ['valkey-mode-missing'],
    });
  });

  test('the climb stops at the repository root, and with no import file the checks that need one stay silent', () => {
    const r = run(['-f', 'json', 'alone/zerops.yml'], { cwd: dir });
    // alone/ has no .git, so the HA import file above it counts: 7000 exists there, but a setup that only
    // talks to the replicas cannot write; ${cache_user} does not exist on any Valkey.
    assert.deepEqual(codes(json(r.stdout)), { 'alone/zerops.yml': ['setup-unknown-service', 'valkey-replica-only', 'reference-unknown-variable'] });
    const none = tempDir();
    writeTree(none, { '.git/HEAD': 'x\n', 'zerops.yml': USES_CACHE });
    assert.deepEqual(codes(json(run(['-f', 'json', 'zerops.yml'], { cwd: none }).stdout)), { 'zerops.yml': [] });
  });
});

describe('zerops-lint reads the file siteConfigPath names, inside the repository only', () => {
  const php = (site: string) => `zerops:\n  - setup: app\n    build:\n      base: php@8.4\n      deployFiles: ./\n    run:\n      base: php-nginx@8.4\n      siteConfigPath: ${site}\n`;
  const TEMPLATE = 'server {\n  root {{.DocumentRoot}};\n}\n';

  test('a missing file is a warning, {{. in a non-.tmpl file a hint, a .tmpl and a file outside the repository are silent', () => {
    const dir = tempDir();
    writeTree(dir, {
      'outside.conf': TEMPLATE,
      'repo/.git/HEAD': 'x\n',
      'repo/a/zerops.yml': php('site.conf'),
      'repo/a/site.conf': TEMPLATE,
      'repo/b/zerops.yml': php('site.conf.tmpl'),
      'repo/b/site.conf.tmpl': TEMPLATE,
      'repo/c/zerops.yml': php('nginx.conf.tmpl'),
      'repo/d/zerops.yml': php('../../outside.conf'),
    });
    const r = run(['-f', 'json', 'repo/a/zerops.yml', 'repo/b/zerops.yml', 'repo/c/zerops.yml', 'repo/d/zerops.yml'], { cwd: dir });
    const site = (rule: string) => (d: { code: string }) => d.code === rule;
    const results = json(r.stdout);
    assert.deepEqual(Object.fromEntries(results.map((f) => [f.file, f.diagnostics.filter((d) => d.code.startsWith('site-config')).map((d) => `${d.code} ${d.severity}`)])), {
      'repo/a/zerops.yml': ['site-config-not-template hint'],
      'repo/b/zerops.yml': [],
      'repo/c/zerops.yml': ['site-config-not-deployed warning'],
      'repo/d/zerops.yml': [],
    });
    assert.ok(results.find((f) => f.file === 'repo/c/zerops.yml')!.diagnostics.find(site('site-config-not-deployed'))!.message.includes('not in the repository'));
  });
});
