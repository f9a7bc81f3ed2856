import { setup } from '../../helpers';
import type { RuleTable } from '../../rule-tester';

// The zerops.yml base rules (server/src/rules/zerops-yml/bases.ts).

const withBase = (b: string, r = 'nodejs@22') => setup('build:', `  base: ${b}`, '  deployFiles: ./', 'run:', `  base: ${r}`, '  start: a');
const runOn = (...run: string[]) => setup('run:', ...run.map((l) => `  ${l}`), '  start: a');
const packages = (cmd: string) => setup('build:', '  base: nodejs@22', '  buildCommands:', `    - ${cmd}`, '  deployFiles: ./', 'run:', '  base: nodejs@22', '  os: ubuntu', '  start: a');

export const BASES: RuleTable = {
  'base-unknown': {
    filename: 'zerops.yml',
    valid: [withBase('nodejs@22'), withBase('[php@8.4, nodejs@22]', 'php-nginx@8.4')],
    invalid: [
      { name: 'fixed to the nearest technology', code: withBase('node@22'), hits: ['node@22'], output: withBase('nodejs@22') },
      { name: 'a managed service is no base', code: withBase('postgresql@16'), hits: ['postgresql@16'] },
    ],
  },
  'base-version-unknown': {
    filename: 'zerops.yml',
    valid: ['nodejs@22', 'alpine/nodejs@22', 'nodejs@latest', 'ubuntu/nodejs@24', '[php@8.4, nodejs@22]'].map((ok) => ({ name: `both spellings and @latest: ${ok}`, code: withBase(ok, 'php-nginx@8.4') })),
    invalid: [
      { code: withBase('nodejs@99'), hits: ['nodejs@99'] },
      { name: 'the offered versions, none preferred', code: withBase('python@3.10', 'python@3.12'), hits: ['python@3.10'], offers: [['Change to python@3.11', false], ['Change to python@3.12', false], ['Change to python@3.14', false]] },
      { code: withBase('python@3.10', 'python@3.12'), hits: ['python@3.10'], fix: 'Change to python@3.12', output: withBase('python@3.12', 'python@3.12') },
    ],
  },
  'base-version-legacy': {
    filename: 'zerops.yml',
    valid: [withBase('nodejs@22'), withBase('nodejs@24')],
    invalid: [{ name: 'nodejs@18: a warning with an update that fix-all does not apply', code: withBase('nodejs@18'), hits: [{ text: 'nodejs@18', severity: 'warning' }], offers: [['Change to nodejs@24', false]], output: withBase('nodejs@24') }],
  },
  'base-wrong-phase': {
    filename: 'zerops.yml',
    valid: [withBase('php@8.4', 'php-apache@8.4'), withBase('php@8.4', 'php-nginx@8.4')],
    invalid: [
      { name: 'php-nginx in build: fixed to php@', code: withBase('php-nginx@8.4', 'php-nginx@8.4'), hits: [{ text: 'php-nginx@8.4', severity: 'warning' }], output: withBase('php@8.4', 'php-nginx@8.4') },
      { name: 'docker in build: an error', code: withBase('docker@26.1'), hits: [{ text: 'docker@26.1', severity: 'error' }] },
      { name: 'bare php in run', code: withBase('php@8.4', 'php@8.4'), hits: ['php@8.4'] },
    ],
  },
  'base-os-mismatch': {
    filename: 'zerops.yml',
    valid: [{ name: 'no os with deno@2', code: runOn('base: deno@2') }, runOn('base: nodejs@22', 'os: ubuntu')],
    invalid: [
      { code: withBase('nodejs@22', 'alpine/deno@2'), hits: ['alpine/deno@2'] },
      { code: runOn('base: deno@2', 'os: alpine'), hits: ['alpine'] },
    ],
  },
  'os-build-run-differ': {
    filename: 'zerops.yml',
    valid: [{ name: 'a build that installs no packages', code: packages('echo hi') }],
    invalid: [{ name: 'only when the build installs packages', code: packages('npm ci'), hits: ['os'] }],
  },
};
