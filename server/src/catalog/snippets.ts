import type { DocumentKind } from '../model/types';

// Snippets the language server offers as completion items of kind Snippet, so every LSP client gets them,
// each only where it fits. Data only: completion finds the places; adding a snippet (a zerops.yml setup
// for another runtime, say) is adding an entry here.

/**
 * Where a snippet fits:
 * - `service`: a new item of `services:` in an import file;
 * - `setup`: a new item of `zerops:` in zerops.yml;
 * - `env`: a new key of a variable map (`envSecrets`, `envVariables`, `run.envVariables`);
 * - `file`: a document with nothing in it yet but blanks and comments.
 */
export type SnippetPlace = 'service' | 'setup' | 'env' | 'file';

export interface SnippetEntry {
  /** What the user types to find it; also its label. */
  prefix: string;
  /** One line: what it writes and when to use it. */
  description: string;
  /** The files it fits in. */
  kinds: readonly DocumentKind[];
  places: readonly SnippetPlace[];
  /**
   * LSP snippet syntax (`${1:default}`, `$1`, `\$` for a literal dollar). For a list item (`service`,
   * `setup`) the lines of the item's map, without its `- `; every later line is written relative to the
   * first line's column, which completion supplies.
   */
  body: readonly string[];
  /** The body with the workspace's defaults (see SnippetDefaults); `body` is it with none. */
  make?: (d: SnippetDefaults) => readonly string[];
}

/**
 * What the workspace says a snippet should write by default. Completion fills it from the files around
 * the cursor; every field left out gives the catalogue's own default (`cache`, `app`, Node.js 22 …).
 */
export interface SnippetDefaults {
  /** The hostname of the project's Valkey, when the imports define exactly one. */
  valkey?: string;
  /** For a setup recipe's technology (`nodejs`, `php`, `python`, `go`, `static`): the setup name and runtime version. */
  setup?: (tech: string) => { name?: string; version?: string } | undefined;
}

/** A default inside `${n:…}`: `$`, `}` and `\` must be escaped there. */
function placeholder(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * A zerops.yml setup for one runtime: its build, its run (without the probes), and the port its app
 * answers HTTP on. The probes are the same for every runtime, written as the platform takes them: httpGet
 * with port and path, timings as Go durations within 10s–1h (an integer is refused).
 */
interface SetupRecipe {
  prefix: string;
  description: string;
  /** The technology whose service it serves (`php` serves php-nginx and php-apache services). */
  tech: string;
  /** The runtime version written when the workspace does not say. */
  version: string;
  build: (version: string) => readonly string[];
  run: (version: string) => readonly string[];
  /** The port the app listens on; a webserver's own 80 when omitted (nothing to declare). */
  port?: string;
}

const SETUP_RECIPES: readonly SetupRecipe[] = [
  {
    prefix: 'zerops-setup-nodejs',
    description: 'A Node.js setup (22, or the version of the service it serves): npm build, the built app started with npm start on port 3000, health and readiness checks.',
    tech: 'nodejs',
    version: '22',
    build: (v) => [`base: nodejs@${v}`, 'buildCommands:', '  - npm ci', '  - npm run build', 'deployFiles:', '  - ./dist', '  - ./node_modules', '  - ./package.json', 'cache: node_modules'],
    run: (v) => [`base: nodejs@${v}`, 'ports:', '  - port: ${2:3000}', '    httpSupport: true', 'envVariables:', '  NODE_ENV: production', 'start: ${3:npm start}'],
    port: '$2',
  },
  {
    prefix: 'zerops-setup-php-nginx',
    description: 'A PHP setup served by nginx (8.4, or the version of the service it serves; port 80, no start command): Composer build, document root public/, health and readiness checks.',
    tech: 'php',
    version: '8.4',
    build: (v) => [`base: php@${v}`, 'buildCommands:', '  - composer install --no-dev --optimize-autoloader', 'deployFiles: ./', 'cache: vendor'],
    run: (v) => [`base: php-nginx@${v}`, 'documentRoot: ${2:public}'],
  },
  {
    prefix: 'zerops-setup-python',
    description: 'A Python setup (3.12, or the version of the service it serves): dependencies in a virtualenv built with the app, gunicorn on 0.0.0.0:8000, health and readiness checks.',
    tech: 'python',
    version: '3.12',
    build: (v) => [`base: python@${v}`, 'buildCommands:', '  - python3 -m venv --copies .venv', '  - .venv/bin/pip install -r requirements.txt', 'deployFiles: ./', 'cache: .venv'],
    run: (v) => [`base: python@${v}`, 'ports:', '  - port: ${2:8000}', '    httpSupport: true', 'start: .venv/bin/gunicorn --bind 0.0.0.0:$2 ${3:app:app}'],
    port: '$2',
  },
  {
    prefix: 'zerops-setup-go',
    description: 'A Go setup: one binary built and deployed alone, listening on port 8080, health and readiness checks.',
    tech: 'go',
    version: '1',
    build: (v) => [`base: go@${v}`, 'buildCommands:', '  - go build -o app .', 'deployFiles: ./app', 'cache: true'],
    run: (v) => [`base: go@${v}`, 'ports:', '  - port: ${2:8080}', '    httpSupport: true', 'start: ./app'],
    port: '$2',
  },
  {
    prefix: 'zerops-setup-static',
    description: 'A static site: built with Node.js 22, the contents of dist/ served by the static base on port 80, health and readiness checks.',
    tech: 'static',
    version: '',
    build: () => ['base: nodejs@22', 'buildCommands:', '  - npm ci', '  - npm run build', 'deployFiles: ${2:dist}/~', 'cache: node_modules'],
    run: () => ['base: static'],
  },
];

/**
 * The lines of a recipe's setup, as the map of a `zerops:` item, with the workspace's setup name and
 * version when it has them; `envVariables` adds to run's (or starts it).
 */
function setupLines(r: SetupRecipe, d: SnippetDefaults = {}, envVariables: readonly string[] = []): string[] {
  const own = d.setup?.(r.tech);
  const version = own?.version || r.version;
  const port = r.port ?? '80';
  const probe = ['httpGet:', `  port: ${port}`, '  path: ${9:/}'];
  const run = [...r.run(version)];
  if (envVariables.length) {
    const at = run.indexOf('envVariables:');
    if (at >= 0) run.splice(at + 1, 0, ...envVariables.map((l) => `  ${l}`));
    else run.push('envVariables:', ...envVariables.map((l) => `  ${l}`));
  }
  return [
    `setup: \${1:${placeholder(own?.name || 'app')}}`,
    'build:', ...r.build(version).map((l) => `  ${l}`),
    'deploy:', '  readinessCheck:', ...probe.map((l) => `    ${l}`), '    failureTimeout: 60s', '    retryPeriod: 10s',
    'run:', ...run.map((l) => `  ${l}`), '  healthCheck:', ...probe.map((l) => `    ${l}`), '    failureTimeout: 60s',
  ];
}

/** The Valkey hostname a snippet writes: the project's one, else `cache`. */
const valkeyOf = (d: SnippetDefaults) => placeholder(d.valkey || 'cache');

/** The Valkey wiring the whole-file skeleton writes into run.envVariables (the zerops-env-valkey entry's). */
const valkeyEnv = (d: SnippetDefaults) => [`REDIS_URL: \\\${\${8:${valkeyOf(d)}}_connectionString}`, 'REDIS_HOST: \\${$8_hostname}', 'REDIS_PORT: \\${$8_port}'];

/** An entry whose body depends on the workspace's defaults: `body` is the one with none. */
function made(e: Omit<SnippetEntry, 'body' | 'make'>, make: (d: SnippetDefaults) => readonly string[]): SnippetEntry {
  return { ...e, body: make({}), make };
}

export const SNIPPETS: readonly SnippetEntry[] = [
  {
    prefix: 'zerops-valkey',
    description: 'A single-node Valkey 7.2 service (ports 6379 plain, 6380 TLS).',
    kinds: ['import'],
    places: ['service'],
    body: ['hostname: ${1:cache}', 'type: valkey:single@7.2', 'priority: 10'],
  },
  {
    prefix: 'zerops-valkey-ha',
    description: 'A three-node HA Valkey 7.2 service (adds read-only replica ports 7000 and 7001).',
    kinds: ['import'],
    places: ['service'],
    body: ['hostname: ${1:cache}', 'type: valkey:ha@7.2', 'priority: 10'],
  },
  {
    prefix: 'zerops-runtime',
    description: 'A runtime service (Node.js 22 by default) on a public subdomain for testing.',
    kinds: ['import'],
    places: ['service'],
    body: ['hostname: ${1:app}', 'type: ${2:nodejs@22}', 'enableSubdomainAccess: true'],
  },
  made({
    prefix: 'zerops-env-valkey',
    description: 'The variables of an app that uses Valkey: the whole URL (user and password included) plus its parts.',
    kinds: ['zerops-yml'],
    places: ['env'],
  }, (d) => [`REDIS_URL: \\\${\${1:${valkeyOf(d)}}_connectionString}`, 'REDIS_HOST: \\${$1_hostname}', 'REDIS_PORT: \\${$1_port}', 'REDIS_PASSWORD: \\${$1_password}']),
  made({
    prefix: 'zerops-redis-url',
    description: 'Plain redis:// to the primary on 6379, user default: how services of the project connect.',
    kinds: ['import', 'zerops-yml'],
    places: ['env'],
  }, (d) => [`\${2:REDIS_URL}: redis://default:\\\${\${1:${valkeyOf(d)}}_password}@\\\${$1_hostname}:6379`]),
  made({
    prefix: 'zerops-redis-tls',
    description: 'rediss:// on 6380: for access from outside the project (VPN, a laptop); certificates from the Zerops internal CA.',
    kinds: ['import', 'zerops-yml'],
    places: ['env'],
  }, (d) => [`\${2:REDIS_TLS_URL}: rediss://default:\\\${\${1:${valkeyOf(d)}}_password}@\\\${$1_hostname}:6380`]),
  made({
    prefix: 'zerops-redis-replicas',
    description: 'Writes to the primary on 6379, reads balanced over the replicas on 7000 (HA Valkey only).',
    kinds: ['import', 'zerops-yml'],
    places: ['env'],
  }, (d) => [
    `\${2:REDIS_URL}: redis://default:\\\${\${1:${valkeyOf(d)}}_password}@\\\${$1_hostname}:6379`,
    '${3:REDIS_READ_URL}: redis://default:\\${$1_password}@\\${$1_hostname}:7000',
  ]),
  {
    prefix: 'zerops-import',
    description: 'A whole import file: a project, a Valkey, a PostgreSQL database and a Node.js app wired to both.',
    kinds: ['import'],
    places: ['file'],
    body: [
      'project:',
      '  name: ${1:my-project}',
      'services:',
      '  - hostname: ${2:cache}',
      '    type: valkey:${3|single,ha|}@7.2',
      '    priority: 10',
      '  - hostname: ${4:db}',
      '    type: postgresql:single@17',
      '    priority: 10',
      '  - hostname: ${5:app}',
      '    type: nodejs@22',
      '    enableSubdomainAccess: true',
      '    envSecrets:',
      '      REDIS_URL: \\${$2_connectionString}',
      '      DATABASE_URL: \\${$4_connectionString}',
      '$0',
    ],
  },
  ...SETUP_RECIPES.map((r) => made({ prefix: r.prefix, description: r.description, kinds: ['zerops-yml'], places: ['setup'] }, (d) => setupLines(r, d))),
  made({
    prefix: 'zerops-yml',
    description: 'A whole zerops.yml: a Node.js app with health and readiness checks, wired to a Valkey service by its variables.',
    kinds: ['zerops-yml'],
    places: ['file'],
  }, (d) => ['zerops:', ...setupLines(SETUP_RECIPES[0], d, valkeyEnv(d)).map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)), '$0']),
];


/** A snippet's lines with the workspace's defaults. */
export function snippetBody(s: SnippetEntry, d: SnippetDefaults): readonly string[] {
  return s.make ? s.make(d) : s.body;
}

/** The technologies setup recipes are written for, each with its default setup name's place. */
export const SETUP_RECIPE_TECHS: readonly string[] = SETUP_RECIPES.map((r) => r.tech);

/** The snippets for a place in a kind of file, in table order. */
export function snippetsFor(kind: DocumentKind, place: SnippetPlace): SnippetEntry[] {
  return SNIPPETS.filter((s) => s.kinds.includes(kind) && s.places.includes(place));
}

/**
 * A snippet as its text reads once accepted with every default: `${1:x}` and `${1|x,y|}` give `x`, a
 * mirror `$1` or `${1}` the default given for that stop, `$0` nothing; `\$`, `\}` and `\\` are literal.
 */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  const STOP = /\\([$}\\])|\$\{(\d+)(?::((?:\\.|[^}\\])*)|\|([^|]*)\|)?\}|\$(\d+)/g;
  for (const m of body.matchAll(STOP)) {
    const value = m[3] ?? m[4]?.split(',')[0];
    if (m[2] && value !== undefined && !defaults.has(m[2])) defaults.set(m[2], value.replace(/\\(.)/g, '$1'));
  }
  return body.replace(STOP, (_all, escaped: string | undefined, n: string | undefined, def: string | undefined, choice: string | undefined, mirror: string | undefined) => {
    if (escaped) return escaped;
    const value = def ?? choice?.split(',')[0];
    if (value !== undefined) return value.replace(/\\(.)/g, '$1');
    return defaults.get(n ?? mirror ?? '') ?? '';
  });
}
