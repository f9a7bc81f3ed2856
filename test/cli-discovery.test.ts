import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ignoreRules, isIgnoredPath } from '../server/src/cli/files';
import { codes, json, NO_MODE, ROOT, run, tempDir, VALKEY8_HA, writeTree } from './cli-helpers';

// How zerops-lint meets real repositories and hook tools: files named by a hook that are not Zerops
// files, import files with names the patterns miss, .gitignore and ignore globs.

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n';
const WORKFLOW = 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
const K8S = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: cache\nspec:\n  ports:\n    - port: 6379\n';
const SETUPS = 'zerops:\n  - setup: api\n    run:\n      envVariables:\n        R: ${cache_hostname}\n';

describe('files named directly (as pre-commit and lint-staged pass them)', () => {
  const dir = tempDir();
  writeTree(dir, {
    'docker-compose.yml': COMPOSE,
    '.github/workflows/ci.yml': WORKFLOW,
    'k8s/cache.yaml': K8S,
    'broken.yml': 'a: [unclosed\n',
    'infra/app.yml': VALKEY8_HA,
    'import.prod.yaml': 'project:\n  name: shop\n',
    'app.yml': SETUPS,
  });

  test('a file that is not a Zerops file is skipped with one line on stderr, counts as clean, and leaves the exit status alone', () => {
    const clean = run(['docker-compose.yml', '.github/workflows/ci.yml', 'k8s/cache.yaml', 'broken.yml'], { cwd: dir });
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stderr, [
      'docker-compose.yml: skipped: not a Zerops file',
      '.github/workflows/ci.yml: skipped: not a Zerops file',
      'k8s/cache.yaml: skipped: not a Zerops file',
      'broken.yml: skipped: not a Zerops file',
      '',
    ].join('\n'));
    assert.equal(clean.stdout, '4 files checked, no problems\n');

    const mixed = run(['-f', 'json', 'docker-compose.yml', 'infra/app.yml'], { cwd: dir });
    assert.equal(mixed.status, 1);
    assert.equal(mixed.stderr, 'docker-compose.yml: skipped: not a Zerops file\n');
    assert.deepEqual(codes(json(mixed.stdout)), { 'infra/app.yml': ['valkey-version'] });

    // --silent-skip (the pre-commit hook's): not a word about them.
    const silent = run(['--silent-skip', 'docker-compose.yml', 'k8s/cache.yaml'], { cwd: dir });
    assert.equal(silent.status, 0);
    assert.equal(silent.stderr, '');
    assert.equal(silent.stdout, '2 files checked, no problems\n');
  });

  test('a file whose content says Zerops is checked whatever its name: import file or zerops.yml', () => {
    const r = run(['-f', 'json', 'infra/app.yml', 'app.yml'], { cwd: dir });
    assert.equal(r.stderr, '');
    // app.yml is read as a zerops.yml and checked against the Valkey that infra/app.yml defines.
    // setup-unknown-service: a hint, since the import defines no service that uses the setup.
    assert.deepEqual(codes(json(r.stdout)), { 'app.yml': ['setup-unknown-service', 'valkey-no-auth'], 'infra/app.yml': ['valkey-version'] });
  });

  test('--kind forces the kind of a file whose content is not recognisable yet', () => {
    const skipped = run(['import.prod.yaml'], { cwd: dir });
    assert.equal(skipped.status, 0);
    assert.match(skipped.stderr, /^import\.prod\.yaml: skipped: not a Zerops file\n$/);
    const forced = run(['-f', 'json', '--kind', 'import', 'import.prod.yaml'], { cwd: dir });
    assert.equal(forced.status, 1);
    assert.deepEqual(codes(json(forced.stdout)), { 'import.prod.yaml': ['schema-required'] });
    // Forced the other way, an import file is a zerops.yml without its `zerops:` list: that alone is said.
    const yml = run(['-f', 'json', '--kind=zerops-yml', 'infra/app.yml'], { cwd: dir });
    assert.equal(yml.status, 1, yml.stdout);
    assert.deepEqual(codes(json(yml.stdout)), { 'infra/app.yml': ['schema-required'] });
    const bad = run(['--kind', 'compose', 'app.yml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--kind takes import or zerops-yml, not "compose"/);
  });

  test('a folder or glob never reports YAML that is not Zerops', () => {
    const r = run(['-f', 'json', '.'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.deepEqual(Object.keys(codes(json(r.stdout))), ['app.yml', 'infra/app.yml']);
    const g = run(['-f', 'json', '**/*.yml'], { cwd: dir });
    assert.equal(g.stderr, '');
    assert.deepEqual(Object.keys(codes(json(g.stdout))), ['app.yml', 'infra/app.yml']);
  });
});

describe('discovery by content', () => {
  test('import files named as real repositories name them are found; large files and late content are not read', () => {
    const dir = tempDir();
    const padding = `# ${'x'.repeat(78)}\n`.repeat(1000); // 80 KB of comments
    writeTree(dir, {
      'import.staging.yaml': VALKEY8_HA,
      'zerops-project.yml': NO_MODE,
      'zerops-project-import-eu.yml': VALKEY8_HA,
      'infra/stack.yaml': NO_MODE,
      'deploy/app.yaml': SETUPS,
      'late.yaml': `${padding}${VALKEY8_HA}`, // Zerops content only after the first 64 KB
      'notes.txt': VALKEY8_HA, // not YAML by name
      // 80 KB: the 64 KB head ends inside a service, which is left out of the decision.
      'stack/services.yaml': `services:\n${Array.from({ length: 2000 }, (_, i) => `  - hostname: app${i}\n    type: nodejs@22\n`).join('')}`,
    });
    // Over 2 MB: not looked into, even though it starts as an import file.
    writeFileSync(join(dir, 'huge.yaml'), `${VALKEY8_HA}${padding.repeat(27)}`);
    const r = run(['-f', 'json'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.deepEqual(codes(json(r.stdout)), {
      // A zerops.yml by content, checked against the import files found (none of which uses its setup: a hint).
      'deploy/app.yaml': ['setup-unknown-service', 'valkey-no-auth'],
      'import.staging.yaml': ['valkey-version'],
      'infra/stack.yaml': ['valkey-mode-missing'],
      'stack/services.yaml': [],
      'zerops-project-import-eu.yml': ['valkey-version'],
      'zerops-project.yml': ['valkey-mode-missing'],
    });
  });

  test('.gitignore is followed in folder and glob searches (nested files, folders, negation); a named file is still checked', () => {
    const dir = tempDir();
    writeTree(dir, {
      '.gitignore': '# build output\nbuild/\n*.generated.yaml\n/top.import.yaml\n',
      'build/import.yaml': VALKEY8_HA,
      'a.generated.yaml': VALKEY8_HA,
      'top.import.yaml': VALKEY8_HA,
      'sub/top.import.yaml': NO_MODE, // "/top…" is anchored to the root
      'sub/.gitignore': 'local/\n!keep.generated.yaml\n',
      'sub/local/import.yaml': VALKEY8_HA,
      'sub/keep.generated.yaml': NO_MODE,
    });
    const r = run(['-f', 'json'], { cwd: dir });
    assert.deepEqual(Object.keys(codes(json(r.stdout))), ['sub/keep.generated.yaml', 'sub/top.import.yaml']);
    const g = run(['-f', 'json', '**/*.yaml'], { cwd: dir });
    assert.deepEqual(Object.keys(codes(json(g.stdout))), ['sub/keep.generated.yaml', 'sub/top.import.yaml']);
    const named = run(['-f', 'json', 'build/import.yaml'], { cwd: dir });
    assert.deepEqual(codes(json(named.stdout)), { 'build/import.yaml': ['valkey-version'] });
  });
});

describe('ignore globs', () => {
  test('"ignore" in .zeropslintrc.json (relative to its folder) and --ignore (relative to the current folder) leave paths out of searches', () => {
    const dir = tempDir();
    writeTree(dir, {
      '.zeropslintrc.json': '{"ignore": ["fixtures/", "**/*.bad.import.yaml"]}',
      'import.yaml': NO_MODE,
      'fixtures/import.yaml': VALKEY8_HA,
      'deploy/x.bad.import.yaml': VALKEY8_HA,
      'deploy/prod.import.yaml': NO_MODE,
      'deploy/old/import.yaml': VALKEY8_HA,
    });
    const r = run(['-f', 'json'], { cwd: dir });
    assert.deepEqual(Object.keys(codes(json(r.stdout))), ['deploy/old/import.yaml', 'deploy/prod.import.yaml', 'import.yaml']);
    const more = run(['-f', 'json', '--ignore', 'deploy/old', '--ignore=import.yaml'], { cwd: dir });
    assert.deepEqual(Object.keys(codes(json(more.stdout))), ['deploy/prod.import.yaml']);
    // A file named directly is what was asked for, ignored or not (as in ruff).
    const named = run(['-f', 'json', 'fixtures/import.yaml'], { cwd: dir });
    assert.deepEqual(codes(json(named.stdout)), { 'fixtures/import.yaml': ['valkey-version'] });
    writeFileSync(join(dir, '.zeropslintrc.json'), '{"ignore": "fixtures/"}');
    const invalid = run([], { cwd: dir });
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /"ignore" must be a list of patterns/);
    const empty = run(['--ignore'], { cwd: dir });
    assert.equal(empty.status, 2);
  });

  test('gitignore syntax: names at any depth, anchored paths, folders only, last match wins', () => {
    const base = '/r';
    const rules = ignoreRules(['# c', '', '*.tmp.yaml', 'out/', '/top.yaml', 'a/b.yaml', '!keep.tmp.yaml', 'd\\ x.yaml '], base);
    const cases: [string, boolean][] = [
      ['/r/x.tmp.yaml', true], ['/r/deep/x.tmp.yaml', true], ['/r/keep.tmp.yaml', false], ['/r/out/import.yaml', true],
      ['/r/x/out/import.yaml', true], ['/r/out', false], ['/r/top.yaml', true], ['/r/sub/top.yaml', false],
      ['/r/a/b.yaml', true], ['/r/z/a/b.yaml', false], ['/r/d x.yaml', true], ['/other/x.tmp.yaml', false], ['/r/import.yaml', false],
    ];
    for (const [path, expected] of cases) assert.equal(isIgnoredPath(rules, path), expected, path);
  });

  test("this repository's own config leaves its fixtures out: npm run lint at the root is clean", () => {
    const r = run([], { cwd: ROOT });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /files? checked, no problems\n$/);
  });
});
