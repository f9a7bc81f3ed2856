import { yaml } from '../helpers';
import type { InvalidCase, RuleTable, ValidCase } from '../rule-tester';

// Classes of false alarm found on real layouts (precision-layouts.test.ts keeps what is not one rule's
// case): the real case in our words, look-alikes that stay silent, and the neighbours still reported.

const Z = 'zerops.yml';
/** One setup `app` with the given lines under it. */
const setup = (...lines: string[]) => yaml('zerops:', '  - setup: app', ...lines.map((l) => `    ${l}`));
/** A zerops.yml checked against import files, as the editor and the CLI pair them. */
const paired = (code: string, ...imports: string[]) => ({ code, workspace: imports.map((text, i) => ({ fileName: `import${i}.yaml`, text })) });

// 1. valkey-no-auth: the import hands the password to the service running the setup.
const cache = ['  - hostname: cache', '    type: valkey@7.2', '    mode: NON_HA'];
const app = (...secrets: string[]) => ['  - hostname: app', '    type: nodejs@22', ...(secrets.length ? ['    envSecrets:', ...secrets.map((s) => `      ${s}`)] : [])];
const run = (...env: string[]) => yaml('zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      start: node a', '      envVariables:', ...env.map((e) => `        ${e}`));
const HOST = ['VALKEY_HOST: ${cache_hostname}', 'VALKEY_PORT: ${cache_port}'];
const handed = yaml('services:', ...cache, ...app('VALKEY_PASSWORD: ${cache_password}'));

// 2. probe-noop-start: initCommands that start the server.
const probe = (...init: string[]) => setup('deploy:', '  readinessCheck:', '    httpGet:', '      port: 5601', '      path: /', 'run:', '  base: ubuntu@24.04', '  start: zsc noop --silent', ...(init.length ? ['  initCommands:', ...init.map((c) => `    - ${c}`)] : []));

// 4. os-build-run-differ: a run base that loads nothing native.
const differ = (runBase: string, ...more: string[]) => setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', '    - npm run build', '  deployFiles: dist/~', 'run:', `  base: ${runBase}`, '  os: ubuntu', ...more.map((l) => `  ${l}`));

// 5. docker-latest-tag: an image the setup builds itself.
const docker = (...more: string[]) => setup('run:', '  base: docker@26.1', ...more.map((l) => `  ${l}`));

// Package installs without sudo inside scripts.
const prep = (...items: string[]) => setup('run:', '  base: nodejs@22', '  start: node a', '  prepareCommands:', ...items.map((i) => `    - ${i}`));
const script = prep('|', '      set -e', '      apk add --no-cache ffmpeg', '      echo done');
const chain = prep('|', '      cd /tmp &&', '      apt-get install -y jq');
const twoInstalls = prep('apt-get update && apt-get install -y mariadb-client');

// Setup matching: an import's zeropsSetup against the setups of its repository's root zerops.yml.
const imp = (setupName: string, git = 'https://github.com/acme/shop') => yaml('services:', '  - hostname: api', '    type: nodejs@22', `    buildFromGit: ${git}`, `    zeropsSetup: ${setupName}`);
const inRepo = (code: string, remotes = ['git@github.com:acme/shop.git'], repositorySetups: string[] | null = ['prod', 'dev']) =>
  ({ code, repository: { remotes }, context: { fileName: 'import.yaml', siblings: ['zerops.yml'], ...(repositorySetups ? { repositorySetups } : {}) } });

// An empty setup item under zerops:.
const S = ['  - setup: app', '    run:', '      base: nodejs@22', '      start: node a'];

const valid = (...cases: ValidCase[]) => cases;
const invalid = (...cases: InvalidCase[]) => cases;

export const PRECISION_LAYOUTS: RuleTable = {
  'valkey-no-auth': {
    filename: Z,
    valid: valid(
      { name: 'the real case: VALKEY_PASSWORD: ${cache_password} in the envSecrets of the service that runs the setup', ...paired(run(...HOST), handed) },
      { name: 'dotEnvSecrets', ...paired(run(...HOST), yaml('services:', ...cache, '  - hostname: app', '    type: nodejs@22', '    dotEnvSecrets: |', '      VALKEY_PASSWORD=${cache_password}')) },
      { name: 'project.envVariables', ...paired(run(...HOST), yaml('project:', '  name: p', '  envVariables:', '    REDIS_PASSWORD: ${cache_password}', 'services:', ...cache, ...app())) },
      { name: 'a connection string secret', ...paired(run(...HOST), yaml('services:', ...cache, ...app('REDIS_URL: ${cache_connectionString}'))) },
      { name: 'a setup used through zeropsSetup', ...paired(run(...HOST).replace('setup: app', 'setup: prod'), yaml('services:', ...cache, ...app('VALKEY_PASSWORD: ${cache_password}'), '    zeropsSetup: prod')) },
      { name: 'a setup used through extends', ...paired(yaml('zerops:', '  - setup: base', '    run:', '      base: nodejs@22', '      envVariables:', ...HOST.map((e) => `        ${e}`), '  - setup: app', '    extends: base', '    run:', '      start: node a'), handed) },
      { name: 'a URL whose key matches the secret', ...paired(run('REDIS_URL: redis://${cache_hostname}:6379'), yaml('services:', ...cache, ...app('REDIS_PASSWORD: ${cache_password}'))) },
    ),
    invalid: invalid(
      { name: 'the secret on another service', ...paired(run(...HOST), yaml('services:', ...cache, ...app(), '  - hostname: worker', '    type: nodejs@22', '    envSecrets:', '      VALKEY_PASSWORD: ${cache_password}')), hits: ['${cache_hostname}'] },
      { name: 'the secret for another Valkey', ...paired(run(...HOST), yaml('services:', ...cache, '  - hostname: kv', '    type: valkey@7.2', '    mode: NON_HA', ...app('VALKEY_PASSWORD: ${kv_password}'))), hits: ['${cache_hostname}'] },
      {
        name: 'in the build section',
        ...paired(yaml('zerops:', '  - setup: app', '    build:', '      base: nodejs@22', '      deployFiles: ./', '      envVariables:', '        VALKEY_HOST: ${cache_hostname}', '    run:', '      base: nodejs@22', '      start: node a'), handed),
        hits: ['${cache_hostname}'],
      },
      { name: 'a URL a client reads alone', ...paired(run('CACHE_URL: redis://${cache_hostname}:6379'), yaml('services:', ...cache, ...app('SESSION_PASSWORD: ${cache_password}'))), hits: ['redis://${cache_hostname}:6379'] },
      {
        name: 'a service that builds another repository does not run this file\'s setup',
        ...paired(run(...HOST), yaml('services:', ...cache, ...app('VALKEY_PASSWORD: ${cache_password}'), '    buildFromGit: https://github.com/other/repo')),
        repository: { remotes: ['https://github.com/acme/this'] },
        hits: ['${cache_hostname}'],
      },
    ),
  },
  'probe-noop-start': {
    filename: Z,
    valid: [
      { name: 'the real case: an ELK-style setup starts kibana with systemctl in initCommands and idles on zsc noop', code: probe('sudo systemctl start kibana') },
      ...['./bin/server --port 5601 &', 'nohup node server.js > /tmp/log 2>&1 &', 'sudo service nginx start', 'docker run -d --network=host app:1', 'redis-server --daemonize yes', '|\n          cd app\n          ./run.sh >/dev/null 2>&1 &', 'sudo systemctl restart logstash', 'node a.js & disown']
        .map((init) => ({ name: `initCommands start it: ${init}`, code: probe(init) })),
    ],
    invalid: ['', 'php artisan migrate --force', 'a && b', 'cmd > /tmp/x 2>&1', 'sudo systemctl status kibana', 'sudo systemctl stop kibana']
      .map((init) => ({ name: `initCommands that start nothing: ${init || '(none)'}`, code: init ? probe(init) : probe(), hits: ['httpGet'] })),
  },
  'os-build-run-differ': {
    filename: Z,
    valid: [
      { name: 'the real case: assets built with npm on alpine, served by static on ubuntu', code: differ('static') },
      ...['nginx@1.22', 'static@1.0', 'php-nginx@8.4', 'php-apache@8.4'].map((base) => ({ name: `a run base that loads nothing native: ${base}`, code: differ(base) })),
      { name: 'PHP whose commands run only PHP', code: differ('php-nginx@8.4', 'initCommands:', '  - php artisan migrate --force', 'crontab:', '  - timing: "* * * * *"', '    command: php artisan schedule:run') },
      { name: 'PHP with Composer', code: setup('build:', '  base: php@8.4', '  buildCommands:', '    - composer install', '  deployFiles: ./', 'run:', '  base: php-nginx@8.4', '  os: ubuntu') },
    ],
    invalid: [
      { name: 'a language runtime', code: differ('nodejs@22'), hits: ['os'] },
      { name: 'a bare OS', code: differ('ubuntu@24.04'), hits: ['os'] },
      { name: 'PHP whose run starts Node', code: differ('php-nginx@8.4', 'initCommands:', '  - node dist/ssr.js &'), hits: ['os'] },
    ],
  },
  'docker-latest-tag': {
    filename: Z,
    valid: [
      { name: 'the real case: docker build -t app . in prepareCommands, then docker run app', code: docker('prepareCommands:', '  - docker build -t app .', 'start: docker run --network=host app') },
      { name: '--tag', code: docker('prepareCommands:', '  - docker build --tag web .', 'start: docker run --network=host web') },
      { name: 'a tag given to the build', code: docker('prepareCommands:', '  - docker build -t web:latest .', 'start: docker run --network=host web') },
      { name: 'docker tag', code: docker('prepareCommands:', '  - docker pull nginx:1.27', '  - docker tag nginx:1.27 proxy', 'start: docker run --network=host proxy') },
      { name: 'a block script', code: docker('prepareCommands:', '  - |', '    cd app', '    docker build -t api .', 'start: docker run --network=host -d api') },
      { name: 'buildx', code: docker('prepareCommands:', '  - docker buildx build --load -t ui .', 'start: docker run --network=host ui') },
      { name: 'built in initCommands', code: docker('initCommands:', '  - docker build -t worker .', 'start: docker run --network=host worker') },
    ],
    invalid: [
      { name: 'a pulled image without a tag, once per image', code: docker('prepareCommands:', '  - docker image pull crccheck/hello-world', 'start: docker run --network=host crccheck/hello-world'), hits: ['docker image pull crccheck/hello-world'] },
      { name: ':latest', code: docker('start: docker run --network=host redis:latest'), hits: ['docker run --network=host redis:latest'] },
      { name: 'a built name that differs', code: docker('prepareCommands:', '  - docker build -t api .', 'start: docker run --network=host apii'), hits: ['docker run --network=host apii'] },
    ],
  },
  'pkg-install-no-sudo': {
    filename: Z,
    valid: [
      ['|', '      sudo apk add git', '      sudo -E apt-get install -y x'],
      ['|', '      # apk add git would need sudo', '      echo "then apk add curl"'],
      ['echo "run apt-get install yourself"'],
      ['./mkapk add'],
      ['sudo sh -c "apk add git"'],
      ['sudo DEBIAN_FRONTEND=noninteractive apt-get install -y x'],
    ].map((items) => ({ name: `look-alike: ${items.join(' / ')}`, code: prep(...items) })),
    invalid: [
      { name: 'the real case: a `- |` script whose second line is apk add, reported at the install and fixed there', code: script, hits: ['apk add'], output: script.replace('      apk add', '      sudo apk add') },
      { name: 'an && chain over lines', code: chain, hits: ['apt-get install'], output: chain.replace('      apt-get install', '      sudo apt-get install') },
      { name: 'a line continuation', code: prep('|', '      true && \\', '        apk add git'), hits: ['apk add'] },
      { name: 'after then', code: prep('|', '      if true; then apk add curl; fi'), hits: ['apk add'] },
      { name: 'an env assignment', code: prep('DEBIAN_FRONTEND=noninteractive apt-get install -y x'), hits: ['apt-get install'] },
      {
        name: 'two installs in one command: one finding, both fixed',
        code: twoInstalls,
        hits: [{ text: 'apt-get update', message: /"apt-get update" and "apt-get install" need "sudo"/ }],
        output: twoInstalls.replace('apt-get update && apt-get install', 'sudo apt-get update && sudo apt-get install'),
      },
    ],
  },
  'pkg-manager-os': {
    filename: Z,
    valid: [
      { name: 'a script that picks one', code: setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', '    - |', '      if command -v apk; then sudo apk add git', '      else sudo apt-get install -y git; fi') },
      { name: 'an echo naming apt', code: setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', '    - echo "apt is for ubuntu"') },
    ],
    invalid: [
      { name: 'inside a script in buildCommands', code: setup('build:', '  base: nodejs@22', '  buildCommands:', '    - |', '      npm ci', '      sudo apt-get install -y jq', '  deployFiles: ./', 'run:', '  base: nodejs@22', '  start: node a'), hits: ['apt-get'] },
      { name: 'apk on ubuntu', code: setup('run:', '  base: ubuntu@24.04', '  start: a', '  prepareCommands:', '    - |', '      echo x', '      sudo apk add git'), hits: ['apk'] },
    ],
  },
  'service-setup-missing': {
    valid: valid(
      { name: 'a setup that exists', ...inRepo(imp('prod')) },
      { name: 'another repository', ...inRepo(imp('prd', 'https://github.com/zeropsio/recipe-mailpit')) },
      { name: 'no remote known', ...inRepo(imp('prd'), []) },
      { name: 'no zeropsSetup', ...inRepo(yaml('services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: https://github.com/acme/shop')) },
      { name: 'no zerops.yml in the index', ...inRepo(imp('prd'), ['https://github.com/acme/shop'], null) },
    ),
    invalid: invalid(
      { name: 'the real case: zeropsSetup: prd for this repository is an error on the value, fixed to prod', ...inRepo(imp('prd')), hits: [{ text: 'prd', message: /Did you mean "prod"\?/ }], output: imp('prod') },
      { name: 'a setup with nothing close', ...inRepo(imp('staging')), hits: ['staging'] },
    ),
  },
  'schema-required': {
    filename: Z,
    valid: [
      { name: 'a dash followed by the setup on the next lines', code: yaml('zerops:', '  -', '    setup: app', '    run:', '      base: nodejs@22', '      start: node a') },
      { name: 'a flow list', code: 'zerops: [{setup: app, run: {base: nodejs@22, start: a}}]\n' },
      { name: 'zerops: [] (setups-empty)', code: 'zerops: []\n' },
      { name: 'an empty string item is not an empty entry', code: yaml('zerops:', ...S, '  - ""') },
      { name: 'two setups', code: yaml('zerops:', ...S, '  - setup: api', '    run:', '      base: nodejs@22', '      start: node a') },
    ],
    invalid: [
      { name: 'the real case: a trailing "- " left after deleting a setup, removed by the fix', code: yaml('zerops:', ...S, '  - '), hits: ['-'], output: yaml('zerops:', ...S) },
      ...['  - null', '  - ~ # left over', '  -'].map((item) => ({ name: `an empty item: ${item.trim()}`, code: yaml('zerops:', ...S, item), hits: ['-'] })),
    ],
  },
};
