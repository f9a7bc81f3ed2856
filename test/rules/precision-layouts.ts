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
};
