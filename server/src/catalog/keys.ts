// What each import-file key does, in our own words, and which service kinds it applies to
// (shared/zerops-facts.md §1.2), by level; plus the keys Zerops' own files use that no schema lists. The
// key schema (schema.ts) joins this with the published schema (types.generated.ts).

import type { SchemaKey } from './schema-tables';
import type { TypeCategory } from './types';

export const IMPORT_KEY_LEVELS = ['root', 'project', 'service', 'verticalAutoscaling'] as const;
export type ImportKeyLevel = (typeof IMPORT_KEY_LEVELS)[number];

export const ALL_CATEGORIES: readonly TypeCategory[] = ['runtime', 'static', 'managed', 'object-storage', 'shared-storage'];
const R: readonly TypeCategory[] = ['runtime', 'static'];
const RM: readonly TypeCategory[] = ['runtime', 'static', 'managed', 'shared-storage'];
const M: readonly TypeCategory[] = ['managed'];
const MSS: readonly TypeCategory[] = ['managed', 'shared-storage'];
const OS: readonly TypeCategory[] = ['object-storage'];

export interface ImportKeyHand { doc: string; appliesTo?: readonly TypeCategory[] }

// A bare string is a doc for a key that applies to every kind of service.
const DOCS: Record<ImportKeyLevel, Record<string, ImportKeyHand | string>> = {
  root: {
    project: { doc: 'The project to create. Leave it out to add the services to an existing project (a service import).' },
    services: { doc: 'The services to create, each with at least a `hostname` and a `type`.' },
  },
  project: {
    name: 'Name of the new project; it need not be unique.',
    description: 'Free text shown with the project.',
    corePackage: '`LIGHT` (the default) or `SERIOUS`. A project can move from LIGHT to SERIOUS later, never back.',
    tags: 'Labels for finding the project; they change nothing else.',
    envVariables: 'Variables every service of the project inherits, at build and at run time.',
    envIsolation: '`service` (the default): a service sees only its own variables and what it references explicitly. `none`: every variable of every service is visible everywhere, prefixed with its hostname.',
    sshIsolation: 'Who may SSH into the services: space-separated `project`, `vpn`, `service`, `service@<hostname>`, each negatable with a leading `-`.',
    sharedIpv4: 'Whether the project domain also gets an A record on the shared IPv4 address.',
    location: 'The region the project runs in.',
    vault: 'Not in the published schema, but used by official Zerops recipes: values kept in the project\'s vault, each a string or `{ value, sensitive }`.',
  },
  service: {
    hostname: { doc: 'The service\'s name and internal DNS name (`<hostname>` or `<hostname>.zerops`): lowercase letters and digits, at most 25 by the docs, unique in the project. It cannot be changed later.' },
    type: { doc: 'What the service runs, with its version: legacy `nodejs@22`, `valkey@7.2` or composite `alpine/nodejs@22`, `valkey:ha@7.2`. Zerops accepts both spellings.' },
    mode: { doc: '`HA` or `NON_HA` (the default) for a managed service, fixed at creation. Composite types carry it in the name instead (`:ha`, `:single`). Runtimes ignore it.', appliesTo: MSS },
    priority: { doc: 'Creation order: higher numbers are created first. Give databases a higher priority than the apps that use them.' },
    envSecrets: { doc: 'Secret variables of the service, blurred in the GUI. Values may use `${hostname_variable}` references and preprocessor functions.' },
    dotEnvSecrets: { doc: 'Secret variables written as the text of a `.env` file.' },
    nginxConfig: { doc: 'A complete nginx configuration for the service.', appliesTo: R },
    objectStorageSize: { doc: 'Bucket size in GB. Object storage cannot be created without it.', appliesTo: OS },
    objectStoragePolicy: { doc: 'A ready-made S3 access policy for the bucket.', appliesTo: OS },
    objectStorageRawPolicy: { doc: 'Your own S3 bucket policy as JSON; `{{ .BucketName }}` stands for the bucket name.', appliesTo: OS },
    buildFromGit: { doc: 'A public GitHub or GitLab repository URL (no `.git`) to build and deploy once, right after import.', appliesTo: R },
    startWithoutCode: { doc: 'Start the containers before anything is deployed.', appliesTo: R },
    enableSubdomainAccess: { doc: 'Publish the service on a `*.zerops.app` subdomain. Convenient for testing, not meant for production.', appliesTo: R },
    verticalAutoscaling: { doc: 'CPU, RAM and disk limits each container scales between.', appliesTo: RM },
    minContainers: { doc: 'The fewest containers a runtime scales down to (1 by default). Managed services have a fixed node count and reject it.', appliesTo: R },
    maxContainers: { doc: 'The most containers a runtime scales up to. Managed services reject it.', appliesTo: R },
    profile: { doc: 'A tuning and scaling preset of a managed service (Valkey: `hobby`, `staging`, `production`).', appliesTo: M },
    profileOverrides: { doc: 'Individual settings that override the chosen profile (Valkey: `maxmemory-policy`).', appliesTo: M },
    mount: { doc: 'Hostnames of shared storages to mount into the service.', appliesTo: R },
    enableCdn: { doc: 'Serve the bucket through the Zerops CDN.', appliesTo: OS },
    envIsolation: { doc: 'Overrides the project\'s `envIsolation` for this service.' },
    sshIsolation: { doc: 'Overrides the project\'s `sshIsolation` for this service.' },
    os: { doc: 'The OS of a runtime (`alpine` or `ubuntu`). Composite types carry it in the name instead (`ubuntu/nodejs@22`).', appliesTo: R },
    zeropsSetup: { doc: 'Which `setup` of the zerops.yml to build and run with; needs `buildFromGit`.', appliesTo: R },
    zeropsYaml: { doc: 'A zerops.yml given inline, as a map with a `zerops` list.', appliesTo: R },
    override: { doc: 'Replace a runtime service of the same hostname that already exists, and redeploy it.', appliesTo: R },
    vault: { doc: 'Not in the published schema, but used by official Zerops recipes: values kept in the service\'s vault, each a string or `{ value, sensitive }`.' },
  },
  verticalAutoscaling: {
    cpuMode: { doc: '`SHARED` (the default) or `DEDICATED` CPU cores. It can be changed at most once an hour.' },
    minCpu: { doc: 'The fewest CPU cores a container scales down to.' },
    maxCpu: { doc: 'The most CPU cores a container scales up to.' },
    startCpuCoreCount: { doc: 'CPU cores a container gets when it starts.' },
    minRam: { doc: 'The least RAM (GB) a container scales down to.' },
    maxRam: { doc: 'The most RAM (GB) a container scales up to.' },
    minDisk: { doc: 'The smallest disk (GB) a container starts with. Disk grows but never shrinks.' },
    maxDisk: { doc: 'The largest disk (GB) a container may grow to.' },
    cpu: { doc: 'A fixed number of CPU cores, for services that do not scale (Docker).' },
    ram: { doc: 'A fixed amount of RAM in GB, for services that do not scale (Docker).' },
    disk: { doc: 'A fixed disk size in GB, for services that do not scale (Docker).' },
    minFreeCpuCores: { doc: 'Scale up when fewer than this many cores are idle: a fraction of a core (0–1), not a percentage.' },
    minFreeCpuPercent: { doc: 'Scale up when less than this percentage of the CPU is idle.' },
    minFreeRamGB: { doc: 'Scale up when less than this much RAM (GB) is free.' },
    minFreeRamPercent: { doc: 'Scale up when less than this percentage of RAM is free. On Valkey keep it above 20, or the cache may never grow.' },
    swapEnabled: { doc: 'Whether containers may use swap (on by default).' },
    minVCpu: { doc: 'Old name of `minCpu`; use `minCpu`.' },
    maxVCpu: { doc: 'Old name of `maxCpu`; use `maxCpu`.' },
  },
};

/** Keys Zerops' own files use that no schema lists yet (shared/zerops-facts.md §1.1). */
export const IMPORT_UNOFFICIAL: Partial<Record<ImportKeyLevel, Record<string, SchemaKey>>> = {
  project: { vault: { type: 'object' } },
  service: { vault: { type: 'object' } },
};

export function importKeyHand(level: ImportKeyLevel, key: string): ImportKeyHand | undefined {
  const h = DOCS[level][key];
  return typeof h === 'string' ? { doc: h } : h;
}
