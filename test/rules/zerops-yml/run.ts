import { node, setup, yaml } from '../../helpers';
import type { RuleTable } from '../../rule-tester';
import { MERGED } from '../schema';

// The zerops.yml run rules (server/src/rules/zerops-yml/run.ts).

const docker = (start: string, ...prep: string[]) => setup('run:', '  base: docker@26.1', `  start: ${start}`, ...(prep.length ? ['  prepareCommands:', ...prep.map((p) => `    - ${p}`)] : []));
const staticRouting = (...r: string[]) => setup('run:', '  base: static', '  routing:', ...r.map((l) => `    ${l}`));
const duration = (v: string) => node('healthCheck:', '  exec:', '    command: a', `  failureTimeout: ${v}`);
const httpGet = (port: number, path = '/') => ['healthCheck:', '  httpGet:', `    port: ${port}`, `    path: ${path}`];
const cron = (...job: string[]) => node('crontab:', ...job.map((l) => `  ${l}`));
const timing = (t: string) => node('crontab:', `  - timing: "${t}"`, '    command: a', '    allContainers: false');
const devStart = (name: string) => yaml('zerops:', `  - setup: ${name}`, '    run:', '      base: python@3.12');
const php = (deploy: string[], site: string) => setup('build:', '  base: php@8.4', '  deployFiles:', ...deploy.map((d) => `    - ${d}`), 'run:', '  base: php-nginx@8.4', `  siteConfigPath: ${site}`);
const TEMPLATE = 'server {\n  listen 80;\n  root {{.DocumentRoot}};\n}\n';
const PLAIN = 'server {\n  listen 80;\n  root /var/www/public;\n  location ~ \\.php$ { fastcgi_pass unix:{{ not a template }}; }\n}\n';
const repo = { git: true, files: { 'config/other.conf': PLAIN, 'site.conf.tmpl': TEMPLATE } };
const loose = { files: { 'config/other.conf': PLAIN } };
const templates = { git: true, files: { 'site.conf': TEMPLATE, 'config/nginx.conf': TEMPLATE } };
const lookAlikes = { git: true, files: { 'site.conf.tmpl': TEMPLATE, 'plain.conf': PLAIN, 'dist/site.conf': TEMPLATE } };
const Z = 'zerops.yml';

export const RUN: RuleTable = {
  'start-missing': {
    filename: Z,
    valid: [setup('run:', '  base: php-nginx@8.4'), setup('run:', '  base: static'),
      { name: 'merge keys are followed', code: MERGED }, { name: 'startCommands', code: setup('run:', '  base: nodejs@22', '  startCommands:', '    - command: a') }],
    invalid: [
      { name: 'a language runtime', code: setup('run:', '  base: nodejs@22'), hits: ['app'] },
      ...['dev', 'appdev', 'api-dev', 'development'].map((n) => ({ name: `a development setup (${n}) is only a hint`, code: devStart(n), hits: [{ text: n, severity: 'hint' as const }] })),
      { name: 'other names keep the warning', code: devStart('prod'), hits: [{ text: 'prod', severity: 'warning' }] },
      { name: '"dev" inside a word is not a development setup', code: devStart('devicesapi'), hits: [{ text: 'devicesapi', severity: 'warning' }] },
      { name: 'the hint names zsc noop', code: yaml('zerops:', '  - setup: dev', '    run:', '      base: nodejs@22'), hits: [{ text: 'dev', message: /zsc noop --silent/ }] },
    ],
  },
  'start-and-start-commands': {
    filename: Z,
    valid: [node(), setup('run:', '  base: nodejs@22', '  startCommands:', '    - command: a')],
    invalid: [{ code: node('startCommands:', '  - command: b'), hits: ['startCommands'] }],
  },
  'start-build-command': {
    filename: Z,
    valid: [setup('run:', '  start: node install.js')],
    invalid: [{ code: setup('run:', '  start: npm install && node a'), hits: ['npm install && node a'] }],
  },
  'start-binds-localhost': {
    filename: Z,
    valid: [setup('run:', '  start: uvicorn app:app --host 0.0.0.0')],
    invalid: [{ code: setup('run:', '  start: uvicorn app:app --host 127.0.0.1'), hits: ['uvicorn app:app --host 127.0.0.1'] }],
  },
  'docker-network-host': {
    filename: Z,
    valid: [docker('docker run --network=host nginx:1.27')],
    invalid: [{ code: docker('docker run -p 80:80 nginx:1.27'), hits: ['docker run -p 80:80 nginx:1.27'] }],
  },
  'docker-latest-tag': {
    filename: Z,
    valid: [
      docker('docker run --network=host app:1.2', 'docker pull app:1.2'),
      { name: 'a flag does not take the image as its value', code: docker('docker run --network=host -d -p 80:80 --name web nginx:1.27 serve') },
    ],
    invalid: [
      { code: docker('docker run --network=host app', 'docker pull app:latest'), hits: ['docker run --network=host app', 'docker pull app:latest'] },
      { code: docker('docker run --network=host -d -e A=b nginx serve'), hits: ['docker run --network=host -d -e A=b nginx serve'] },
    ],
  },
  'routing-non-static': {
    filename: Z,
    valid: [setup('run:', '  base: static', '  routing:', '    cors: "*"')],
    invalid: [{ code: node('routing:', '  cors: "*"'), hits: ['routing'] }],
  },
  'webserver-key-non-webserver': {
    filename: Z,
    valid: [setup('run:', '  base: php-nginx@8.4', '  documentRoot: public')],
    invalid: [{ code: node('documentRoot: public'), hits: ['documentRoot'] }],
  },
  'routing-redirect': {
    filename: Z,
    valid: [staticRouting('redirects:', '  - from: /a', '    to: https://x.io/', '    status: 301')],
    invalid: [{ code: staticRouting('redirects:', '  - from: /a', '    to: https://x.io/'), hits: ['https://x.io/'] }],
  },
  'routing-header-quoting': {
    filename: Z,
    valid: [staticRouting('headers:', '  - for: /', '    values:', '      X-Ok: "\'a b\'"')],
    invalid: [{ code: staticRouting('headers:', '  - for: /', '    values:', '      Cache-Control: max-age=3600, public', '      X-Ok: "\'a b\'"'), hits: ['max-age=3600, public'] }],
  },
  'port-protocol-case': {
    filename: Z,
    valid: [node('ports:', '  - port: 3000', '    protocol: tcp')],
    invalid: [{ code: node('ports:', '  - port: 3000', '    protocol: TCP'), hits: ['TCP'], output: node('ports:', '  - port: 3000', '    protocol: tcp') }],
  },
  'port-duplicate': {
    filename: Z,
    valid: [{ name: 'the same port on another protocol', code: node('ports:', '  - port: 1514', '    protocol: udp', '  - port: 1514') }],
    invalid: [{ code: node('ports:', '  - port: 1514', '    protocol: udp', '  - port: 1514', '  - port: 1514', '    protocol: tcp'), hits: ['1514'] }],
  },
  'port-http-udp': {
    filename: Z,
    valid: [node('ports:', '  - port: 53', '    protocol: udp')],
    invalid: [{ code: node('ports:', '  - port: 53', '    protocol: udp', '    httpSupport: true'), hits: ['true'] }],
  },
  'port-443': {
    filename: Z,
    valid: [node('ports:', '  - port: 8443')],
    invalid: [{ code: node('ports:', '  - port: 443'), hits: ['443'] }],
  },
  'port-webserver-non80': {
    filename: Z,
    valid: [setup('run:', '  base: php-nginx@8.4', '  siteConfigPath: site.conf.tmpl', '  ports:', '    - port: 8080')],
    invalid: [{ code: setup('run:', '  base: php-nginx@8.4', '  ports:', '    - port: 8080'), hits: ['ports'] }],
  },
  'port-range': {
    filename: Z,
    valid: [{ name: 'the ends of the range, 10 and 65435', code: node('ports:', '  - port: 10', '  - port: 65435') }],
    invalid: [{ name: '99999 and 5 are errors', code: node('ports:', '  - port: 99999', '  - port: 5', '  - port: 10', '  - port: 65435'), hits: ['99999', '5'] }],
  },
  'probe-shape': {
    filename: Z,
    valid: [node(...httpGet(3000)), node('healthCheck:', '  exec:', '    command: a')],
    invalid: [
      { name: 'neither httpGet nor exec', code: node('healthCheck:', '  failureTimeout: 60s'), hits: ['healthCheck'] },
      { name: 'both httpGet and exec', code: node('healthCheck:', '  exec:', '    command: a', '  httpGet:', '    port: 3000', '    path: /'), hits: ['healthCheck'] },
    ],
  },
  'probe-duration': {
    filename: Z,
    valid: ['90s', '1m30s', '"5m"', '1h'].map((ok) => ({ name: `failureTimeout: ${ok}`, code: duration(ok) })),
    invalid: [
      { name: '60 -> 60s, applied by fix-all', code: duration('60'), hits: ['60'], offers: [['Change to 60s', true]], output: duration('60s') },
      { name: '5 -> 10s offered, not applied unasked', code: duration('5'), hits: ['5'], offers: [['Change to 10s', false]] },
      { name: 'below the range', code: duration('5s'), hits: ['5s'] },
      { name: 'above the range', code: duration('2h'), hits: ['2h'] },
      { name: 'a space inside', code: duration('90 s'), hits: ['90 s'] },
    ],
  },
  'probe-port-undeclared': {
    filename: Z,
    valid: [
      node('ports:', '  - port: 3000', ...httpGet(3000)),
      { name: 'port 80 on php', code: setup('run:', '  base: php-nginx@8.4', '  ports:', '    - port: 8080', ...httpGet(80).map((l) => `  ${l}`)) },
      { name: 'no ports declared: nothing to compare with', code: node(...httpGet(9000, '/healthz')) },
      { name: 'port 80 on static', code: setup('run:', '  base: static', '  ports:', '    - port: 8080', '  healthCheck:', '    httpGet:', '      port: 80', '      path: /') },
    ],
    invalid: [
      { code: node('ports:', '  - port: 3000', ...httpGet(8080)), hits: ['8080'] },
      {
        name: 'a hint: an internal health port beside the public ones is deliberate',
        code: node('ports:', '  - port: 8080', '    httpSupport: true', '  - port: 8082', '    httpSupport: true', ...httpGet(8081, '/healthz')),
        hits: [{ text: '8081', severity: 'hint', message: /inside the container/ }],
      },
    ],
  },
  'probe-noop-start': {
    filename: Z,
    valid: [setup('run:', '  base: nodejs@22', '  start: zsc noop --silent'), node(...httpGet(3000))],
    invalid: [{ code: setup('run:', '  base: nodejs@22', '  start: zsc noop --silent', ...httpGet(3000).map((l) => `  ${l}`)), hits: ['httpGet'] }],
  },
  'probe-scheme': {
    filename: Z,
    valid: [node(...httpGet(3000), '    scheme: https')],
    invalid: [{ code: node(...httpGet(3000), '    scheme: HTTPS'), hits: ['HTTPS'] }],
  },
  'cron-all-containers-missing': {
    filename: Z,
    valid: [
      cron('- timing: "0 3 * * *"', '  command: ./backup.sh', '  allContainers: false'),
      cron('- timing: "*/5 * * * *"', '  command: x', '  allContainers: true', '  workingDir: /var/www'),
      node(),
    ],
    invalid: [
      {
        name: 'a hint, as docs examples and official recipes leave the key out; the fix is offered',
        code: node('crontab:', '  - timing: "0 * * * *"', '    command: php artisan schedule:run'),
        hits: [{ text: 'timing', severity: 'hint' }],
        output: node('crontab:', '  - timing: "0 * * * *"', '    command: php artisan schedule:run', '    allContainers: false'),
      },
    ],
  },
  'cron-timing-invalid': {
    filename: Z,
    valid: ['*/5 * * * *', '0 0 1-15 * 1,3,5', '0 0 * * 7', '30 2 * * 0'].map((ok) => ({ name: ok, code: timing(ok) })),
    invalid: ['* * * *', '60 * * * *', '0 24 * * *', '0 0 0 * *', '0 0 * 13 *', '0 0 * * 8'].map((bad) => ({ name: bad, code: timing(bad), hits: [`"${bad}"`] })),
  },
  'site-config-not-deployed': {
    filename: Z,
    valid: [
      php(['public', 'config'], './config/site.conf.tmpl'),
      php(['./'], 'site.conf.tmpl'),
      php(['dist/~'], 'site.conf.tmpl'),
      { name: 'deployed and in the repository', code: php(['./'], 'site.conf.tmpl'), disk: repo },
      { name: 'a folder deployed, the file in it', code: php(['public', 'config'], './config/other.conf'), disk: repo },
      { name: 'a ~ entry: the build may write or rename it', code: php(['dist/~'], 'nginx.conf.tmpl'), disk: repo },
      { name: 'outside the repository', code: php(['./'], '../nginx.conf.tmpl'), disk: repo },
      { name: 'no repository to read', code: php(['./'], 'nginx.conf.tmpl') },
      ...['nginx.conf.tmpl', 'site.conf', 'config/site.conf.tmpl', './config/missing.conf', 'conf/nginx.conf']
        .map((site) => ({ name: `issue 22: a folder that is no git work tree has no repository to miss ${site} from`, code: php(['./'], site), disk: loose })),
    ],
    invalid: [
      { name: 'a config outside the deployed paths', code: php(['public', 'vendor'], 'site.conf.tmpl'), hits: ['site.conf.tmpl'] },
      { name: 'deployed as it is but missing from the repository', code: php(['./'], 'nginx.conf.tmpl'), disk: repo, hits: [{ text: 'nginx.conf.tmpl', severity: 'warning', message: /not in the repository/ }] },
      { name: 'a deployed folder holding no such file', code: php(['public', 'config'], 'config/site.conf.tmpl'), disk: repo, hits: [{ text: 'config/site.conf.tmpl', severity: 'warning' }] },
      { code: php(['public', 'config/'], 'config/nested/site.conf.tmpl'), disk: repo, hits: [{ text: 'config/nested/site.conf.tmpl', severity: 'warning' }] },
      { name: 'outside every entry: the old finding, without reading the disk', code: php(['public'], 'nginx.conf.tmpl'), disk: repo, hits: [{ text: 'nginx.conf.tmpl', severity: 'warning' }] },
      { name: 'not deployed at all needs no repository', code: php(['public'], 'nginx.conf.tmpl'), disk: loose, hits: [{ text: 'nginx.conf.tmpl', severity: 'warning' }] },
      { name: 'zerops.yml in a subfolder of a work tree: the .git above counts', code: php(['./'], 'nginx.conf.tmpl'), disk: { git: true, files: {}, at: 'app' }, hits: [{ text: 'nginx.conf.tmpl', severity: 'warning' }] },
      { name: 'a linked worktree has a .git file', code: php(['./'], 'nginx.conf.tmpl'), disk: { files: { '.git': 'gitdir: /elsewhere/.git/worktrees/x\n' } }, hits: [{ text: 'nginx.conf.tmpl', severity: 'warning' }] },
    ],
  },
  'site-config-not-template': {
    filename: Z,
    valid: [
      { name: 'a .tmpl with {{.', code: php(['./'], 'site.conf.tmpl'), disk: lookAlikes },
      { name: 'a file without {{. (plain nginx, {{ with a space)', code: php(['./'], 'plain.conf'), disk: lookAlikes },
      { name: 'a missing file', code: php(['./'], 'missing.conf'), disk: lookAlikes },
      { name: 'no repository', code: php(['./'], 'dist/site.conf') },
      { name: 'a file outside the repository', code: php(['./'], '../site.conf'), disk: lookAlikes },
      { name: 'dist/~: which repository file it is, the build decides', code: php(['dist/~'], 'site.conf'), disk: lookAlikes },
    ],
    invalid: [
      { name: '{{. in a file whose name does not end in .tmpl: a hint naming the .tmpl name', code: php(['./'], 'site.conf'), disk: templates, hits: [{ text: 'site.conf', severity: 'hint', message: /site\.conf\.tmpl/ }] },
      { code: php(['public', 'config'], './config/nginx.conf'), disk: templates, hits: [{ text: './config/nginx.conf', severity: 'hint' }] },
    ],
  },
};
