// Realistic import files of any size for the benchmark (and its test). Services come in groups of five
// that wire to each other the way recipes do: an HA Valkey, a single-node Valkey, a PostgreSQL, and two
// runtimes whose envSecrets reference the three. A file cut in the middle of a group stays valid: the
// runtimes come last in a group, so every reference points at a service already written.

/** The kinds of service in a group, in file order. */
export const GROUP = ['cache', 'kv', 'db', 'api', 'web'] as const;
export type ServiceKind = (typeof GROUP)[number];

/** Hostname of the service of `kind` in group `g` (`cache12`, `api12` …). */
export const host = (kind: ServiceKind, g: number) => `${kind}${g}`;

/**
 * How service types are written. 'mixed' is what real files hold: legacy types (`nodejs@22`,
 * `valkey@7.2` with `mode`) next to composite ones (`valkey:ha@7.2`), all accepted by Zerops.
 * 'composite' uses only the spellings of Zerops' current JSON schema, which rejects the legacy ones:
 * the file a schema-driven server (yaml-language-server) also finds clean.
 */
export type Spelling = 'mixed' | 'composite';

interface Types {
  cache: (g: number) => string[];
  kv: string[];
  db: (version: number) => string[];
  runtimes: string[];
  php: string[];
}

const TYPES: Record<Spelling, Types> = {
  mixed: {
    // Both spellings of an HA Valkey occur in real files; alternate them.
    cache: (g) => (g % 2 === 0 ? ['type: valkey:ha@7.2'] : ['type: valkey@7.2', 'mode: HA']),
    kv: ['type: valkey@7.2', 'mode: NON_HA'],
    db: (v) => [`type: postgresql@${v}`, 'mode: NON_HA'],
    runtimes: ['nodejs@22', 'nodejs@20', 'bun@1.2', 'python@3.12', 'go@1'],
    php: ['php-nginx@8.4', 'php-apache@8.3'],
  },
  composite: {
    cache: () => ['type: valkey:ha@7.2'],
    kv: ['type: valkey:single@7.2'],
    db: (v) => [`type: postgresql:single@${v}`],
    runtimes: ['ubuntu/nodejs@22', 'alpine/nodejs@20', 'ubuntu/bun@1.2', 'alpine/python@3.12', 'ubuntu/go@1'],
    php: ['ubuntu/php-nginx@8.4', 'alpine/php-apache@8.3'],
  },
};

const lines = (indent: string, l: string[]) => l.map((x) => indent + x);

function cache(g: number, t: Types): string[] {
  return [
    `  - hostname: ${host('cache', g)}`, ...lines('    ', t.cache(g)), '    priority: 10',
    '    verticalAutoscaling:', '      minRam: 0.5', '      maxRam: 4',
  ];
}

function kv(g: number, t: Types): string[] {
  return [
    `  - hostname: ${host('kv', g)}`, '    # sessions only', ...lines('    ', t.kv),
    '    verticalAutoscaling:', '      minRam: 0.25', '      maxRam: 1',
  ];
}

function db(g: number, t: Types): string[] {
  return [
    `  - hostname: ${host('db', g)}`, ...lines('    ', t.db(g % 3 === 0 ? 17 : 16)), '    priority: 20',
    '    verticalAutoscaling:', '      minCpu: 1', '      maxCpu: 4', '      minRam: 1', '      maxRam: 8',
  ];
}

function api(g: number, t: Types): string[] {
  const [c, k, d] = [host('cache', g), host('kv', g), host('db', g)];
  return [
    `  - hostname: ${host('api', g)}`, `    type: ${t.runtimes[g % t.runtimes.length]}`,
    '    enableSubdomainAccess: true', '    minContainers: 2', '    maxContainers: 6',
    '    verticalAutoscaling:', '      cpuMode: DEDICATED', '      minCpu: 1', '      maxCpu: 3', '      minRam: 0.5', '      maxRam: 4',
    '    envSecrets:',
    '      LOG_LEVEL: info',
    `      REDIS_URL: \${${c}_connectionString}`,
    `      REDIS_READ_URL: \${${c}_connectionStringReplicas}`,
    `      SESSION_URL: redis://default:\${${k}_password}@${k}.zerops:6379`,
    `      DATABASE_URL: postgresql://\${${d}_user}:\${${d}_password}@${d}:5432/db`,
    '      APP_SECRET: <@generateRandomString(<32>)>',
  ];
}

function web(g: number, t: Types): string[] {
  const [c, d] = [host('cache', g), host('db', g)];
  return [
    `  - hostname: ${host('web', g)}`, `    type: ${t.php[g % t.php.length]}`, '    minContainers: 1',
    '    envSecrets:',
    `      CACHE_HOST: \${${c}_hostname}`, `      CACHE_PORT: \${${c}_port}`, `      CACHE_PASSWORD: \${${c}_password}`,
    `      DB_USER: \${${d}_user}`, `      DB_PASSWORD: \${${d}_password}`,
  ];
}

const WRITERS: Record<ServiceKind, (g: number, t: Types) => string[]> = { cache, kv, db, api, web };

/** An import file with `services` services (groups of five, the last one possibly cut short), types spelled as `spelling` says. */
export function generate(services: number, spelling: Spelling = 'mixed'): string {
  const types = TYPES[spelling];
  const out = [
    '#zeropsPreprocessor=on',
    '# Generated for the benchmark: groups of an HA Valkey, a single-node Valkey, PostgreSQL and two runtimes.',
    'project:', '  name: bench', '  tags:', '    - bench', '  envVariables:', '    SHARED_REDIS: ${cache0_connectionString}', '    LOG_LEVEL: info',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    const g = Math.floor(i / GROUP.length);
    const kind = GROUP[i % GROUP.length];
    if (kind === 'cache' && g % 10 === 0) out.push(`  # group ${g}`);
    out.push(...WRITERS[kind](g, types));
  }
  return `${out.join('\n')}\n`;
}

/** The group in the middle of a file of `services` services: where the benchmark edits and asks. */
export const middleGroup = (services: number) => Math.floor(services / GROUP.length / 2);
