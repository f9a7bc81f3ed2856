import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { filesUnder } from '../server/src/file-access';
import { parseZerops } from '../server/src/model/parse';
import type { FileAccess, RuleFinding } from '../server/src/rules/rule';
import { normalizeGitUrl } from '../server/src/rules/zerops-yml/cross';
import { DEFAULT_SETTINGS } from '../server/src/service/settings';
import { validate } from '../server/src/service/check/validate';
import { indexWorkspace } from '../server/src/service/workspace';
import { forFile, lint as lintAs, node, setup, yaml } from './helpers';
import { ruleTester } from './rule-tester';

// Every check of shared/zerops-yml-spec.md §2 that is implemented: hits, look-alikes that must stay
// silent, and the fix applied. Files are built from lines; `setup(...)` wraps lines as one setup.

const FILE = 'zerops.yml';
const { lint, hits, only, fixed } = forFile(FILE);

describe('the issue\'s examples', () => {
  test('a correct Node.js file gives nothing', () => {
    assert.deepEqual(lint(node('ports:', '  - port: 3000', '    httpSupport: true', 'healthCheck:', '  httpGet:', '    port: 3000', '    path: /health', '  failureTimeout: 90s')), []);
  });
});

describe('schema', () => {
  test('schema-required: no zerops list (old format named), httpGet without path, after extends merging', () => {
    assert.match(only(yaml('app:', '  build:', '    base: nodejs@22'), 'schema-required').message, /old per-hostname format/);
    const old = yaml('api:', '  build:', '    base: nodejs@22', '    deployFiles: ./', '', '  # the runtime', '  run:', '    start: node a.js', 'worker:', '  run:', '    start: node w.js');
    assert.equal(fixed(old, 'schema-required'), yaml('zerops:', '  - setup: api', '    build:', '      base: nodejs@22', '      deployFiles: ./', '', '    # the runtime', '    run:', '      start: node a.js', '  - setup: worker', '    run:', '      start: node w.js'));
    assert.deepEqual(only(yaml('api: x', 'b:', '  run: {}'), 'schema-required').fixes, []);
    assert.deepEqual(hits(node('healthCheck:', '  httpGet:', '    port: 3000'), 'schema-required'), ['httpGet']);
    const merged = yaml('zerops:', '  - setup: base', '    run:', '      healthCheck:', '        httpGet:', '          path: /', '  - setup: app', '    extends: base', '    run:', '      start: a', '      healthCheck:', '        httpGet:', '          port: 3000');
    assert.deepEqual(hits(merged, 'schema-required'), []);
  });
  test('deprecated-field: build.deploy renamed; os next to a composite base, not next to a bare one', () => {
    const text = setup('build:', '  base: nodejs@22', '  deploy: ./', 'run:', '  start: a');
    assert.equal(fixed(text, 'deprecated-field'), setup('build:', '  base: nodejs@22', '  deployFiles: ./', 'run:', '  start: a'));
    assert.deepEqual(hits(node('os: ubuntu'), 'deprecated-field'), []);
    assert.deepEqual(hits(setup('run:', '  base: ubuntu/nodejs@22', '  os: ubuntu', '  start: a'), 'deprecated-field'), ['os']);
  });
});

describe('file', () => {
  test('file-empty, setups-empty, preprocessor-not-expanded', () => {
    assert.equal(only('', 'file-empty').severity, 'error');
    assert.deepEqual(hits('zerops: []\n', 'setups-empty'), ['zerops']);
    assert.deepEqual(hits(node('envVariables:', '  A: <@generateRandomString(<32>)>'), 'preprocessor-not-expanded').length, 1);
    assert.deepEqual(hits(node('envVariables:', '  A: "a < b > c"'), 'preprocessor-not-expanded'), []);
  });
});

describe('bases', () => {
  const withBase = (b: string, r = 'nodejs@22') => setup('build:', `  base: ${b}`, '  deployFiles: ./', 'run:', `  base: ${r}`, '  start: a');
  test('base-unknown with the nearest technology', () => {
    assert.deepEqual(hits(withBase('node@22'), 'base-unknown'), ['node@22']);
    assert.equal(fixed(withBase('node@22'), 'base-unknown'), withBase('nodejs@22'));
    assert.deepEqual(hits(withBase('postgresql@16'), 'base-unknown'), ['postgresql@16']);
  });
  test('base-version-unknown: nodejs@99, python@3.10; both spellings and @latest pass', () => {
    assert.deepEqual(hits(withBase('nodejs@99'), 'base-version-unknown'), ['nodejs@99']);
    assert.deepEqual(hits(withBase('python@3.10', 'python@3.12'), 'base-version-unknown'), ['python@3.10']);
    const f = only(withBase('python@3.10', 'python@3.12'), 'base-version-unknown');
    assert.deepEqual(f.fixes?.map((x) => [x.title, !!x.preferred]), [['Change to python@3.11', false], ['Change to python@3.12', false], ['Change to python@3.14', false]]);
    assert.equal(fixed(withBase('python@3.10', 'python@3.12'), 'base-version-unknown', 'Change to python@3.12'), withBase('python@3.12', 'python@3.12'));
    for (const ok of ['nodejs@22', 'alpine/nodejs@22', 'nodejs@latest', 'ubuntu/nodejs@24', '[php@8.4, nodejs@22]']) assert.deepEqual(hits(withBase(ok, 'php-nginx@8.4'), 'base-version-unknown'), [], ok);
  });
  test('base-version-legacy: nodejs@18 with an offered update that fix-all does not apply', () => {
    const f = only(withBase('nodejs@18'), 'base-version-legacy');
    assert.equal(f.severity, 'warning');
    assert.equal(f.fixes?.[0].preferred, false);
    assert.equal(fixed(withBase('nodejs@18'), 'base-version-legacy'), withBase('nodejs@24'));
  });
  test('base-wrong-phase: php-nginx in build (warning, fix php@), docker in build (error), php in run', () => {
    assert.equal(fixed(withBase('php-nginx@8.4', 'php-nginx@8.4'), 'base-wrong-phase'), withBase('php@8.4', 'php-nginx@8.4'));
    assert.equal(only(withBase('docker@26.1'), 'base-wrong-phase').severity, 'error');
    assert.deepEqual(hits(withBase('php@8.4', 'php@8.4'), 'base-wrong-phase'), ['php@8.4']);
    assert.deepEqual(hits(withBase('php@8.4', 'php-apache@8.4'), 'base-wrong-phase'), []);
  });
  test('base-os-mismatch: alpine/deno@2 and os: alpine with deno@2; no os with deno@2 is fine', () => {
    assert.deepEqual(hits(withBase('nodejs@22', 'alpine/deno@2'), 'base-os-mismatch'), ['alpine/deno@2']);
    assert.deepEqual(hits(setup('run:', '  base: deno@2', '  os: alpine', '  start: a'), 'base-os-mismatch'), ['alpine']);
    assert.deepEqual(hits(setup('run:', '  base: deno@2', '  start: a'), 'base-os-mismatch'), []);
    assert.deepEqual(hits(setup('run:', '  base: nodejs@22', '  os: ubuntu', '  start: a'), 'base-os-mismatch'), []);
  });
  test('os-build-run-differ only when the build installs packages', () => {
    const t = (cmd: string) => setup('build:', '  base: nodejs@22', '  buildCommands:', `    - ${cmd}`, '  deployFiles: ./', 'run:', '  base: nodejs@22', '  os: ubuntu', '  start: a');
    assert.deepEqual(hits(t('npm ci'), 'os-build-run-differ'), ['os']);
    assert.deepEqual(hits(t('echo hi'), 'os-build-run-differ'), []);
  });
});

describe('setups and extends', () => {
  test('setup-duplicate on the second only', () => {
    const text = node() + yaml('  - setup: app', '    run:', '      start: b');
    assert.equal(hits(text, 'setup-duplicate').length, 1);
    assert.equal(lint(text).find((f) => f.rule === 'setup-duplicate')!.span.start, text.lastIndexOf('app'));
  });
  test('extends-unknown with the nearest setup; extends-cycle; templates skip required checks', () => {
    const text = yaml('zerops:', '  - setup: base', '    run:', '      base: nodejs@22', '  - setup: prod', '    extends: bsae', '    run:', '      start: a');
    assert.equal(fixed(text, 'extends-unknown'), text.replace('bsae', 'base'));
    const cyc = yaml('zerops:', '  - setup: a', '    extends: b', '    run:', '      start: x', '  - setup: b', '    extends: a', '    run:', '      start: y');
    assert.equal(hits(cyc, 'extends-cycle').length, 2);
    // base is a template: no start-missing on it; prod inherits base's run.base and has start.
    const tmpl = yaml('zerops:', '  - setup: base', '    run:', '      base: nodejs@22', '  - setup: prod', '    extends: [base]', '    run:', '      start: node a');
    assert.deepEqual(lint(tmpl), []);
  });
  test('run-missing and deploy-files-missing after merging', () => {
    assert.deepEqual(hits(setup('build:', '  base: nodejs@22', '  deployFiles: ./'), 'run-missing'), ['app']);
    const text = setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', 'run:', '  start: a');
    assert.deepEqual(hits(text, 'deploy-files-missing'), ['build']);
    assert.match(fixed(text, 'deploy-files-missing'), / {6}deployFiles: \.\//);
    const inherited = yaml('zerops:', '  - setup: base', '    build:', '      deployFiles: ./', '  - setup: app', '    extends: base', '    build:', '      base: nodejs@22', '    run:', '      start: a');
    assert.deepEqual(hits(inherited, 'deploy-files-missing'), []);
  });
  test('deploy-files-empty and deploy-files-path; ~ is a valid wildcard', () => {
    assert.deepEqual(hits(setup('build:', '  deployFiles: []', 'run:', '  start: a'), 'deploy-files-empty'), ['[]']);
    assert.deepEqual(hits(setup('build:', '  deployFiles:', '    - /etc/x', '    - ../up', '    - dist/~', '    - ./src/~/a', 'run:', '  start: a'), 'deploy-files-path'), ['/etc/x', '../up']);
  });
});

describe('build', () => {
  test('cache-path, add-to-run-prepare-unused, prepare-commands-app-files', () => {
    assert.deepEqual(hits(setup('build:', '  deployFiles: ./', '  cache:', '    - /abs', '    - .next/cache', '    - node_modules', 'run:', '  start: a'), 'cache-path'), ['/abs', '.next/cache']);
    assert.deepEqual(hits(setup('build:', '  deployFiles: ./', '  addToRunPrepare: ./x', 'run:', '  start: a'), 'add-to-run-prepare-unused'), ['addToRunPrepare']);
    assert.deepEqual(hits(setup('build:', '  deployFiles: ./', '  addToRunPrepare: ./x', 'run:', '  start: a', '  prepareCommands:', '    - cp /home/zerops/x .'), 'add-to-run-prepare-unused'), []);
    assert.deepEqual(hits(setup('run:', '  start: a', '  prepareCommands:', '    - cd /var/www && npm ci', '    - cp /home/zerops/x /tmp'), 'prepare-commands-app-files'), ['cd /var/www && npm ci']);
  });
  test('pkg-install-no-sudo with a sudo fix; pkg-manager-os', () => {
    const text = setup('run:', '  start: a', '  prepareCommands:', '    - apk add curl', '    - sudo apk add git');
    assert.equal(fixed(text, 'pkg-install-no-sudo'), text.replace('- apk add curl', '- sudo apk add curl'));
    assert.deepEqual(hits(setup('run:', '  start: a', '  prepareCommands:', '    - sudo apt-get install -y x'), 'pkg-manager-os'), ['apt-get']);
    assert.deepEqual(hits(setup('run:', '  os: ubuntu', '  start: a', '  prepareCommands:', '    - sudo apt-get install -y x'), 'pkg-manager-os'), []);
  });
});

describe('run and start', () => {
  test('start-missing on a language runtime, not on php or static, nor with startCommands', () => {
    assert.deepEqual(hits(setup('run:', '  base: nodejs@22'), 'start-missing'), ['app']);
    assert.deepEqual(hits(setup('run:', '  base: php-nginx@8.4'), 'start-missing'), []);
    assert.deepEqual(hits(setup('run:', '  base: static'), 'start-missing'), []);
    assert.deepEqual(hits(setup('run:', '  base: nodejs@22', '  startCommands:', '    - command: a'), 'start-missing'), []);
  });
  test('start-and-start-commands, start-build-command, start-binds-localhost', () => {
    assert.deepEqual(hits(node('startCommands:', '  - command: b'), 'start-and-start-commands'), ['startCommands']);
    assert.deepEqual(hits(setup('run:', '  start: npm install && node a'), 'start-build-command'), ['npm install && node a']);
    assert.deepEqual(hits(setup('run:', '  start: node install.js'), 'start-build-command'), []);
    assert.deepEqual(hits(setup('run:', '  start: uvicorn app:app --host 127.0.0.1'), 'start-binds-localhost'), ['uvicorn app:app --host 127.0.0.1']);
    assert.deepEqual(hits(setup('run:', '  start: uvicorn app:app --host 0.0.0.0'), 'start-binds-localhost'), []);
  });
  test('docker-network-host and docker-latest-tag', () => {
    const d = (start: string, ...prep: string[]) => setup('run:', '  base: docker@26.1', `  start: ${start}`, ...(prep.length ? ['  prepareCommands:', ...prep.map((p) => `    - ${p}`)] : []));
    assert.deepEqual(hits(d('docker run -p 80:80 nginx:1.27'), 'docker-network-host'), ['docker run -p 80:80 nginx:1.27']);
    assert.deepEqual(hits(d('docker run --network=host nginx:1.27'), 'docker-network-host'), []);
    assert.deepEqual(hits(d('docker run --network=host app', 'docker pull app:latest'), 'docker-latest-tag').length, 2);
    assert.deepEqual(hits(d('docker run --network=host app:1.2', 'docker pull app:1.2'), 'docker-latest-tag'), []);
    assert.deepEqual(hits(d('docker run --network=host -d -p 80:80 --name web nginx:1.27 serve'), 'docker-latest-tag'), [], 'a flag does not take the image as its value');
    assert.deepEqual(hits(d('docker run --network=host -d -e A=b nginx serve'), 'docker-latest-tag'), ['docker run --network=host -d -e A=b nginx serve']);
  });
  test('routing-non-static, webserver-key-non-webserver, routing-redirect, routing-header-quoting', () => {
    assert.deepEqual(hits(node('routing:', '  cors: "*"'), 'routing-non-static'), ['routing']);
    assert.deepEqual(hits(setup('run:', '  base: static', '  routing:', '    cors: "*"'), 'routing-non-static'), []);
    assert.deepEqual(hits(node('documentRoot: public'), 'webserver-key-non-webserver'), ['documentRoot']);
    assert.deepEqual(hits(setup('run:', '  base: php-nginx@8.4', '  documentRoot: public'), 'webserver-key-non-webserver'), []);
    const st = (...r: string[]) => setup('run:', '  base: static', '  routing:', ...r.map((l) => `    ${l}`));
    assert.deepEqual(hits(st('redirects:', '  - from: /a', '    to: https://x.io/'), 'routing-redirect'), ['https://x.io/']);
    assert.deepEqual(hits(st('redirects:', '  - from: /a', '    to: https://x.io/', '    status: 301'), 'routing-redirect'), []);
    assert.deepEqual(hits(st('headers:', '  - for: /', '    values:', '      Cache-Control: max-age=3600, public', '      X-Ok: "\'a b\'"'), 'routing-header-quoting'), ['max-age=3600, public']);
  });
});

describe('ports', () => {
  test('port-protocol-case fixes to lower case; port-duplicate ignores another protocol', () => {
    assert.equal(fixed(node('ports:', '  - port: 3000', '    protocol: TCP'), 'port-protocol-case'), node('ports:', '  - port: 3000', '    protocol: tcp'));
    assert.deepEqual(hits(node('ports:', '  - port: 1514', '    protocol: udp', '  - port: 1514', '  - port: 1514', '    protocol: tcp'), 'port-duplicate'), ['1514']);
  });
  test('port-http-udp, port-443, port-webserver-non80', () => {
    assert.deepEqual(hits(node('ports:', '  - port: 53', '    protocol: udp', '    httpSupport: true'), 'port-http-udp'), ['true']);
    assert.deepEqual(hits(node('ports:', '  - port: 53', '    protocol: udp'), 'port-http-udp'), []);
    assert.deepEqual(hits(node('ports:', '  - port: 443'), 'port-443'), ['443']);
    assert.deepEqual(hits(setup('run:', '  base: php-nginx@8.4', '  ports:', '    - port: 8080'), 'port-webserver-non80'), ['ports']);
    assert.deepEqual(hits(setup('run:', '  base: php-nginx@8.4', '  siteConfigPath: site.conf.tmpl', '  ports:', '    - port: 8080'), 'port-webserver-non80'), []);
  });
});

describe('probes', () => {
  test('probe-duration: 60 → 60s (fix-all), 5 → 10s offered, 90s and 1m30s pass, 5s and 2h out of range', () => {
    const t = (v: string) => node('healthCheck:', '  exec:', '    command: a', `  failureTimeout: ${v}`);
    assert.equal(fixed(t('60'), 'probe-duration'), t('60s'));
    assert.equal(only(t('60'), 'probe-duration').fixes?.[0].preferred, true);
    assert.equal(only(t('5'), 'probe-duration').fixes?.[0].preferred, false);
    for (const ok of ['90s', '1m30s', '"5m"', '1h']) assert.deepEqual(hits(t(ok), 'probe-duration'), [], ok);
    assert.deepEqual(hits(t('5s'), 'probe-duration'), ['5s']);
    assert.deepEqual(hits(t('2h'), 'probe-duration'), ['2h']);
    assert.deepEqual(hits(t('90 s'), 'probe-duration'), ['90 s']);
    assert.deepEqual(hits(t('60'), 'schema-value-type'), [], 'a duration is never a type error');
  });
  test('probe-port-undeclared, not for port 80 on php; probe-noop-start; probe-scheme', () => {
    const hc = (port: number) => ['healthCheck:', '  httpGet:', `    port: ${port}`, '    path: /'];
    assert.deepEqual(hits(node('ports:', '  - port: 3000', ...hc(8080)), 'probe-port-undeclared'), ['8080']);
    assert.deepEqual(hits(node('ports:', '  - port: 3000', ...hc(3000)), 'probe-port-undeclared'), []);
    assert.deepEqual(hits(setup('run:', '  base: php-nginx@8.4', '  ports:', '    - port: 8080', ...hc(80).map((l) => `  ${l}`)), 'probe-port-undeclared'), []);
    assert.deepEqual(hits(setup('run:', '  base: nodejs@22', '  start: zsc noop --silent', ...hc(3000).map((l) => `  ${l}`)), 'probe-noop-start'), ['httpGet']);
    assert.deepEqual(hits(node('healthCheck:', '  httpGet:', '    port: 3000', '    path: /', '    scheme: HTTPS'), 'probe-scheme'), ['HTTPS']);
  });
});

describe('cron', () => {
  test('cron-all-containers-missing with an offered fix; cron-timing-invalid', () => {
    const text = node('crontab:', '  - timing: "0 * * * *"', '    command: php artisan schedule:run');
    assert.equal(fixed(text, 'cron-all-containers-missing'), node('crontab:', '  - timing: "0 * * * *"', '    command: php artisan schedule:run', '    allContainers: false'));
    const t = (timing: string) => node('crontab:', `  - timing: "${timing}"`, '    command: a', '    allContainers: false');
    for (const bad of ['* * * *', '60 * * * *', '0 24 * * *', '0 0 0 * *', '0 0 * 13 *', '0 0 * * 8']) assert.equal(hits(t(bad), 'cron-timing-invalid').length, 1, bad);
    for (const ok of ['*/5 * * * *', '0 0 1-15 * 1,3,5', '0 0 * * 7', '30 2 * * 0']) assert.deepEqual(hits(t(ok), 'cron-timing-invalid'), [], ok);
  });
});

describe('env', () => {
  test('env-zerops-prefix in any case, env-key-invalid, env-system-key per regime', () => {
    assert.deepEqual(hits(node('envVariables:', '  ZEROPS_X: 1', '  zerops_y: 2', '  MY_ZEROPS: 3', '  ZEROPSX: 4', '  ZEROP_X: 5', '  X_ZEROPS_Y: 6'), 'env-zerops-prefix'), ['ZEROPS_X', 'zerops_y']);
    // Upper case is certain (an error); another case rests on one measurement (zerops-facts.md §11): a warning that says so.
    const levels = lint(node('envVariables:', '  ZEROPS_X: 1', '  zerops_y: 2', '  Zerops_Z: 3')).filter((f) => f.rule === 'env-zerops-prefix');
    assert.deepEqual(levels.map((f) => f.severity), ['error', 'warning', 'warning']);
    assert.match(levels[1].message, /one live measurement/);
    assert.deepEqual(hits(node('envVariables:', '  my-var: 1', '  MY_VAR: 2'), 'env-key-invalid'), ['my-var']);
    assert.deepEqual(hits(node('envVariables:', '  PATH: x', '  HOSTNAME: y', '  HOME: /home/zerops', '  PORT: 3000'), 'env-system-key'), ['PATH', 'HOSTNAME']);
    assert.deepEqual(hits(setup('build:', '  deployFiles: ./', '  envVariables:', '    HOSTNAME: y', 'run:', '  start: a'), 'env-system-key'), []);
  });
  test('env-self-shadow deletes the line; env-build-prefix-in-run; env-value-format; env-subdomain-multiport', () => {
    const text = node('envVariables:', '  DB_HOST: ${DB_HOST}', '  B: ${db_hostname}');
    assert.equal(fixed(text, 'env-self-shadow'), node('envVariables:', '  B: ${db_hostname}'));
    assert.deepEqual(hits(node('envVariables:', '  V: ${BUILD_VERSION}'), 'env-build-prefix-in-run'), ['${BUILD_VERSION}']);
    assert.deepEqual(hits(node('envVariables:', '  V: "héllo"', '  W: plain'), 'env-value-format'), ['"héllo"']);
    const two = node('ports:', '  - port: 3000', '    httpSupport: true', '  - port: 4000', '    httpSupport: true', 'envVariables:', '  URL: ${zeropsSubdomain}');
    assert.deepEqual(hits(two, 'env-subdomain-multiport'), ['${zeropsSubdomain}']);
  });
});

describe('per-kind default levels', () => {
  test('schema-unknown-key stays an error in an import file', () => {
    const f = lintAs(yaml('services:', '  - hostName: app', '    type: nodejs@22'), 'import.yaml').find((x) => x.rule === 'schema-unknown-key');
    assert.equal(f?.severity, 'error');
  });
});

describe('cross-file (zerops.yml against the workspace imports)', () => {
  const ZY = yaml('zerops:', '  - setup: prod', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: nodejs@22', '      start: node a.js',
    '      envVariables:', '        SECRET_KEY: x', '        DB: ${db_hostname}', '        C: ${cahce_hostname}', '        U: ${MEDUSA_URL}', '        L: ${LOCAL_ONLY}', '        P: ${db_pasword}');
  const IMPORT = (svc: string[]) => yaml('project:', '  name: p', '  envVariables:', '    MEDUSA_URL: x', 'services:', ...svc.map((l) => `  ${l}`),
    '  - hostname: db', '    type: postgresql@16', '  - hostname: cache', '    type: valkey@7.2', '  - hostname: mailpit', '    type: go@1', '    buildFromGit: https://github.com/zeropsio/recipe-mailpit');
  const run = (importText: string, zy = ZY, remotes = ['git@github.com:acme/shop.git']) => {
    const index = indexWorkspace([{ fileName: 'repo/zerops.yml', text: zy }, { fileName: 'repo/zerops-project-import.yml', text: importText }]);
    return validate(parseZerops(zy, { fileName: 'repo/zerops.yml' }), DEFAULT_SETTINGS, { external: index.servicesFor('repo/zerops.yml'), repository: { remotes } });
  };
  const of = (fs: RuleFinding[], rule: string, text = ZY) => fs.filter((f) => f.rule === rule).map((f) => `${f.severity} ${text.slice(f.span.start, f.span.end)}`);
  const api = (...more: string[]) => ['- hostname: api', '  type: nodejs@22', ...more.map((l) => `  ${l}`)];

  test('service-setup-missing: error for this repository, silent for another and without buildFromGit', () => {
    assert.deepEqual(of(run(IMPORT(api('buildFromGit: https://github.com/acme/shop@main', 'zeropsSetup: prd'))), 'service-setup-missing'), ['error zerops']);
    assert.deepEqual(of(run(IMPORT(api('buildFromGit: https://github.com/other/repo', 'zeropsSetup: prd'))), 'service-setup-missing'), []);
    assert.deepEqual(of(run(IMPORT(api('buildFromGit: https://github.com/acme/shop', 'zeropsSetup: prd')), ZY, []), 'service-setup-missing'), [], 'remote unknown: silent');
    assert.deepEqual(of(run(IMPORT(api())), 'service-setup-missing'), []);
    assert.deepEqual(of(run(IMPORT(api('buildFromGit: https://github.com/acme/shop.git', 'zeropsSetup: prod'))), 'service-setup-missing'), []);
  });
  test('setup-unknown-service and setup-managed-service', () => {
    assert.deepEqual(of(run(IMPORT(api())), 'setup-unknown-service'), ['hint prod']);
    assert.deepEqual(of(run(IMPORT(api('zeropsSetup: prod', 'buildFromGit: https://github.com/acme/shop'))), 'setup-unknown-service'), []);
    const dbSetup = ZY.replace('setup: prod', 'setup: db');
    assert.deepEqual(of(run(IMPORT(api()), dbSetup), 'setup-managed-service', dbSetup), ['warning db']);
  });
  test('env-secret-collision, subdomain-no-http-port, base-type-mismatch on the service using the setup', () => {
    const fs = run(IMPORT(api('zeropsSetup: prod', 'buildFromGit: https://github.com/acme/shop', 'enableSubdomainAccess: true', 'envSecrets:', '  SECRET_KEY: y')));
    assert.deepEqual(of(fs, 'env-secret-collision'), ['warning SECRET_KEY']);
    assert.deepEqual(of(fs, 'subdomain-no-http-port'), ['warning prod']);
    assert.deepEqual(of(fs, 'base-type-mismatch'), []);
    const py = run(IMPORT(['- hostname: prod', '  type: python@3.12']));
    assert.deepEqual(of(py, 'base-type-mismatch'), ['info nodejs@22']);
    assert.deepEqual(of(run(IMPORT(['- hostname: prod', '  type: alpine/nodejs@24'])), 'base-type-mismatch'), []);
  });
  test('references: unknown service (nearest hostname), unknown variable as a hint for partial lists, unknown local as info', () => {
    const fs = run(IMPORT(api()));
    assert.deepEqual(of(fs, 'reference-unknown-service'), ['warning cahce']);
    assert.deepEqual(of(fs, 'reference-unknown-variable'), ['hint ${db_pasword}']);
    assert.deepEqual(of(fs, 'reference-unknown-local'), ['info ${LOCAL_ONLY}']);
    // Without import files nothing is known to be missing.
    const alone = validate(parseZerops(ZY, { fileName: 'zerops.yml' }), DEFAULT_SETTINGS);
    assert.deepEqual(alone.filter((f) => f.rule.startsWith('reference-')), []);
  });
  test('git URLs compare across spellings', () => {
    for (const u of ['https://github.com/Acme/Shop.git', 'git@github.com:acme/shop.git', 'ssh://git@github.com/acme/shop', 'https://github.com/acme/shop@main', 'https://user@github.com/acme/shop/']) {
      assert.equal(normalizeGitUrl(u), 'github.com/acme/shop', u);
    }
    assert.notEqual(normalizeGitUrl('https://github.com/acme/shop2'), 'github.com/acme/shop');
  });
});

describe('inline zeropsYaml in an import file', () => {
  const imp = (...zy: string[]) => yaml('services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: https://github.com/acme/shop', '    zeropsSetup: prod', '    envSecrets:', '      KEY: s',
    '    zeropsYaml:', '      zerops:', ...zy.map((l) => `        ${l}`), '  - hostname: db', '    type: postgresql@16');
  test('is checked as that service\'s zerops.yml, reported in the import file', () => {
    const text = imp('- setup: prod', '  build:', '    base: nodejs@99', '    deployFiles: ./', '  run:', '    base: nodejs@22', '    start: node a', '    ports:', '      - port: 99999',
      '    healthCheck:', '      exec:', '        command: a', '      failureTimeout: 60', '    envVariables:', '      KEY: y');
    const fs = lintAs(text, 'import.yaml');
    const got = (rule: string) => fs.filter((f) => f.rule === rule).map((f) => text.slice(f.span.start, f.span.end));
    assert.deepEqual(got('base-version-unknown'), ['nodejs@99']);
    assert.deepEqual(got('port-range'), ['99999']);
    assert.deepEqual(got('probe-duration'), ['60']);
    assert.deepEqual(got('env-secret-collision'), ['KEY']);
    assert.deepEqual(got('schema-unknown-key'), []);
  });
  test('a setup the service asks for but the inline file lacks is an error; the preprocessor is fine in an import', () => {
    const text = imp('- setup: dev', '  run:', '    base: nodejs@22', '    start: node a', '    envVariables:', '      T: <@generateRandomString(<32>)>');
    const fs = lintAs(text, 'import.yaml');
    assert.deepEqual(fs.filter((f) => f.rule === 'service-setup-missing').map((f) => f.severity), ['error']);
    assert.deepEqual(fs.filter((f) => f.rule === 'preprocessor-not-expanded'), []);
  });
});

describe('site-config-not-deployed', () => {
  const php = (deploy: string[], site: string) => setup('build:', '  base: php@8.4', '  deployFiles:', ...deploy.map((d) => `    - ${d}`), 'run:', '  base: php-nginx@8.4', `  siteConfigPath: ${site}`);
  test('a config outside the deployed paths; covered paths, ./ and wildcards are silent', () => {
    assert.deepEqual(hits(php(['public', 'vendor'], 'site.conf.tmpl'), 'site-config-not-deployed'), ['site.conf.tmpl']);
    assert.deepEqual(hits(php(['public', 'config'], './config/site.conf.tmpl'), 'site-config-not-deployed'), []);
    assert.deepEqual(hits(php(['./'], 'site.conf.tmpl'), 'site-config-not-deployed'), []);
    assert.deepEqual(hits(php(['dist/~'], 'site.conf.tmpl'), 'site-config-not-deployed'), []);
  });

  // The repository around the zerops.yml, on disk: the checks read it through the context's file access.
  /** A folder holding `files`: a git work tree (a `.git/HEAD`) unless `git` is false. */
  const repo = (files: Record<string, string>, git = true) => {
    const dir = mkdtempSync(join(tmpdir(), 'zerops-site-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of Object.entries(git ? { ...files, '.git/HEAD': 'ref: refs/heads/main\n' } : files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return filesUnder(dir, dir);
  };
  const inRepo = (text: string, files: FileAccess | undefined, rule: string) =>
    validate(parseZerops(text, { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, { fileName: 'zerops.yml', files })
      .filter((f) => f.rule === rule).map((f) => `${f.severity} ${text.slice(f.span.start, f.span.end)}`);
  const TEMPLATE = 'server {\n  listen 80;\n  root {{.DocumentRoot}};\n}\n';
  const PLAIN = 'server {\n  listen 80;\n  root /var/www/public;\n  location ~ \\.php$ { fastcgi_pass unix:{{ not a template }}; }\n}\n';

  test('deployed as it is (./, or a folder on its path) but missing from the repository: a warning; present, or no repository to read, silent', () => {
    const files = repo({ 'config/other.conf': PLAIN, 'site.conf.tmpl': TEMPLATE });
    assert.deepEqual(inRepo(php(['./'], 'site.conf.tmpl'), files, 'site-config-not-deployed'), []);
    assert.deepEqual(inRepo(php(['./'], 'nginx.conf.tmpl'), files, 'site-config-not-deployed'), ['warning nginx.conf.tmpl']);
    const missing = validate(parseZerops(php(['./'], 'nginx.conf.tmpl'), { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, { files }).find((f) => f.rule === 'site-config-not-deployed');
    assert.match(missing?.message ?? '', /not in the repository/);
    assert.deepEqual(inRepo(php(['public', 'config'], 'config/site.conf.tmpl'), files, 'site-config-not-deployed'), ['warning config/site.conf.tmpl']);
    assert.deepEqual(inRepo(php(['public', 'config'], './config/other.conf'), files, 'site-config-not-deployed'), []);
    assert.deepEqual(inRepo(php(['public', 'config/'], 'config/nested/site.conf.tmpl'), files, 'site-config-not-deployed'), ['warning config/nested/site.conf.tmpl']);
    // A path the build may write or rename (`~`), one outside the repository, or no repository at all: silent.
    assert.deepEqual(inRepo(php(['dist/~'], 'nginx.conf.tmpl'), files, 'site-config-not-deployed'), []);
    assert.deepEqual(inRepo(php(['./'], '../nginx.conf.tmpl'), files, 'site-config-not-deployed'), []);
    assert.deepEqual(inRepo(php(['./'], 'nginx.conf.tmpl'), undefined, 'site-config-not-deployed'), []);
    // Outside every entry, the old finding; it does not also read the disk.
    assert.deepEqual(inRepo(php(['public'], 'nginx.conf.tmpl'), files, 'site-config-not-deployed'), ['warning nginx.conf.tmpl']);
  });

  test('issue 22: a folder that is no git work tree has no "repository" to miss the file from: silent; a work tree above, or a linked worktree, counts', () => {
    const loose = repo({ 'config/other.conf': PLAIN }, false);
    for (const site of ['nginx.conf.tmpl', 'site.conf', 'config/site.conf.tmpl', './config/missing.conf', 'conf/nginx.conf']) {
      assert.deepEqual(inRepo(php(['./'], site), loose, 'site-config-not-deployed'), [], site);
    }
    // Not deployed at all is still reported without git: that needs no repository.
    assert.deepEqual(inRepo(php(['public'], 'nginx.conf.tmpl'), loose, 'site-config-not-deployed'), ['warning nginx.conf.tmpl']);
    // zerops.yml in a subfolder of a work tree: the .git above counts.
    const dir = mkdtempSync(join(tmpdir(), 'zerops-site-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git/HEAD'), 'ref: refs/heads/main\n');
    mkdirSync(join(dir, 'app'));
    assert.deepEqual(inRepo(php(['./'], 'nginx.conf.tmpl'), filesUnder(dir, join(dir, 'app')), 'site-config-not-deployed'), ['warning nginx.conf.tmpl']);
    // A linked worktree has a .git file.
    const wt = repo({ '.git': 'gitdir: /elsewhere/.git/worktrees/x\n' }, false);
    assert.deepEqual(inRepo(php(['./'], 'nginx.conf.tmpl'), wt, 'site-config-not-deployed'), ['warning nginx.conf.tmpl']);
  });

  describe('site-config-not-template', () => {
    test('{{. in a file whose name does not end in .tmpl: a hint naming the .tmpl name', () => {
      const files = repo({ 'site.conf': TEMPLATE, 'config/nginx.conf': TEMPLATE });
      assert.deepEqual(inRepo(php(['./'], 'site.conf'), files, 'site-config-not-template'), ['hint site.conf']);
      assert.deepEqual(inRepo(php(['public', 'config'], './config/nginx.conf'), files, 'site-config-not-template'), ['hint ./config/nginx.conf']);
      const f = validate(parseZerops(php(['./'], 'site.conf'), { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, { files }).find((x) => x.rule === 'site-config-not-template')!;
      assert.match(f.message, /site\.conf\.tmpl/);
    });

    test('look-alikes: a .tmpl with {{., a file without {{. (plain nginx, {{ with a space), a missing file, no repository, a file outside it, a ~ entry', () => {
      const files = repo({ 'site.conf.tmpl': TEMPLATE, 'plain.conf': PLAIN, 'dist/site.conf': TEMPLATE });
      assert.deepEqual(inRepo(php(['./'], 'site.conf.tmpl'), files, 'site-config-not-template'), []);
      assert.deepEqual(inRepo(php(['./'], 'plain.conf'), files, 'site-config-not-template'), []);
      assert.deepEqual(inRepo(php(['./'], 'missing.conf'), files, 'site-config-not-template'), []);
      assert.deepEqual(inRepo(php(['./'], 'dist/site.conf'), undefined, 'site-config-not-template'), []);
      assert.deepEqual(inRepo(php(['./'], '../site.conf'), files, 'site-config-not-template'), []);
      // dist/~ puts dist/site.conf at site.conf in the container: which repository file that is, the build decides.
      assert.deepEqual(inRepo(php(['dist/~'], 'site.conf'), files, 'site-config-not-template'), []);
    });
  });
});

describe('file-name-shadowed', () => {
  test('zerops.yml beside zerops.yaml is reported on zerops.yml only; another folder does not count', () => {
    const text = node();
    const index = indexWorkspace([{ fileName: 'a/zerops.yml', text }, { fileName: 'a/zerops.yaml', text }, { fileName: 'b/zerops.yml', text }]);
    const check = (f: string) => validate(parseZerops(text, { fileName: f }), DEFAULT_SETTINGS, { external: index.servicesFor(f), ...index.contextFor(f) })
      .filter((x) => x.rule === 'file-name-shadowed').map((x) => text.slice(x.span.start, x.span.end));
    assert.deepEqual(check('a/zerops.yml'), ['zerops']);
    assert.deepEqual(check('a/zerops.yaml'), []);
    assert.deepEqual(check('b/zerops.yml'), []);
  });
});

describe('env-build-prefix-in-run: ${RUNTIME_X} in build', () => {
  test('a hint when X is defined nowhere visible, with import files; silent when run defines it', () => {
    const zy = setup('build:', '  base: nodejs@22', '  deployFiles: ./', '  envVariables:', '    A: ${RUNTIME_API_URL}', '    B: ${RUNTIME_NOPE}', 'run:', '  base: nodejs@22', '  start: a', '  envVariables:', '    API_URL: x');
    const index = indexWorkspace([{ fileName: 'zerops.yml', text: zy }, { fileName: 'import.yaml', text: yaml('services:', '  - hostname: app', '    type: nodejs@22') }]);
    const fs = validate(parseZerops(zy, { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, { external: index.servicesFor('zerops.yml') });
    assert.deepEqual(fs.filter((f) => f.rule === 'env-build-prefix-in-run').map((f) => `${f.severity} ${zy.slice(f.span.start, f.span.end)}`), ['hint ${RUNTIME_NOPE}']);
    assert.deepEqual(hits(zy, 'env-build-prefix-in-run'), [], 'without import files nothing is known to be missing');
  });
});

describe('fix-all on zerops.yml', () => {
  test('a deployFiles under run is not moved next to build.deploy, which the rename turns into deployFiles', () => {
    const text = setup('build:', '  base: nodejs@22', '  deploy: ./dist', 'run:', '  start: a', '  deployFiles: x');
    const f = only(text, 'schema-unknown-key');
    assert.deepEqual(f.fixes, []);
    assert.match(f.message, /belongs under "build"/);
  });
});

// Classes of false alarm found by running the rules over 41 real zerops.yml files of public repositories
// (the files stay outside the repository; these look-alikes are written here).
describe('precision on real-world patterns', () => {
  const prep = (...cmds: string[]) => setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', ...cmds.map((c) => `    - ${c}`));
  test('prepare-commands-app-files: writing or installing into /var/www is fine; reading the app\'s files is not', () => {
    assert.deepEqual(hits(prep('mkdir -p /var/www/agent'), 'prepare-commands-app-files'), []);
    assert.deepEqual(hits(prep('tar xzf /home/zerops/tool.tgz -C /var/www/tool'), 'prepare-commands-app-files'), []);
    assert.deepEqual(hits(prep('cd /var/www && curl -Lo setup.sh https://example.com/setup.sh && bash setup.sh'), 'prepare-commands-app-files'), []);
    assert.deepEqual(hits(prep('cd /var/www && python3 -m venv .venv && .venv/bin/pip install "flask==3.0.0"'), 'prepare-commands-app-files'), []);
    assert.deepEqual(hits(prep('npm install -g pm2', 'pip install -r requirements.txt'), 'prepare-commands-app-files'), [], 'no /var/www: the addToRunPrepare way');
    assert.deepEqual(hits(prep('cd /var/www && npm install'), 'prepare-commands-app-files'), ['cd /var/www && npm install']);
    assert.deepEqual(hits(prep('pip install -r /var/www/requirements.txt'), 'prepare-commands-app-files'), ['pip install -r /var/www/requirements.txt']);
    assert.deepEqual(hits(prep('cd /var/www && composer install --no-dev'), 'prepare-commands-app-files'), ['cd /var/www && composer install --no-dev']);
    const block = setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', '    - |', '      cd /var/www', '      yarn');
    assert.equal(hits(block, 'prepare-commands-app-files').length, 1, 'a block script reading the app too');
  });
  test('start-missing: a development setup is only a hint; other names keep the warning', () => {
    const level = (name: string) => lint(yaml('zerops:', `  - setup: ${name}`, '    run:', '      base: python@3.12')).filter((f) => f.rule === 'start-missing').map((f) => f.severity);
    assert.deepEqual(level('dev'), ['hint']);
    assert.deepEqual(level('appdev'), ['hint']);
    assert.deepEqual(level('api-dev'), ['hint']);
    assert.deepEqual(level('development'), ['hint']);
    assert.deepEqual(level('prod'), ['warning']);
    assert.deepEqual(level('devicesapi'), ['warning'], '"dev" inside a word is not a development setup');
    assert.match(only(yaml('zerops:', '  - setup: dev', '    run:', '      base: nodejs@22'), 'start-missing').message, /zsc noop --silent/);
  });
  test('probe-port-undeclared is a hint: an internal health port beside the public ones is deliberate', () => {
    const hc = (p: number) => ['healthCheck:', '  httpGet:', `    port: ${p}`, '    path: /healthz'];
    const f = only(node('ports:', '  - port: 8080', '    httpSupport: true', '  - port: 8082', '    httpSupport: true', ...hc(8081)), 'probe-port-undeclared');
    assert.equal(f.severity, 'hint');
    assert.match(f.message, /inside the container/);
    assert.deepEqual(hits(node('ports:', '  - port: 8080', ...hc(8080)), 'probe-port-undeclared'), []);
    assert.deepEqual(hits(node(...hc(9000)), 'probe-port-undeclared'), [], 'no ports declared: nothing to compare with');
    assert.deepEqual(hits(setup('run:', '  base: static', '  ports:', '    - port: 8080', '  healthCheck:', '    httpGet:', '      port: 80', '      path: /'), 'probe-port-undeclared'), []);
  });
  test('deploy-files-path: a lone / is the build tree; /dist and ../x still warn', () => {
    const df = (...paths: string[]) => setup('build:', '  base: elixir@1.16', '  deployFiles:', ...paths.map((p) => `    - ${p}`), 'run:', '  base: alpine@3.21', '  start: ./bin/app start');
    assert.deepEqual(hits(df('/'), 'deploy-files-path'), []);
    assert.deepEqual(hits(setup('build:', '  deployFiles: /', 'run:', '  start: a'), 'deploy-files-path'), []);
    assert.deepEqual(hits(df('./', '_build/prod/rel/~'), 'deploy-files-path'), []);
    assert.deepEqual(hits(df('/dist', '../shared'), 'deploy-files-path'), ['/dist', '../shared']);
  });
  test('cron-all-containers-missing is a hint, as docs examples and official recipes leave the key out', () => {
    const cron = (...job: string[]) => node('crontab:', ...job.map((l) => `  ${l}`));
    assert.equal(only(cron('- timing: "0 3 * * *"', '  command: ./backup.sh'), 'cron-all-containers-missing').severity, 'hint');
    assert.deepEqual(hits(cron('- timing: "0 3 * * *"', '  command: ./backup.sh', '  allContainers: false'), 'cron-all-containers-missing'), []);
    assert.deepEqual(hits(cron('- timing: "*/5 * * * *"', '  command: x', '  allContainers: true', '  workingDir: /var/www'), 'cron-all-containers-missing'), []);
    assert.deepEqual(hits(node(), 'cron-all-containers-missing'), []);
  });
  test('base-type-mismatch: a release run on bare alpine/ubuntu is the usual compiled-stack pattern', () => {
    const zy = (runBase: string) => yaml('zerops:', '  - setup: api', '    build:', '      base: elixir@1.16', '      deployFiles: _build/prod/rel/app/~', '    run:', `      base: ${runBase}`, '      start: bin/app start');
    const mismatch = (runBase: string, type: string) => {
      const text = zy(runBase);
      const index = indexWorkspace([{ fileName: 'r/zerops.yml', text }, { fileName: 'r/import.yaml', text: yaml('services:', '  - hostname: api', `    type: ${type}`) }]);
      return validate(parseZerops(text, { fileName: 'r/zerops.yml' }), DEFAULT_SETTINGS, { external: index.servicesFor('r/zerops.yml') }).filter((f) => f.rule === 'base-type-mismatch').map((f) => text.slice(f.span.start, f.span.end));
    };
    assert.deepEqual(mismatch('alpine@latest', 'elixir@1.16'), []);
    assert.deepEqual(mismatch('ubuntu@24.04', 'ubuntu/nodejs@24'), []);
    assert.deepEqual(mismatch('alpine@3.21', 'go@1'), []);
    assert.deepEqual(mismatch('python@3.12', 'elixir@1.16'), ['python@3.12']);
  });
});

describe('precision: YAML anchors, merge keys, OS-agnostic scripts, nested files, the preprocessor line', () => {
  const GO_BUILD = ['    build: &gobuild', '      base: go@1.22', '      buildCommands:', '        - go build -o app', '      deployFiles:', '        - app'];
  const GO_RUN = ['    run: &gorun', '      base: go@1.22', '      start: ./app'];
  test('a section given as an alias (build: *anchor) is the anchored map: no deploy-files-missing, no start-missing', () => {
    const text = yaml('zerops:', '  - setup: api', ...GO_BUILD, ...GO_RUN, '  - setup: worker', '    build: *gobuild', '    run: *gorun');
    assert.deepEqual(lint(text).filter((f) => f.severity !== 'hint' && f.severity !== 'info').map((f) => f.rule), []);
    const partial = yaml('zerops:', '  - setup: api', ...GO_BUILD, ...GO_RUN, '  - setup: worker', '    build: *gobuild', '    run:', '      base: go@1.22', '      start: ./app');
    assert.deepEqual(hits(partial, 'deploy-files-missing'), []);
  });
  test('merge keys (<<: *anchor) are followed and are not unknown keys; keys beside them win', () => {
    const text = yaml('zerops:', '  - setup: api', ...GO_BUILD, ...GO_RUN, '  - setup: worker', '    build:', '      <<: *gobuild', '      buildCommands:', '        - go build -o worker', '    run:', '      <<: *gorun', '      start: ./worker');
    assert.deepEqual(hits(text, 'schema-unknown-key'), []);
    assert.deepEqual(hits(text, 'deploy-files-missing'), []);
    assert.deepEqual(hits(text, 'start-missing'), []);
  });
  test('an anchored section still gets the findings it deserves, and so does its alias', () => {
    const noDeploy = yaml('zerops:', '  - setup: api', '    build: &b', '      base: go@1.22', '      buildCommands:', '        - go build', '    run:', '      base: go@1.22', '      start: ./app',
      '  - setup: worker', '    build: *b', '    run:', '      base: go@1.22', '      start: ./app');
    assert.equal(lint(noDeploy).filter((f) => f.rule === 'deploy-files-missing').length, 2);
    const misspelt = yaml('zerops:', '  - setup: api', '    build:', '      <<: *nowhere', '      deployfiles: ./', '    run:', '      start: a');
    assert.deepEqual(hits(misspelt, 'schema-unknown-key'), ['deployfiles'], 'an alias with no anchor is no crash, and the other keys are still checked');
  });
  test('pkg-manager-os: a script that picks apk or apt-get is fine; apt-get alone on alpine is not', () => {
    const cmd = (c: string) => setup('run:', '  base: go@1.22', '  start: a', '  prepareCommands:', '    - |', ...c.split('\n').map((l) => `      ${l}`));
    assert.deepEqual(hits(cmd('if command -v apk >/dev/null; then\n  sudo apk add curl\nelse\n  sudo apt-get install -y curl\nfi'), 'pkg-manager-os'), []);
    assert.deepEqual(hits(cmd('which apk && sudo apk add jq || sudo apt-get install -y jq'), 'pkg-manager-os'), []);
    assert.deepEqual(hits(cmd('sudo apk add --no-cache git'), 'pkg-manager-os'), []);
    assert.equal(hits(cmd('sudo apt-get update\nsudo apt-get install -y git'), 'pkg-manager-os').length, 1);
  });
  test('service-setup-missing: only the zerops.yml at the repository root is what a build from git reads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zerops-nested-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git', 'config'), '[core]\n');
    mkdirSync(join(dir, 'tools', 'probe'), { recursive: true });
    const zy = yaml('zerops:', '  - setup: probe', '    run:', '      base: go@1.22', '      start: ./probe');
    const imp = yaml('services:', '  - hostname: web', '    type: go@1', '    buildFromGit: https://github.com/acme/shop');
    const check = (folder: string) => {
      const index = indexWorkspace([{ fileName: 'zerops.yml', text: zy }, { fileName: 'import.yaml', text: imp }]);
      return validate(parseZerops(zy, { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, {
        external: index.servicesFor('zerops.yml'), repository: { remotes: ['https://github.com/acme/shop.git'] }, fileName: 'zerops.yml', files: filesUnder(dir, folder),
      }).filter((f) => f.rule === 'service-setup-missing').map((f) => f.severity);
    };
    assert.deepEqual(check(join(dir, 'tools', 'probe')), [], 'a tool deployed from a subfolder');
    assert.deepEqual(check(dir), ['error'], 'at the root the build does read it');
    const worktree = mkdtempSync(join(tmpdir(), 'zerops-worktree-'));
    after(() => rmSync(worktree, { recursive: true, force: true }));
    writeFileSync(join(worktree, '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');
    const index = indexWorkspace([{ fileName: 'zerops.yml', text: zy }, { fileName: 'import.yaml', text: imp }]);
    const inWorktree = validate(parseZerops(zy, { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, {
      external: index.servicesFor('zerops.yml'), repository: { remotes: ['git@github.com:acme/shop.git'] }, fileName: 'zerops.yml', files: filesUnder(worktree, worktree),
    });
    assert.equal(inWorktree.filter((f) => f.rule === 'service-setup-missing').length, 1, 'a .git file (worktree) marks the root too');
  });
  test('preprocessor-not-expanded: the directive line alone is a hint; each <@…> stays a warning', () => {
    const withDirective = (...lines: string[]) => `#yamlPreprocessor=on\n${node(...lines)}`;
    assert.deepEqual(lint(withDirective()).filter((f) => f.rule === 'preprocessor-not-expanded').map((f) => f.severity), ['hint']);
    assert.deepEqual(lint(withDirective('envVariables:', '  K: <@generateRandomString(<24>)>')).filter((f) => f.rule === 'preprocessor-not-expanded').map((f) => f.severity), ['hint', 'warning']);
    assert.deepEqual(lint(node('envVariables:', '  K: "#yamlPreprocessor=on"')).filter((f) => f.rule === 'preprocessor-not-expanded'), []);
  });
});

describe('precision: setup-unknown-service on files deployed with zcli push --setup', () => {
  const check = (setups: string[], services: string[], git = 'https://github.com/acme/other') => {
    const zy = yaml('zerops:', ...setups.flatMap((n) => [`  - setup: ${n}`, '    run:', '      base: go@1.22', '      start: ./app']));
    const imp = yaml('services:', ...services.flatMap((h) => [`  - hostname: ${h}`, '    type: go@1', ...(git ? [`    buildFromGit: ${git}`] : [])]));
    const index = indexWorkspace([{ fileName: 'zerops.yml', text: zy }, { fileName: 'import.yaml', text: imp }]);
    return validate(parseZerops(zy, { fileName: 'zerops.yml' }), DEFAULT_SETTINGS, { external: index.servicesFor('zerops.yml') })
      .filter((f) => f.rule === 'setup-unknown-service').map((f) => zy.slice(f.span.start, f.span.end));
  };
  test('several setups none of which names a service, or a service pushed with --setup: silent', () => {
    assert.deepEqual(check(['controlplane', 'worker', 'edge'], ['k8scp', 'k8sworker', 'k8sedge']), []);
    assert.deepEqual(check(['prod-api', 'prod-web'], ['api', 'web']), []);
    assert.deepEqual(check(['api', 'web'], ['api', 'web']), []);
    assert.deepEqual(check(['prometheus', 'controlplane', 'worker'], ['prometheus', 'k8scp', 'k8sworker'], ''), [], 'k8scp is built by no buildFromGit: pushed with --setup');
  });
  test('a setup left out while its siblings are used, or a lone unused setup: a hint', () => {
    assert.deepEqual(check(['api', 'web', 'demo'], ['api', 'web']), ['demo']);
    assert.deepEqual(check(['api', 'web', 'demo'], ['api', 'web'], ''), ['demo'], 'every service has its setup: none needs --setup');
    assert.deepEqual(check(['runner'], ['myrunner']), ['runner']);
  });
});

ruleTester('port-range', {
  valid: [{ name: 'the ends of the range, 10 and 65435', filename: FILE, code: node('ports:', '  - port: 10', '  - port: 65435') }],
  invalid: [{ name: '99999 and 5 are errors', filename: FILE, code: node('ports:', '  - port: 99999', '  - port: 5', '  - port: 10', '  - port: 65435'), hits: ['99999', '5'] }],
});

ruleTester('probe-shape', {
  invalid: [
    { name: 'neither httpGet nor exec', filename: FILE, code: node('healthCheck:', '  failureTimeout: 60s'), hits: ['healthCheck'] },
    { name: 'both httpGet and exec', filename: FILE, code: node('healthCheck:', '  exec:', '    command: a', '  httpGet:', '    port: 3000', '    path: /'), hits: ['healthCheck'] },
  ],
});
