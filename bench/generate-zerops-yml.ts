import { valueEditAt, type ValueEdit } from './positions';

// A realistic zerops.yml of any number of setups for the benchmark. Setups come in groups of three the
// way recipes write them: a template `baseN` (build and shared run settings), `appN` extending it with
// ports, a health check and a readiness check, and `workerN` extending it with its own start command.
// Bases use the OS-prefixed spelling of Zerops' current schema and probe timings are left at their
// defaults: the 2026-07 schema rejects bare bases and duration strings (which the platform requires), and
// a like-for-like comparison needs a file both servers find clean.

const RUNTIMES = ['alpine/nodejs@22', 'ubuntu/nodejs@20', 'alpine/python@3.12', 'alpine/go@1', 'ubuntu/bun@1.2'];
const PORTS = [3000, 8000, 8080, 3000, 3000];

export const SETUP_GROUP = ['base', 'app', 'worker'] as const;

function group(g: number): string[] {
  const base = RUNTIMES[g % RUNTIMES.length];
  const port = PORTS[g % PORTS.length];
  return [
    `  - setup: base${g}`,
    '    build:',
    `      base: ${base}`,
    '      buildCommands:',
    '        - make deps',
    '        - make build',
    '      deployFiles:',
    '        - dist',
    '        - package.json',
    '      cache: node_modules',
    '      envVariables:',
    '        BUILD_MODE: production',
    '    run:',
    `      base: ${base}`,
    '      envVariables:',
    '        LOG_LEVEL: info',
    `        DB_HOST: \${db${g}_hostname}`,
    `        REDIS_URL: \${cache${g}_connectionString}`,
    '      initCommands:',
    '        - ./migrate',
    '      start: ./server',
    `  - setup: app${g}`,
    `    extends: base${g}`,
    '    deploy:',
    '      readinessCheck:',
    '        httpGet:',
    `          port: ${port}`,
    '          path: /ready',
    '    run:',
    '      ports:',
    `        - port: ${port}`,
    '          httpSupport: true',
    '      healthCheck:',
    '        httpGet:',
    `          port: ${port}`,
    '          path: /health',
    `  - setup: worker${g}`,
    `    extends: base${g}`,
    '    run:',
    '      start: ./worker',
    '      crontab:',
    '        - command: ./cleanup',
    '          timing: "0 * * * *"',
    '          allContainers: false',
  ];
}

/** A zerops.yml of `setups` setups (groups of three; the last one may be cut short after its template). */
export function generateZeropsYml(setups: number): string {
  const out = ['# Generated for the benchmark: groups of a template setup, an app and a worker extending it.', 'zerops:'];
  const groups = Math.ceil(setups / SETUP_GROUP.length);
  for (let g = 0; g < groups; g++) {
    const lines = group(g);
    const keep = Math.min(SETUP_GROUP.length, setups - g * SETUP_GROUP.length);
    // Cut after the `keep`-th setup of the group.
    const starts = lines.flatMap((l, i) => (l.startsWith('  - setup: ') ? [i] : []));
    out.push(...lines.slice(0, keep < SETUP_GROUP.length ? starts[keep] : lines.length));
  }
  return `${out.join('\n')}\n`;
}

/** The value of LOG_LEVEL in the middle template setup: the one-line edit. */
export function zeropsYmlEditValue(text: string, setups: number): ValueEdit {
  const g = Math.floor(setups / SETUP_GROUP.length / 2);
  const setup = text.indexOf(`  - setup: base${g}\n`);
  if (setup < 0) throw new Error(`the generated zerops.yml has no setup base${g}`);
  const key = 'LOG_LEVEL: ';
  return valueEditAt(text, text.indexOf(key, setup) + key.length);
}
