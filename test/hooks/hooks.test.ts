import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';

// The two ways a repository runs zerops-lint without installing it by hand, run for real: pre-commit
// (Debian's package, `pre-commit try-repo`) and the GitHub Action (action.yml's steps run as a runner
// runs them). Both build the linter from this working tree with npm, so they need the npm registry and
// take a minute each: npm run test:hooks, which .ci/run runs.

const ROOT = resolve(__dirname, '../..');
const made: string[] = [];
after(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

function temp(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

function sh(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number }): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeout ?? 600_000 });
  assert.equal(r.error, undefined, `${cmd} ${args.join(' ')}: ${String(r.error)}`);
  return r;
}

/** A git repository like a user's: a compose file, a workflow, and an import file with valkey@8 under an unusual name. */
function userRepository(): string {
  const dir = temp('zerops-hook-repo-');
  const files: Record<string, string> = {
    'docker-compose.yml': 'services:\n  cache:\n    image: valkey/valkey:8\n    ports:\n      - "6379:6379"\n',
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make test\n',
    'infra/zerops-project.yml': 'project:\n  name: shop\nservices:\n  - hostname: cache\n    type: valkey@8\n    mode: NON_HA\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  sh('git', ['init', '-q'], { cwd: dir });
  sh('git', ['add', '-A'], { cwd: dir });
  return dir;
}

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

describe('pre-commit', () => {
  test('try-repo on this working tree: exit 1 with the valkey-version finding, nothing said of the compose file or the workflow', { skip: !hasPreCommit && 'pre-commit is not installed (apt-get install pre-commit; .ci/run installs it)' }, () => {
    const repo = userRepository();
    const home = temp('zerops-pre-commit-home-');
    // PRE_COMMIT_HOME: its log and cache stay out of the user's. try-repo builds the hook in a temporary
    // store with the system's node and npm (pre-commit's default when both are on PATH): no Node download.
    const r = sh('pre-commit', ['try-repo', ROOT, 'zerops-lint', '--all-files'], { cwd: repo, env: { ...process.env, PRE_COMMIT_HOME: home } });
    const out = r.stdout + r.stderr;
    assert.equal(r.status, 1, out);
    assert.match(out, /zerops-lint\.+Failed/);
    assert.match(out, /infra\/zerops-project\.yml:5:18 error .*\[valkey-version\]/);
    assert.match(out, /1 problem \(1 error, 0 warnings\) in 3 files checked/);
    assert.doesNotMatch(out, /docker-compose|workflows/);
  });
});

/** This working tree as a checkout would hold it: tracked and untracked files that git does not ignore. */
function actionCheckout(): string {
  const dir = temp('zerops-action-');
  const files = sh('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT }).stdout.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  return dir;
}

interface Step { uses?: string; with?: Record<string, unknown>; run?: string; shell?: string; env?: Record<string, string>; 'working-directory'?: string }
interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } }

/** `${{ inputs.x }}` and `${{ github.action_path }}` replaced as a runner does; any other expression fails the test. */
function substitute(text: string, inputs: Record<string, string>, actionPath: string): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return actionPath;
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    assert.ok(m && m[1] in inputs, `action.yml uses an expression the test does not know: ${expr}`);
    return inputs[m[1]];
  });
}

/** Runs action.yml's steps in `workspace` with `given` inputs over the defaults; the last step's result. */
function runAction(actionPath: string, workspace: string, given: Record<string, string>): SpawnSyncReturns<string> {
  const action = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as Action;
  assert.equal(action.runs.using, 'composite');
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  let last: SpawnSyncReturns<string> | undefined;
  for (const step of action.runs.steps) {
    if (step.uses) {
      // A runner would install Node 20 here; the test runs on Node 20 already.
      assert.match(step.uses, /^actions\/setup-node@v\d+$/);
      assert.equal(String(step.with?.['node-version']), '20');
      assert.equal(process.versions.node.split('.')[0], '20');
      continue;
    }
    assert.equal(step.shell, 'bash', 'composite run steps must name their shell');
    const env = { ...process.env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v), inputs, actionPath)])) };
    const cwd = step['working-directory'] ? substitute(step['working-directory'], inputs, actionPath) : workspace;
    // What a runner runs for `shell: bash`: bash --noprofile --norc -eo pipefail {0}.
    const script = join(temp('zerops-step-'), 'step.sh');
    writeFileSync(script, substitute(step.run ?? '', inputs, actionPath));
    last = sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
    if (last.status !== 0) return last;
  }
  assert.ok(last, 'no run step');
  return last;
}

describe('GitHub Action (action.yml)', () => {
  test('its steps, run as a runner runs them: the finding, exit 1, a SARIF file; paths, format and max-warnings respected', () => {
    const actionPath = actionCheckout();
    const repo = userRepository();
    const first = runAction(actionPath, repo, { 'sarif-file': 'zerops.sarif', plan: 'zerops-plan.md' });
    assert.equal(first.status, 1, first.stdout + first.stderr);
    assert.match(first.stdout, /infra\/zerops-project\.yml:5:18 error .*\[valkey-version\]/);
    assert.doesNotMatch(first.stdout + first.stderr, /docker-compose|workflows/);
    const sarif = JSON.parse(readFileSync(join(repo, 'zerops.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.deepEqual(sarif.runs[0].results.map((r) => r.ruleId), ['valkey-version']);
    const plan = readFileSync(join(repo, 'zerops-plan.md'), 'utf8');
    assert.match(plan, /^### Zerops plan: shop \(`infra\/zerops-project\.yml`\)/);
    assert.match(plan, /```mermaid\nflowchart LR\n/);

    // The dependencies are installed now; the later runs re-run npm ci as a fresh job would.
    writeFileSync(join(repo, 'infra/zerops-project.yml'), 'services:\n  - hostname: cache\n    type: valkey@7.2\n');
    const warnings = runAction(actionPath, repo, { paths: 'infra\n  docker-compose.yml', format: 'json', 'max-warnings': '0' });
    assert.equal(warnings.status, 1, warnings.stderr);
    const report = JSON.parse(warnings.stdout) as { file: string; diagnostics: { code: string }[] }[];
    assert.deepEqual(report.map((f) => [f.file, f.diagnostics.map((d) => d.code)]), [['infra/zerops-project.yml', ['valkey-mode-missing']]]);
    assert.match(warnings.stderr, /1 warnings, more than --max-warnings 0 allows/);
    assert.equal(runAction(actionPath, repo, { paths: 'infra', 'max-warnings': '1' }).status, 0);
  });
});
