// Where Zerops has moved since the published schemas the built-in catalogue was generated from (July
// 2026), by hand, each with its source (shared/zerops-facts.md §12, §4.1). catalog/tables.ts applies
// these on top of every catalogue, the built-in one and one a user brings (`--schemas DIR`), so a newer
// schema that already has them changes nothing and one that lacks them is corrected the same way.
// The zerops.yml corrections (durations, both base spellings, keys) are in zerops-yml-corrections.ts.

export interface TypeCorrection {
  /** Exact `type` values, as a schema's `services[].type` enum would list them. */
  types: readonly string[];
  /** Where the fact comes from. */
  source: string;
}

/** Types Zerops offers that the July 2026 schema lacks. */
export const ADDED_TYPES: readonly TypeCorrection[] = [
  {
    types: ['mysql:single@5.7', 'mysql:ha@5.7'],
    source: 'zeropsio/zcp internal/topology/predicates.go ("mysql IS a real managed DB on the live platform"); its catalogue sync of 2026-05-29 added mysql:ha@5.7',
  },
  {
    types: ['local-storage:single', 'local-storage:single@1'],
    source: 'zeropsio/zcp internal/knowledge/testdata/schema_versions.json (managed Local Storage, single variant only)',
  },
  {
    types: ['seaweedfs:single@3.85', 'seaweedfs:ha@3.85'],
    source: 'Zerops docs import reference (seaweedfs:ha@3.85); zeropsio/zcp internal/knowledge/testdata/schema_versions.json',
  },
  {
    types: ['alpine/bun@1.4', 'ubuntu/bun@1.4'],
    source: 'zeropsio/zcp internal/knowledge/testdata/schema_versions.json @ 241599a4 (shared/zerops-facts.md §4.1)',
  },
];

/** Types Zerops no longer offers although a schema may still list them. */
export const RETIRED_TYPES: readonly (TypeCorrection & { retired: string })[] = [
  {
    types: ['kafka@3.8'],
    retired: '2026-07',
    source: 'zeropsio/zcp e2e/testdata/dataconsole/version-matrix.import.yaml, a live catalogue fetch of 2026-07-18: "the live import schema now offers only kafka@3.9"',
  },
];

/**
 * Bases removed from the platform: still known by name (so a file using one is told what happened, not
 * that the name is misspelt), never offered. Valkey replaces KeyDB on the same port.
 */
export const REMOVED_BASES: Readonly<Record<string, { source: string }>> = {
  keydb: { source: 'zeropsio/zcp data-console test: KeyDB is "removed from the platform"' },
};

/** Bases Zerops still knows but no longer creates services of. */
export const NOT_OFFERED_BASES: readonly string[] = ['rabbitmq'];
