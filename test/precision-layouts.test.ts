import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { filesUnder } from '../server/src/file-access';
import type { FileContext, RuleFinding } from '../server/src/rules/rule';
import { WorkspaceIndex, indexWorkspace } from '../server/src/service/workspace';
import { applyEdits, lint, yaml } from './helpers';

// Issue 22: warnings that landed on correct real files (five of eight on official recipes), and mistakes
// that slipped through. Each class: the real case in our words, look-alikes that stay silent, and the
// neighbours that must still be reported.

const ZY = 'zerops.yml';
const zy = (text: string) => lint(text, ZY);
/** One setup `app` with the given lines under it. */
const setup = (...lines: string[]) => yaml('zerops:', '  - setup: app', ...lines.map((l) => `    ${l}`));

/** A zerops.yml checked against import files, as the editor and the CLI pair them. */
function paired(zerops: string, imports: string[], around: FileContext = {}): RuleFinding[] {
  const index = indexWorkspace(imports.map((text, i) => ({ fileName: `import${i}.yaml`, text })));
  return lint(zerops, ZY, { external: index.servicesFor(ZY), ...around });
}

// Classes 1, 2, 4 and 5 (valkey-no-auth, probe-noop-start, os-build-run-differ, docker-latest-tag) are
// cases of one rule each: test/rules/precision-layouts.ts.

describe('3. site-config-not-deployed: no git work tree, no "repository" to miss a file from', () => {
  const made: string[] = [];
  after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const folder = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'zerops-22-'));
    made.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  const php = (site: string, deploy = './') => setup('build:', '  base: php@8.4', `  deployFiles: ${deploy}`, 'run:', '  base: php-nginx@8.4', `  siteConfigPath: ${site}`);
  const check = (text: string, dir: string, sub = '') => lint(text, ZY, { fileName: ZY, files: filesUnder(dir, join(dir, sub)) })
    .filter((f) => f.rule === 'site-config-not-deployed').map((f) => f.message);

  test('the real case: a zerops.yml in a plain folder (downloaded, no .git) naming a config it does not hold', () => {
    assert.deepEqual(check(php('site.conf.tmpl'), folder({ 'index.php': '<?php' })), []);
  });

  test('look-alikes without git: other names, a folder on the path, a subfolder, a .git that is neither a folder with HEAD nor a worktree file', () => {
    const plain = folder({ 'public/index.php': '<?php', 'sub/x': '' });
    for (const site of ['nginx.conf', 'config/site.conf.tmpl', './site.conf.tmpl', 'public/site.conf']) assert.deepEqual(check(php(site), plain), [], site);
    assert.deepEqual(check(php('config/site.conf', 'config'), plain), []);
    assert.deepEqual(check(php('site.conf.tmpl'), plain, 'sub'), []);
    assert.deepEqual(check(php('site.conf.tmpl'), folder({ '.git/objects/x': '' })), []);
  });

  test('still reported: in a git work tree (at its root, below it, a linked worktree), and a config outside deployFiles anywhere', () => {
    assert.match(check(php('site.conf.tmpl'), folder({ '.git/HEAD': 'ref: refs/heads/main\n' }))[0], /not in the repository/);
    assert.equal(check(php('site.conf.tmpl'), folder({ '.git/HEAD': 'x\n', 'app/index.php': '' }), 'app').length, 1);
    assert.equal(check(php('site.conf.tmpl'), folder({ '.git': 'gitdir: /x/.git/worktrees/y\n' })).length, 1);
    assert.equal(check(php('site.conf.tmpl', 'public'), folder({})).length, 1);
  });
});

describe('6. pairing: a zerops.yml meets only the import files of its own project', () => {
  const IMPORT_B = yaml('services:', '  - hostname: apistage', '    type: nodejs@22', '    enableSubdomainAccess: true', '  - hostname: prod', '    type: nodejs@22', '    enableSubdomainAccess: true');
  const ZY_A = yaml('zerops:', '  - setup: prod', '    run:', '      base: python@3.12', '      start: python app.py');
  /** An index whose files lie in git work trees: `trees` maps a folder prefix to its work tree. */
  const indexOf = (files: Record<string, string>, trees: Record<string, string> = {}) => {
    const index = new WorkspaceIndex(undefined, (key) => Object.entries(trees).find(([prefix]) => key.startsWith(`${prefix}/`))?.[1]);
    for (const [key, text] of Object.entries(files)) index.setText(key, key, text);
    return index;
  };
  const cross = (index: WorkspaceIndex, key: string, text: string) => lint(text, key, { external: index.servicesFor(key) })
    .filter((f) => ['subdomain-no-http-port', 'base-type-mismatch', 'reference-unknown-service', 'setup-unknown-service'].includes(f.rule)).map((f) => f.rule);

  test('the real case: projects/a (a repository with only zerops.yml) beside projects/b (a repository with its import)', () => {
    const files = { 'projects/a/zerops.yml': ZY_A, 'projects/b/zerops-project-import.yml': IMPORT_B };
    const index = indexOf(files, { 'projects/a': 'A', 'projects/b': 'B' });
    assert.deepEqual(index.servicesFor('projects/a/zerops.yml'), []);
    assert.deepEqual(cross(index, 'projects/a/zerops.yml', ZY_A), []);
  });

  test('look-alikes: a monorepo of repositories, nested work trees, no git with each project its own zerops.yml, a workspace root import with two repositories of its own', () => {
    const git = indexOf({ 'ws/a/zerops.yml': ZY_A, 'ws/b/zerops.yml': ZY_A, 'ws/b/import.yaml': IMPORT_B }, { 'ws/a': 'A', 'ws/b': 'B' });
    assert.deepEqual(git.servicesFor('ws/a/zerops.yml'), []);
    const nested = indexOf({ 'mono/zerops.yml': ZY_A, 'mono/vendor/lib/import.yaml': IMPORT_B }, { 'mono/vendor/lib': 'LIB', mono: 'MONO' });
    assert.deepEqual(nested.servicesFor('mono/zerops.yml'), []);
    const noGit = indexOf({ 'projects/a/zerops.yml': ZY_A, 'projects/b/zerops.yml': ZY_A, 'projects/b/import.yaml': IMPORT_B });
    assert.deepEqual(noGit.servicesFor('projects/a/zerops.yml'), []);
    const deeper = indexOf({ 'p/a/app/zerops.yml': ZY_A, 'p/b/app/zerops.yml': ZY_A, 'p/b/infra/import.yaml': IMPORT_B });
    assert.deepEqual(deeper.servicesFor('p/a/app/zerops.yml'), []);
    const mixed = indexOf({ 'ws/a/zerops.yml': ZY_A, 'ws/b/zerops.yml': ZY_A, 'ws/b/import.yaml': IMPORT_B }, { 'ws/b': 'B' });
    assert.deepEqual(mixed.servicesFor('ws/a/zerops.yml'), []);
  });

  test('still paired: the same work tree at any depth, no git with the import above or beside in one project, a workspace import above its repositories', () => {
    const mono = indexOf({ 'repo/apps/api/zerops.yml': ZY_A, 'repo/infra/import.yaml': IMPORT_B }, { repo: 'R' });
    assert.deepEqual(cross(mono, 'repo/apps/api/zerops.yml', ZY_A).sort(), ['base-type-mismatch', 'subdomain-no-http-port']);
    const noGit = indexOf({ 'proj/app/zerops.yml': ZY_A, 'proj/infra/stack.yml': IMPORT_B });
    assert.equal(noGit.servicesFor('proj/app/zerops.yml').length, 2);
    const above = indexOf({ 'ws/import.yaml': IMPORT_B, 'ws/api/zerops.yml': ZY_A, 'ws/web/zerops.yml': ZY_A }, { 'ws/api': 'API', 'ws/web': 'WEB' });
    assert.equal(above.servicesFor('ws/api/zerops.yml').length, 2);
  });

  test('an HA definition wins over a single-node one for any type, not only Valkey (development and production imports)', () => {
    const dev = yaml('services:', '  - hostname: db', '    type: postgresql@16', '    mode: NON_HA');
    const prod = yaml('services:', '  - hostname: db', '    type: postgresql@16', '    mode: HA');
    const index = indexOf({ 'r/a.yaml': dev, 'r/b.yaml': prod, 'r/zerops.yml': ZY_A });
    assert.equal(index.servicesFor('r/zerops.yml')[0].mode?.value?.value, 'HA');
  });
});

describe('7. shell expansions are not Zerops references', () => {
  const run = (...env: string[]) => yaml('zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      start: node a', '      envVariables:', ...env.map((e) => `        ${e}`));
  const IMPORT = yaml('services:', '  - hostname: db', '    type: postgresql@16', '    mode: NON_HA', '  - hostname: cache', '    type: valkey@7.2', '    mode: NON_HA', '  - hostname: app', '    type: nodejs@22');
  const REFS = ['reference-unknown-service', 'reference-unknown-variable', 'reference-unknown-local'];
  const refs = (text: string) => paired(text, [IMPORT]).filter((f) => REFS.includes(f.rule)).map((f) => f.rule);

  test('the real case: SMTP_PORT: ${SMTP_PORT_OVERRIDE:-587}, as an official recipe writes it', () => {
    assert.deepEqual(refs(run('SMTP_PORT: ${SMTP_PORT_OVERRIDE:-587}')), []);
  });

  test('look-alikes: :? with a message, :+, =, a host-shaped name with a default, in an import file too', () => {
    for (const v of ['${DB_NAME:?set DB_NAME}', '${FEATURE:+on}', '${MODE=prod}', '${db_port:-5432}', '${cache_user:-default}', '${mail_host-localhost}', '${X-}']) {
      assert.deepEqual(refs(run(`V: "${v}"`)), [], v);
    }
    const imp = yaml('services:', '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      A: ${nope_port:-1}');
    assert.deepEqual(lint(imp).filter((f) => REFS.includes(f.rule)), []);
  });

  test('still reported: the same names without an operator', () => {
    assert.deepEqual(refs(run('A: ${cache_user}', 'B: ${mail_host}', 'C: ${UNDEFINED_HERE}')).sort(), ['reference-unknown-local', 'reference-unknown-service', 'reference-unknown-variable']);
  });
});

describe('8. one slip, one finding', () => {
  test('the real case: valkey@8 gets valkey-version only; the mode warning follows once it is 7.2', () => {
    const text = yaml('services:', '  - hostname: cache', '    type: valkey@8');
    assert.deepEqual(lint(text).map((f) => f.rule), ['valkey-version']);
    const fix = lint(text)[0].fixes!.find((f) => f.preferred)!;
    assert.deepEqual(lint(applyEdits(text, fix.edits)).map((f) => f.rule), ['valkey-mode-missing']);
  });

  test('valkey look-alikes: other bad versions give one finding each; a mode or variant keeps mode-missing away', () => {
    for (const type of ['valkey@9', 'valkey@7', 'valkey', 'valkey@8.0']) {
      assert.deepEqual(lint(yaml('services:', '  - hostname: cache', `    type: ${type}`)).map((f) => f.rule), ['valkey-version'], type);
    }
    assert.deepEqual(lint(yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2')).map((f) => f.rule), []);
  });

  test('the real case: a misspelt deployFile gives one error, on the key, naming deployFiles and what its absence does', () => {
    const text = setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', '  deployFile: ./', 'run:', '  base: nodejs@22', '  start: node a');
    const found = zy(text).filter((f) => ['schema-unknown-key', 'deploy-files-missing'].includes(f.rule));
    assert.deepEqual(found.map((f) => [f.rule, f.severity, text.slice(f.span.start, f.span.end)]), [['schema-unknown-key', 'error', 'deployFile']]);
    assert.match(found[0].message, /Did you mean "deployFiles"\?.*nothing is deployed/);
    assert.deepEqual(applyEdits(text, found[0].fixes![0].edits), text.replace('deployFile:', 'deployFiles:'));
  });

  test('deployFiles look-alikes: other spellings, each one finding; a parent that deploys, or build.deploy, keeps the slip a warning', () => {
    for (const key of ['deployfiles', 'deploy_files', 'deployFIles', 'depolyFiles']) {
      const text = setup('build:', '  base: nodejs@22', `  ${key}: ./`, 'run:', '  base: nodejs@22', '  start: node a');
      const found = zy(text).filter((f) => ['schema-unknown-key', 'deploy-files-missing'].includes(f.rule));
      assert.deepEqual(found.map((f) => `${f.rule} ${f.severity}`), ['schema-unknown-key error'], key);
    }
    const parent = yaml('zerops:', '  - setup: base', '    build:', '      base: nodejs@22', '      deployFiles: ./', '  - setup: app', '    extends: base', '    build:', '      deployFile: dist', '    run:', '      base: nodejs@22', '      start: node a');
    assert.deepEqual(zy(parent).filter((f) => ['schema-unknown-key', 'deploy-files-missing'].includes(f.rule)).map((f) => `${f.rule} ${f.severity}`), ['schema-unknown-key warning']);
    const old = setup('build:', '  base: nodejs@22', '  deploy: ./', '  deployFile: ./', 'run:', '  base: nodejs@22', '  start: node a');
    assert.deepEqual(zy(old).filter((f) => f.rule === 'schema-unknown-key').map((f) => f.severity), ['warning']);
  });

  test('still reported: a build with no deployFiles and no near miss, and an unrelated unknown key beside it', () => {
    const text = setup('build:', '  base: nodejs@22', '  buildComands:', '    - npm ci', 'run:', '  base: nodejs@22', '  start: node a');
    assert.deepEqual(zy(text).filter((f) => ['schema-unknown-key', 'deploy-files-missing'].includes(f.rule)).map((f) => `${f.rule} ${f.severity}`).sort(), ['deploy-files-missing error', 'schema-unknown-key warning']);
  });
});

// The package-install, setup-matching and empty-setup-item catches are tester cases: test/rules/precision-layouts.ts.
describe('catch: setup matching', () => {
  const ZYML = yaml('zerops:', '  - setup: prod', '    run:', '      base: nodejs@22', '      start: node a', '  - setup: dev', '    run:', '      base: nodejs@22', '      start: node a');
  test('the repository\'s setups come from its root zerops.yml, zerops.yaml first; a renamed setup changes what the index offers', () => {
    const index = new WorkspaceIndex(undefined, () => 'REPO');
    index.setText('r/sub/zerops.yml', 'r/sub/zerops.yml', ZYML.replace('prod', 'other'));
    index.setText('r/zerops.yaml', 'r/zerops.yaml', ZYML);
    index.setText('r/zerops.yml', 'r/zerops.yml', ZYML.replace('prod', 'shadowed'));
    assert.deepEqual(index.contextFor('r/import.yaml').repositorySetups, ['prod', 'dev']);
    assert.equal(index.setText('r/zerops.yaml', 'r/zerops.yaml', ZYML.replace('prod', 'live')), true);
    assert.deepEqual(new WorkspaceIndex().contextFor('r/import.yaml').repositorySetups, undefined);
  });
});
