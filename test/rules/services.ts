import { svc, yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// mode-invalid, mode-ignored, managed-containers, scaling-range, object-storage-size and deprecated-field
// in import files (server/src/rules/services.ts); suppression comments are look-alikes of mode-ignored.

const commented = (comment: string) => yaml('services:', '  - hostname: app', '    type: nodejs@22', comment, '    mode: HA');

export const SERVICES: RuleTable = {
  'mode-invalid': {
    valid: [svc('postgresql@16', 'mode: HA'), svc('postgresql@16', 'mode: NON_HA'), { name: 'valkey-mode owns Valkey', code: svc('valkey@7.2', 'mode: ha') }],
    invalid: [
      { name: 'a managed service with a mistyped mode', code: svc('postgresql@16', 'mode: ha'), hits: ['ha'] },
      { code: svc('postgresql@16', 'mode: non-ha'), hits: ['non-ha'], output: svc('postgresql@16', 'mode: NON_HA') },
    ],
  },
  'mode-ignored': {
    valid: [
      svc('postgresql@16', 'mode: HA'),
      { name: 'disable-next-line with its id', code: commented('    # zerops-disable-next-line mode-ignored') },
      { name: 'disable-next-line without ids silences every rule on the line', code: commented('    # zerops-disable-next-line') },
      { name: 'zerops-disable for the whole file', code: `# zerops-disable mode-ignored -- runtimes ignore it anyway\n${commented('    # note')}` },
    ],
    invalid: [
      { name: 'a warning on a runtime', code: svc('nodejs@22', 'mode: HA'), hits: [{ text: 'mode', severity: 'warning' }] },
      { name: 'removed by the fix', code: svc('nodejs@22', 'mode: HA', 'priority: 1'), hits: ['mode'], output: svc('nodejs@22', 'priority: 1') },
      { name: 'an error on object storage', code: svc('object-storage', 'objectStorageSize: 2', 'mode: NON_HA'), hits: [{ text: 'mode', severity: 'error' }] },
      { name: 'a disable comment naming other rules does not count', code: commented('    # zerops-disable-next-line hostname-invalid, schema-enum'), hits: ['mode'] },
    ],
  },
  'deprecated-field': {
    valid: [
      svc('nodejs@22', 'os: alpine'),
      svc('postgresql@16', 'mode: HA'),
      { name: 'valkey-mode-redundant owns Valkey', code: svc('valkey:ha@7.2', 'mode: HA') },
      svc('go@1', 'verticalAutoscaling:', '  minCpu: 1'),
    ],
    invalid: [
      { name: 'os next to a composite type', code: svc('alpine/nodejs@22', 'os: alpine'), hits: ['os'] },
      { name: 'mode next to a composite type', code: svc('postgresql:ha@16', 'mode: HA'), hits: ['mode'] },
      { name: 'minVCpu anywhere, a hint', code: svc('go@1', 'verticalAutoscaling:', '  minVCpu: 1'), hits: [{ text: 'minVCpu', severity: 'hint' }] },
    ],
  },
  'managed-containers': {
    valid: [svc('nodejs@22', 'minContainers: 2'), svc('postgresql@16', 'mode: HA')],
    invalid: [
      { code: svc('postgresql@16', 'mode: HA', 'minContainers: 2', 'maxContainers: 3'), hits: ['minContainers', 'maxContainers'] },
      { name: 'Valkey included', code: svc('valkey:ha@7.2', 'minContainers: 3'), hits: ['minContainers'] },
      { name: 'removed by the fix', code: svc('valkey:ha@7.2', 'minContainers: 3', 'priority: 10'), hits: ['minContainers'], output: svc('valkey:ha@7.2', 'priority: 10') },
    ],
  },
  'scaling-range': {
    valid: [svc('go@1', 'verticalAutoscaling:', '  minDisk: 1', '  maxDisk: 2'), svc('go@1', 'minContainers: 2', 'maxContainers: 2')],
    invalid: [
      { code: svc('go@1', 'minContainers: 3', 'maxContainers: 2'), hits: ['3'] },
      { code: svc('go@1', 'verticalAutoscaling:', '  minRam: 4', '  maxRam: 2', '  minCpu: 1', '  maxCpu: 1'), hits: ['4'] },
    ],
  },
  'object-storage-size': {
    valid: [svc('object-storage', 'objectStorageSize: 5'), svc('objectstorage', 'objectStorageSize: 2', 'objectStoragePolicy: private')],
    invalid: [
      { code: svc('object-storage'), hits: ['object-storage'] },
      { name: 'objectStorageSize: 2 goes after the type', code: svc('objectstorage', 'objectStoragePolicy: private'), hits: ['objectstorage'], output: svc('objectstorage', 'objectStorageSize: 2', 'objectStoragePolicy: private') },
    ],
  },
};
