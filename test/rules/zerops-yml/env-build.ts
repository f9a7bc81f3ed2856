import { node, setup, yaml } from '../../helpers';
import type { RuleTable } from '../../rule-tester';

// The zerops.yml build and env rules (server/src/rules/zerops-yml/env-build.ts), and zerops.yml's side of
// env-zerops-prefix and env-key-invalid.

const prep = (...cmds: string[]) => setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', ...cmds.map((c) => `    - ${c}`));
const block = (script: string) => setup('run:', '  base: go@1.22', '  start: a', '  prepareCommands:', '    - |', ...script.split('\n').map((l) => `      ${l}`));
const sudo = setup('run:', '  start: a', '  prepareCommands:', '    - apk add curl', '    - sudo apk add git');
const runtimeRef = setup('build:', '  base: nodejs@22', '  deployFiles: ./', '  envVariables:', '    A: ${RUNTIME_API_URL}', '    B: ${RUNTIME_NOPE}', 'run:', '  base: nodejs@22', '  start: a', '  envVariables:', '    API_URL: x');
const imports = [{ fileName: 'import.yaml', text: yaml('services:', '  - hostname: app', '    type: nodejs@22') }];
const twoHttp = (...env: string[]) => node('ports:', '  - port: 3000', '    httpSupport: true', '  - port: 4000', '    httpSupport: true', 'envVariables:', ...env.map((l) => `  ${l}`));

export const ENV_BUILD: RuleTable = {
  'cache-path': {
    filename: 'zerops.yml',
    valid: [setup('build:', '  deployFiles: ./', '  cache:', '    - node_modules', '    - vendor', 'run:', '  start: a')],
    invalid: [{ code: setup('build:', '  deployFiles: ./', '  cache:', '    - /abs', '    - .next/cache', '    - node_modules', 'run:', '  start: a'), hits: ['/abs', '.next/cache'] }],
  },
  'add-to-run-prepare-unused': {
    filename: 'zerops.yml',
    valid: [setup('build:', '  deployFiles: ./', '  addToRunPrepare: ./x', 'run:', '  start: a', '  prepareCommands:', '    - cp /home/zerops/x .')],
    invalid: [{ code: setup('build:', '  deployFiles: ./', '  addToRunPrepare: ./x', 'run:', '  start: a'), hits: ['addToRunPrepare'] }],
  },
  'prepare-commands-app-files': {
    filename: 'zerops.yml',
    valid: [
      prep('mkdir -p /var/www/agent'),
      prep('tar xzf /home/zerops/tool.tgz -C /var/www/tool'),
      prep('cd /var/www && curl -Lo setup.sh https://example.com/setup.sh && bash setup.sh'),
      prep('cd /var/www && python3 -m venv .venv && .venv/bin/pip install "flask==3.0.0"'),
      { name: 'no /var/www: the addToRunPrepare way', code: prep('npm install -g pm2', 'pip install -r requirements.txt') },
    ],
    invalid: [
      { code: setup('run:', '  start: a', '  prepareCommands:', '    - cd /var/www && npm ci', '    - cp /home/zerops/x /tmp'), hits: ['cd /var/www && npm ci'] },
      { code: prep('cd /var/www && npm install'), hits: ['cd /var/www && npm install'] },
      { code: prep('pip install -r /var/www/requirements.txt'), hits: ['pip install -r /var/www/requirements.txt'] },
      { code: prep('cd /var/www && composer install --no-dev'), hits: ['cd /var/www && composer install --no-dev'] },
      { name: 'a block script reading the app too', code: setup('run:', '  base: nodejs@22', '  start: a', '  prepareCommands:', '    - |', '      cd /var/www', '      yarn'), hits: ['|\n          cd /var/www\n          yarn\n'] },
    ],
  },
  'pkg-install-no-sudo': {
    filename: 'zerops.yml',
    valid: [setup('run:', '  start: a', '  prepareCommands:', '    - sudo apk add curl')],
    invalid: [{ name: 'with a sudo fix', code: sudo, hits: ['apk add'], output: sudo.replace('- apk add curl', '- sudo apk add curl') }],
  },
  'pkg-manager-os': {
    filename: 'zerops.yml',
    valid: [
      setup('run:', '  os: ubuntu', '  start: a', '  prepareCommands:', '    - sudo apt-get install -y x'),
      { name: 'a script that picks apk or apt-get', code: block('if command -v apk >/dev/null; then\n  sudo apk add curl\nelse\n  sudo apt-get install -y curl\nfi') },
      block('which apk && sudo apk add jq || sudo apt-get install -y jq'),
      block('sudo apk add --no-cache git'),
    ],
    invalid: [
      { code: setup('run:', '  start: a', '  prepareCommands:', '    - sudo apt-get install -y x'), hits: ['apt-get'] },
      { name: 'apt-get alone on alpine, once per script', code: block('sudo apt-get update\nsudo apt-get install -y git'), hits: ['apt-get'] },
    ],
  },
  'env-zerops-prefix': {
    filename: 'zerops.yml',
    valid: [node('envVariables:', '  MY_ZEROPS: 3', '  ZEROPSX: 4', '  ZEROP_X: 5', '  X_ZEROPS_Y: 6')],
    invalid: [
      { name: 'in any case', code: node('envVariables:', '  ZEROPS_X: 1', '  zerops_y: 2', '  MY_ZEROPS: 3', '  ZEROPSX: 4', '  ZEROP_X: 5', '  X_ZEROPS_Y: 6'), hits: ['ZEROPS_X', 'zerops_y'] },
      {
        name: 'upper case is certain (an error); another case rests on one measurement (a warning that says so)',
        code: node('envVariables:', '  ZEROPS_X: 1', '  zerops_y: 2', '  Zerops_Z: 3'),
        hits: [{ text: 'ZEROPS_X', severity: 'error' }, { text: 'zerops_y', severity: 'warning', message: /one live measurement/ }, { text: 'Zerops_Z', severity: 'warning' }],
      },
    ],
  },
  'env-key-invalid': {
    filename: 'zerops.yml',
    valid: [node('envVariables:', '  MY_VAR: 2', '  my_var: 3')],
    invalid: [{ code: node('envVariables:', '  my-var: 1', '  MY_VAR: 2'), hits: ['my-var'] }],
  },
  'env-system-key': {
    filename: 'zerops.yml',
    valid: [{ name: 'in build', code: setup('build:', '  deployFiles: ./', '  envVariables:', '    HOSTNAME: y', 'run:', '  start: a') }],
    invalid: [{ name: 'per regime: HOME and PORT may be set', code: node('envVariables:', '  PATH: x', '  HOSTNAME: y', '  HOME: /home/zerops', '  PORT: 3000'), hits: ['PATH', 'HOSTNAME'] }],
  },
  'env-self-shadow': {
    filename: 'zerops.yml',
    valid: [node('envVariables:', '  DB_HOST: ${db_hostname}', '  B: ${DB_HOST}')],
    invalid: [{ name: 'the fix deletes the line', code: node('envVariables:', '  DB_HOST: ${DB_HOST}', '  B: ${db_hostname}'), hits: ['${DB_HOST}'], output: node('envVariables:', '  B: ${db_hostname}') }],
  },
  'env-build-prefix-in-run': {
    filename: 'zerops.yml',
    valid: [
      node('envVariables:', '  V: ${RUNTIME_VERSION}', '  VERSION: x'),
      { name: 'without import files nothing is known to be missing', code: runtimeRef },
    ],
    invalid: [
      { code: node('envVariables:', '  V: ${BUILD_VERSION}'), hits: ['${BUILD_VERSION}'] },
      { name: '${RUNTIME_X} in build: a hint when X is defined nowhere visible, with import files; silent when run defines it', code: runtimeRef, workspace: imports, hits: [{ text: '${RUNTIME_NOPE}', severity: 'hint' }] },
    ],
  },
  'env-value-format': {
    filename: 'zerops.yml',
    valid: [node('envVariables:', '  W: plain', '  V: "hello"')],
    invalid: [{ code: node('envVariables:', '  V: "héllo"', '  W: plain'), hits: ['"héllo"'] }],
  },
  'env-subdomain-multiport': {
    filename: 'zerops.yml',
    valid: [node('ports:', '  - port: 3000', '    httpSupport: true', 'envVariables:', '  URL: ${zeropsSubdomain}'), twoHttp('URL: x')],
    invalid: [{ code: twoHttp('URL: ${zeropsSubdomain}'), hits: ['${zeropsSubdomain}'] }],
  },
};
