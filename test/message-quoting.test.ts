import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { lint } from './helpers';

// One Problems panel, one way of quoting: diagnostics are plain text (the Problems panel, the CLI,
// SARIF's text), so code and names in them are in double quotes, never in Markdown backticks (those are
// for hovers, completion docs and the rule summaries). Checked on every finding of every sample and
// fixture file, import files and zerops.yml alike.

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

// Two files with a mistake on nearly every line, so most rules speak at least once.
const BAD_IMPORT = `project:
  name: shop
  corePackage: light
  envVariables:
    ZEROPS_X: 1
services:
  - hostname: Cache_1
    type: valkey@8
    mode: ha
    minContainers: 2
    profile: producton
  - hostname: db
    type: postgres@16
    mode: HA
  - hostname: old
    type: keydb@6
  - hostname: app
    type: nodejs@19
    hostName: x
    envVariables:
      A: 1
    envSecrets:
      URL: redis://\${cache_hostname}:7000
      TLS: rediss://\${cache_hostname}:6379
      P: \${nowhere_password}
      KEY: sk_live_4eC39HqLyjWDarjtT1zdp7dc
    verticalAutoscaling:
      minCpu: 4
      maxCpu: 2
      cpuMode: shared
  - hostname: files
    type: object-storage
    mode: HA
  - hostname: db
    type: mariadb@10.6
    objectStorageSize: 2
  - app
`;
const BAD_ZY = `zerops:
  - setup: app
    extends: base
    build:
      base: node@22
      os: alpine
      buildComands:
        - npm ci
    run:
      base: nodejs@99
      deployFiles: ./
      ports:
        - port: 443
          protocol: TCP
          httpSupport: true
        - port: 70000
      healthCheck:
        httpGet:
          port: 3000
        failureTimeout: 60
      envVariables:
        HOSTNAME: x
        DB_URL: \${DB_URL}
        B: \${BUILD_X}
      crontab:
        - command: x
          timing: "61 * * * *"
      start: zsc noop
  - setup: app
    build:
      base: php-nginx@8.3
    run:
      base: alpine/deno@2
      os: alpine
      prepareCommands:
        - apt-get install -y curl
`;

test('no diagnostic message or related note uses backticks', () => {
  const root = join(__dirname, '../..');
  const files = [...yamlFilesUnder(join(root, 'test/fixtures')), ...yamlFilesUnder(join(root, 'examples'))];
  let findings = 0;
  const rules = new Set<string>();
  const backticked = new Set<string>();
  const check = (text: string, name: string) => {
    for (const f of lint(text, name)) {
      findings++;
      rules.add(f.rule);
      for (const m of [f.message, ...(f.related ?? []).map((r) => r.message)]) if (m.includes('`')) backticked.add(`${name}: ${f.rule}: ${m}`);
    }
  };
  for (const path of files) check(readFileSync(path, 'utf8'), basename(path));
  check(BAD_IMPORT, 'import.yaml');
  check(BAD_ZY, 'zerops.yml');
  assert.deepEqual([...backticked], []);
  assert.ok(findings > 60 && rules.size > 40, `${findings} findings of ${rules.size} rules: too few to say anything`);
});
