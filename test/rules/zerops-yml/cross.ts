import { yaml } from '../../helpers';
import type { InvalidCase, RuleTable, ValidCase } from '../../rule-tester';

// The zerops.yml rules that read the workspace's import files and the git remotes
// (server/src/rules/zerops-yml/cross.ts), and zerops.yml's side of the reference rules.

const ZY = yaml('zerops:', '  - setup: prod', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: nodejs@22', '      start: node a.js',
  '      envVariables:', '        SECRET_KEY: x', '        DB: ${db_hostname}', '        C: ${cahce_hostname}', '        U: ${MEDUSA_URL}', '        L: ${LOCAL_ONLY}', '        P: ${db_pasword}');
const IMPORT = (...svc: string[]) => yaml('project:', '  name: p', '  envVariables:', '    MEDUSA_URL: x', 'services:', ...svc.map((l) => `  ${l}`),
  '  - hostname: db', '    type: postgresql@16', '  - hostname: cache', '    type: valkey@7.2', '  - hostname: mailpit', '    type: go@1', '    buildFromGit: https://github.com/zeropsio/recipe-mailpit');
const api = (...more: string[]) => ['- hostname: api', '  type: nodejs@22', ...more.map((l) => `  ${l}`)];
const REMOTES = { remotes: ['git@github.com:acme/shop.git'] };
/** ZY (or `code`) in repo/, checked against an import file beside it, in a repository whose remote is acme/shop. */
const inRepo = (importText: string, code = ZY, repository = REMOTES) => ({ code, filename: 'repo/zerops.yml', workspace: [{ fileName: 'repo/zerops-project-import.yml', text: importText }], repository });
const alone = { name: 'without import files nothing is known to be missing', code: ZY, filename: 'zerops.yml' };
const dbSetup = ZY.replace('setup: prod', 'setup: db');
const using = IMPORT(...api('zeropsSetup: prod', 'buildFromGit: https://github.com/acme/shop', 'enableSubdomainAccess: true', 'envSecrets:', '  SECRET_KEY: y'));

// A build from git reads only the zerops.yml at the repository root.
const probe = yaml('zerops:', '  - setup: probe', '    run:', '      base: go@1.22', '      start: ./probe');
const web = [{ fileName: 'import.yaml', text: yaml('services:', '  - hostname: web', '    type: go@1', '    buildFromGit: https://github.com/acme/shop') }];
const nested = (at: string | undefined, files: Record<string, string> = { '.git/config': '[core]\n' }, remotes = ['https://github.com/acme/shop.git']) =>
  ({ code: probe, filename: 'zerops.yml', workspace: web, repository: { remotes }, disk: { files, at } });

/** Setups deployed with `zcli push --setup`: several setups against services built (or not) from another repository. */
const pushed = (setups: string[], services: string[], git = 'https://github.com/acme/other') => ({
  filename: 'zerops.yml',
  code: yaml('zerops:', ...setups.flatMap((n) => [`  - setup: ${n}`, '    run:', '      base: go@1.22', '      start: ./app'])),
  workspace: [{ fileName: 'import.yaml', text: yaml('services:', ...services.flatMap((h) => [`  - hostname: ${h}`, '    type: go@1', ...(git ? [`    buildFromGit: ${git}`] : [])])) }],
});

/** A release (elixir) deployed onto `runBase`, for a service of `type`. */
const release = (runBase: string, type: string) => ({
  filename: 'r/zerops.yml',
  code: yaml('zerops:', '  - setup: api', '    build:', '      base: elixir@1.16', '      deployFiles: _build/prod/rel/app/~', '    run:', `      base: ${runBase}`, '      start: bin/app start'),
  workspace: [{ fileName: 'r/import.yaml', text: yaml('services:', '  - hostname: api', `    type: ${type}`) }],
});

const inlineImport = (...zy: string[]) => yaml('services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: https://github.com/acme/shop', '    zeropsSetup: prod', '    envSecrets:', '      KEY: s',
  '    zeropsYaml:', '      zerops:', ...zy.map((l) => `        ${l}`), '  - hostname: db', '    type: postgresql@16');
/** An inline zeropsYaml whose one setup `prod` has a finding of most run rules. */
export const INLINE = inlineImport('- setup: prod', '  build:', '    base: nodejs@99', '    deployFiles: ./', '  run:', '    base: nodejs@22', '    start: node a', '    ports:', '      - port: 99999',
  '    healthCheck:', '      exec:', '        command: a', '      failureTimeout: 60', '    envVariables:', '      KEY: y');
const inlineDev = inlineImport('- setup: dev', '  run:', '    base: nodejs@22', '    start: node a', '    envVariables:', '      T: <@generateRandomString(<32>)>');

const valid = (...cases: ValidCase[]) => cases;
const invalid = (...cases: InvalidCase[]) => cases;

export const CROSS: RuleTable = {
  'service-setup-missing': {
    valid: valid(
      { name: 'a build from another repository', ...inRepo(IMPORT(...api('buildFromGit: https://github.com/other/repo', 'zeropsSetup: prd'))) },
      { name: 'the remote unknown', ...inRepo(IMPORT(...api('buildFromGit: https://github.com/acme/shop', 'zeropsSetup: prd')), ZY, { remotes: [] }) },
      { name: 'no buildFromGit', ...inRepo(IMPORT(...api())) },
      { name: 'the setup is there', ...inRepo(IMPORT(...api('buildFromGit: https://github.com/acme/shop.git', 'zeropsSetup: prod'))) },
      { name: 'a tool deployed from a subfolder of the repository', ...nested('tools/probe') },
      { name: 'an inline zeropsYaml holding the setup', code: INLINE },
    ),
    invalid: invalid(
      { name: 'an error for this repository', ...inRepo(IMPORT(...api('buildFromGit: https://github.com/acme/shop@main', 'zeropsSetup: prd'))), hits: [{ text: 'zerops', severity: 'error' }] },
      { name: 'at the root the build does read it', ...nested(undefined), hits: [{ text: 'zerops', severity: 'error' }] },
      { name: 'a .git file (worktree) marks the root too', ...nested(undefined, { '.git': 'gitdir: /elsewhere/.git/worktrees/x\n' }, ['git@github.com:acme/shop.git']), hits: ['zerops'] },
      { name: 'a setup the service asks for but the inline file lacks', code: inlineDev, hits: [{ text: 'zerops', severity: 'error' }] },
    ),
  },
  'setup-unknown-service': {
    valid: valid(
      { name: 'a service uses it', ...inRepo(IMPORT(...api('zeropsSetup: prod', 'buildFromGit: https://github.com/acme/shop'))) },
      alone,
      { name: 'several setups none of which names a service', ...pushed(['controlplane', 'worker', 'edge'], ['k8scp', 'k8sworker', 'k8sedge']) },
      pushed(['prod-api', 'prod-web'], ['api', 'web']),
      pushed(['api', 'web'], ['api', 'web']),
      { name: 'k8scp is built by no buildFromGit: pushed with --setup', ...pushed(['prometheus', 'controlplane', 'worker'], ['prometheus', 'k8scp', 'k8sworker'], '') },
    ),
    invalid: invalid(
      { name: 'a hint', ...inRepo(IMPORT(...api())), hits: [{ text: 'prod', severity: 'hint' }] },
      { name: 'a setup left out while its siblings are used', ...pushed(['api', 'web', 'demo'], ['api', 'web']), hits: ['demo'] },
      { name: 'every service has its setup: none needs --setup', ...pushed(['api', 'web', 'demo'], ['api', 'web'], ''), hits: ['demo'] },
      { name: 'a lone unused setup', ...pushed(['runner'], ['myrunner']), hits: ['runner'] },
    ),
  },
  'setup-managed-service': {
    valid: valid(inRepo(IMPORT(...api())), { ...alone, code: dbSetup }),
    invalid: invalid({ name: 'a setup named after a database', ...inRepo(IMPORT(...api()), dbSetup), hits: [{ text: 'db', severity: 'warning' }] }),
  },
  'env-secret-collision': {
    valid: valid(inRepo(IMPORT(...api('zeropsSetup: prod', 'buildFromGit: https://github.com/acme/shop', 'envSecrets:', '  OTHER_KEY: y'))), alone),
    invalid: invalid(
      { name: 'on the service using the setup', ...inRepo(using), hits: [{ text: 'SECRET_KEY', severity: 'warning' }] },
      { name: 'an inline zeropsYaml', code: INLINE, hits: ['KEY'] },
    ),
  },
  'subdomain-no-http-port': {
    valid: valid(inRepo(IMPORT(...api('zeropsSetup: prod', 'buildFromGit: https://github.com/acme/shop'))), alone),
    invalid: invalid({ name: 'on the service using the setup', ...inRepo(using), hits: [{ text: 'prod', severity: 'warning' }] }),
  },
  'base-type-mismatch': {
    valid: valid(
      inRepo(using),
      { name: 'the other spelling of the type', ...inRepo(IMPORT('- hostname: prod', '  type: alpine/nodejs@24')) },
      { name: 'a release run on bare alpine', ...release('alpine@latest', 'elixir@1.16') },
      { name: 'a release run on bare ubuntu', ...release('ubuntu@24.04', 'ubuntu/nodejs@24') },
      release('alpine@3.21', 'go@1'),
    ),
    invalid: invalid(
      { name: 'a Node.js setup for a Python service', ...inRepo(IMPORT('- hostname: prod', '  type: python@3.12')), hits: [{ text: 'nodejs@22', severity: 'info' }] },
      { name: 'a release run on another runtime', ...release('python@3.12', 'elixir@1.16'), hits: ['python@3.12'] },
    ),
  },
  'reference-unknown-service': {
    valid: valid(alone),
    invalid: invalid({ name: 'the nearest hostname', ...inRepo(IMPORT(...api())), hits: [{ text: 'cahce', severity: 'warning' }] }),
  },
  'reference-unknown-variable': {
    valid: valid(alone),
    invalid: invalid({ name: 'a hint for a partial list', ...inRepo(IMPORT(...api())), hits: [{ text: '${db_pasword}', severity: 'hint' }] }),
  },
  'reference-unknown-local': {
    valid: valid(alone, { name: 'a variable of the project', ...inRepo(IMPORT(...api()), yaml('zerops:', '  - setup: prod', '    run:', '      base: nodejs@22', '      start: a', '      envVariables:', '        U: ${MEDUSA_URL}')) }),
    invalid: invalid({ name: 'info', ...inRepo(IMPORT(...api())), hits: [{ text: '${LOCAL_ONLY}', severity: 'info' }] }),
  },
};

/** An inline zeropsYaml is checked as that service's zerops.yml, reported in the import file. */
export const INLINE_CASES: RuleTable = {
  'base-version-unknown': { invalid: [{ name: 'inline', code: INLINE, hits: ['nodejs@99'] }] },
  'port-range': { invalid: [{ name: 'inline', code: INLINE, hits: ['99999'] }] },
  'probe-duration': { invalid: [{ name: 'inline', code: INLINE, hits: ['60'] }] },
  'schema-unknown-key': { valid: [{ name: 'inline', code: INLINE }] },
  'preprocessor-not-expanded': { valid: [{ name: 'the preprocessor is fine in an import', code: inlineDev }] },
};
