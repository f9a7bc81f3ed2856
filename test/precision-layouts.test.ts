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
const hitsZy = (text: string, rule: string) => zy(text).filter((f) => f.rule === rule).map((f) => text.slice(f.span.start, f.span.end));
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

describe('catch: package installs without sudo inside scripts', () => {
  const prep = (...items: string[]) => setup('run:', '  base: nodejs@22', '  start: node a', '  prepareCommands:', ...items.map((i) => `    - ${i}`));
  const fixedText = (text: string) => {
    const f = zy(text).filter((x) => x.rule === 'pkg-install-no-sudo');
    assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.message)));
    return applyEdits(text, f[0].fixes![0].edits);
  };

  test('the real case: a `- |` script whose second line is apk add, reported at the install and fixed there', () => {
    const text = prep('|', '      set -e', '      apk add --no-cache ffmpeg', '      echo done');
    assert.deepEqual(hitsZy(text, 'pkg-install-no-sudo'), ['apk add']);
    assert.equal(fixedText(text), text.replace('      apk add', '      sudo apk add'));
  });

  test('positives: an && chain over lines, a line continuation, after then, an env assignment, two installs in one command (one finding, both fixed)', () => {
    const chain = prep('|', '      cd /tmp &&', '      apt-get install -y jq');
    assert.equal(fixedText(chain), chain.replace('      apt-get install', '      sudo apt-get install'));
    const cont = prep('|', '      true && \\', '        apk add git');
    assert.deepEqual(hitsZy(cont, 'pkg-install-no-sudo'), ['apk add']);
    assert.deepEqual(hitsZy(prep('|', '      if true; then apk add curl; fi'), 'pkg-install-no-sudo'), ['apk add']);
    assert.deepEqual(hitsZy(prep('DEBIAN_FRONTEND=noninteractive apt-get install -y x'), 'pkg-install-no-sudo'), ['apt-get install']);
    const two = prep('apt-get update && apt-get install -y mariadb-client');
    assert.match(zy(two).find((f) => f.rule === 'pkg-install-no-sudo')!.message, /"apt-get update" and "apt-get install" need "sudo"/);
    assert.equal(fixedText(two), two.replace('apt-get update && apt-get install', 'sudo apt-get update && sudo apt-get install'));
  });

  test('look-alikes: sudo in every form, a comment, an echo, a word containing apk, a folded block, a sudo sh -c', () => {
    for (const items of [
      ['|', '      sudo apk add git', '      sudo -E apt-get install -y x'],
      ['|', '      # apk add git would need sudo', '      echo "then apk add curl"'],
      ['echo "run apt-get install yourself"'],
      ['./mkapk add'],
      ['sudo sh -c "apk add git"'],
      ['sudo DEBIAN_FRONTEND=noninteractive apt-get install -y x'],
    ]) assert.deepEqual(hitsZy(prep(...items), 'pkg-install-no-sudo'), [], items.join(' / '));
  });

  test('the wrong package manager inside a script, in buildCommands too; a script that picks one stays silent', () => {
    const build = setup('build:', '  base: nodejs@22', '  buildCommands:', '    - |', '      npm ci', '      sudo apt-get install -y jq', '  deployFiles: ./', 'run:', '  base: nodejs@22', '  start: node a');
    assert.deepEqual(hitsZy(build, 'pkg-manager-os'), ['apt-get']);
    const ubuntu = setup('run:', '  base: ubuntu@24.04', '  start: a', '  prepareCommands:', '    - |', '      echo x', '      sudo apk add git');
    assert.deepEqual(hitsZy(ubuntu, 'pkg-manager-os'), ['apk']);
    const picks = setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', '    - |', '      if command -v apk; then sudo apk add git', '      else sudo apt-get install -y git; fi');
    assert.deepEqual(hitsZy(picks, 'pkg-manager-os'), []);
    assert.deepEqual(hitsZy(setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', '    - echo "apt is for ubuntu"'), 'pkg-manager-os'), []);
  });
});

describe('catch: setup matching', () => {
  const ZYML = yaml('zerops:', '  - setup: prod', '    run:', '      base: nodejs@22', '      start: node a', '  - setup: dev', '    run:', '      base: nodejs@22', '      start: node a');
  const imp = (setupName: string, git = 'https://github.com/acme/shop') => yaml('services:', '  - hostname: api', '    type: nodejs@22', `    buildFromGit: ${git}`, `    zeropsSetup: ${setupName}`);
  /** The import checked in a repository whose root zerops.yml is ZYML (its setups through the index). */
  const inRepo = (text: string, remotes = ['git@github.com:acme/shop.git']) => {
    const index = new WorkspaceIndex(undefined, () => 'REPO');
    index.setText('r/zerops.yml', 'r/zerops.yml', ZYML);
    index.setText('r/import.yaml', 'r/import.yaml', text);
    return lint(text, 'import.yaml', { ...index.contextFor('r/import.yaml'), repository: { remotes } })
      .filter((f) => f.rule === 'service-setup-missing');
  };

  test('the real case: zeropsSetup: prd for this repository is an error on the value, fixed to prod', () => {
    const text = imp('prd');
    const found = inRepo(text);
    assert.deepEqual(found.map((f) => text.slice(f.span.start, f.span.end)), ['prd']);
    assert.match(found[0].message, /Did you mean "prod"\?/);
    assert.equal(applyEdits(text, found[0].fixes![0].edits), text.replace('prd', 'prod'));
    assert.equal(inRepo(imp('staging')).length, 1);
  });

  test('look-alikes: a setup that exists, another repository, no remote known, no zeropsSetup, no zerops.yml in the index', () => {
    assert.deepEqual(inRepo(imp('prod')), []);
    assert.deepEqual(inRepo(imp('prd', 'https://github.com/zeropsio/recipe-mailpit')), []);
    assert.deepEqual(inRepo(imp('prd'), []), []);
    assert.deepEqual(inRepo(yaml('services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: https://github.com/acme/shop')), []);
    const bare = new WorkspaceIndex(undefined, () => 'REPO');
    bare.setText('r/import.yaml', 'r/import.yaml', imp('prd'));
    assert.deepEqual(lint(imp('prd'), 'import.yaml', { ...bare.contextFor('r/import.yaml'), repository: { remotes: ['https://github.com/acme/shop'] } }).filter((f) => f.rule === 'service-setup-missing'), []);
  });

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

describe('catch: an empty setup item under zerops:', () => {
  const S = ['  - setup: app', '    run:', '      base: nodejs@22', '      start: node a'];

  test('the real case: a trailing "- " left after deleting a setup, removed by the fix', () => {
    const text = yaml('zerops:', ...S, '  - ');
    const f = zy(text).filter((x) => x.rule === 'schema-required');
    assert.deepEqual(f.map((x) => text.slice(x.span.start, x.span.end)), ['-']);
    assert.equal(applyEdits(text, f[0].fixes![0].edits), yaml('zerops:', ...S));
  });

  test('positives and look-alikes: "- null", "- ~ # x" and a lone "-" are reported; a dash followed by the setup on the next lines, a flow list, and zerops: [] (setups-empty) are not', () => {
    for (const item of ['  - null', '  - ~ # left over', '  -']) assert.equal(zy(yaml('zerops:', ...S, item)).filter((x) => x.rule === 'schema-required').length, 1, item);
    const dashAlone = yaml('zerops:', '  -', '    setup: app', '    run:', '      base: nodejs@22', '      start: node a');
    assert.deepEqual(zy(dashAlone).filter((x) => x.rule === 'schema-required'), []);
    assert.deepEqual(zy('zerops: [{setup: app, run: {base: nodejs@22, start: a}}]\n').filter((x) => x.rule === 'schema-required'), []);
    assert.deepEqual(zy('zerops: []\n').map((x) => x.rule), ['setups-empty']);
    assert.deepEqual(zy(yaml('zerops:', ...S, '  - setup: api', '    run:', '      base: nodejs@22', '      start: node a')).filter((x) => x.rule === 'schema-required'), []);
    assert.deepEqual(zy(yaml('zerops:', ...S, '  - ""')).filter((x) => x.rule === 'schema-required' && x.message.includes('empty entry')), []);
  });
});
