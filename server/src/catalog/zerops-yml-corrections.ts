// Where the published zerops.yml schemas (zerops-yml.generated.ts) disagree with what the platform does,
// by hand, each with its source in shared/zerops-yml-spec.md. catalog/zerops-yml.ts applies these on top
// of the generated tables; nothing else should read the generated file directly.

import type { ZySchemaKey } from './schema-tables';

/**
 * Probe timings. Both schemas (and the docs) say integer seconds; the platform refuses an integer with
 * `cannot unmarshal !!int into time.Duration` and wants a Go duration string between 10s and 1h
 * (spec §1.5 "Probes", measured live twice: [FABRIKA] "Probe durations", [3P-BATON] fix 1).
 */
export const DURATION_KEYS: Readonly<Record<string, readonly string[]>> = {
  'deploy.readinessCheck': ['failureTimeout', 'retryPeriod'],
  'run.healthCheck': ['failureTimeout', 'disconnectTimeout', 'recoveryTimeout', 'execPeriod'],
};

/** The accepted range of a probe timing, in seconds ("invalid execPeriod <10s, 1h0m0s>"). */
export const DURATION_RANGE = { min: 10, max: 3600 } as const;

/**
 * Keys the schemas mark required that the checks report under a rule of their own, with a message that
 * says what really happens: `build.deployFiles` (deploy-files-missing, after `extends` is merged) and
 * `crontab[].allContainers` (cron-all-containers-missing: docs examples omit it, spec §1.9).
 */
export const REQUIRED_ELSEWHERE: Readonly<Record<string, readonly string[]>> = {
  build: ['deployFiles'],
  'run.crontab[]': ['allContainers'],
};

/**
 * Defaults the platform applies when a key is left out, with the evidence (spec §1.3–1.9). Live values
 * where they were measured ([ZCP-JUN] for the health check timings).
 */
export const DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  build: { os: 'alpine' },
  run: { os: 'alpine', documentRoot: '/var/www (webserver runtimes)' },
  deploy: { temporaryShutdown: 'false' },
  'run.ports[]': { protocol: 'tcp', httpSupport: 'false' },
  'run.healthCheck': { failureTimeout: '3m0s', execPeriod: '30s', disconnectTimeout: '1m30s', recoveryTimeout: '1m30s' },
  'run.healthCheck.httpGet': { scheme: 'http', host: 'none (127.0.0.1 inside the container)' },
  'deploy.readinessCheck.httpGet': { scheme: 'http', host: 'none (127.0.0.1 inside the container)' },
  'run.crontab[]': { workingDir: '/var/www', allContainers: 'false (one container)' },
  'run.startCommands[]': { workingDir: '/var/www', user: 'zerops' },
};

/**
 * Bases no schema lists but Zerops' own material uses, per phase: none yet. (`php-apache@latest` in
 * `build.base`, from the PHP docs example, is deliberately not here: whether the platform maps it is
 * unknown, spec §1.8, so base-wrong-phase reports it as a warning instead.)
 */
export const EXTRA_BASES: Readonly<Record<'build' | 'run', readonly string[]>> = { build: [], run: [] };

/**
 * Versions the base-list docs page still shows but the 2026-07 schema lacks, per technology: they count
 * as legacy-only, like the versions only the April schema has ([DATA] `static/data.json`: alpine 3.17–3.23).
 */
export const DATA_LEGACY_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  alpine: ['3.17', '3.18', '3.19', '3.20'],
};

/**
 * Keys the platform accepts that the 2026-07 schema lacks, per level, with the source. catalog/tables.ts
 * adds them to every catalogue, built in or brought by the user, unless its schema has them already.
 */
export const ADDED_KEYS: Readonly<Record<string, { keys: Readonly<Record<string, ZySchemaKey>>; source: string }>> = {
  'run.startCommands[]': {
    keys: { user: { types: ['string'] } },
    source: 'zeropsio/docs PR #372/#373, merged 2026-09-03: the system user the command and its initCommands run under, default zerops (shared/zerops-facts.md §12)',
  },
};
