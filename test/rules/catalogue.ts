import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// What the built-in catalogue, corrected to shared/zerops-facts.md §12, makes the rules say: offered types
// stay silent, and every "not offered" message names the catalogue and its date (catalogue.test.ts keeps
// the tables themselves and the catalogue read from a folder).

const svc = (type: string, ...more: string[]) => yaml('services:', '  - hostname: app', `    type: ${type}`, ...more.map((l) => `    ${l}`));
const zy = (...run: string[]) => yaml('zerops:', '  - setup: app', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: nodejs@22', ...run.map((l) => `      ${l}`));
const base = (b: string) => yaml('zerops:', '  - setup: app', '    build:', `      base: ${b}`, '      deployFiles: ./');
const startUser = (key: string) => zy('startCommands:', '  - command: node server.js', `    ${key}: root`);
const DATED = /Zerops' catalogue of 2026-07-30/;
const OFFERED = ['mysql:single@5.7', 'mysql:ha@5.7', 'local-storage:single', 'local-storage:single@1', 'seaweedfs:single@3.85', 'seaweedfs:ha@3.85'];

export const CATALOGUE: RuleTable = {
  'service-type-unknown': {
    valid: OFFERED.map((t) => ({ name: `offered after the §12 corrections: ${t}`, code: svc(t) })),
    invalid: [
      { name: 'the message names the catalogue and its date', code: svc('valky@7.2'), hits: [{ text: 'valky@7.2', message: /^"valky" is not a service type in Zerops' catalogue of 2026-07-30; did you mean valkey@7\.2\?/ }] },
      { name: 'a variant the type lacks', code: svc('local-storage:ha@1'), hits: [{ text: 'local-storage:ha@1', message: /Local storage has no "ha" variant in Zerops' catalogue of 2026-07-30 \(it has single\)/ }] },
    ],
  },
  'service-version-unknown': {
    valid: [...OFFERED.map((t) => ({ name: `offered after the §12 corrections: ${t}`, code: svc(t) })), { name: 'Kafka 3.9 stays', code: svc('kafka@3.9', 'mode: HA') }],
    invalid: [
      { name: 'MySQL 8.0 is not offered', code: svc('mysql:ha@8.0'), hits: [{ text: '8.0', message: /^MySQL 8\.0 is not in Zerops' catalogue of 2026-07-30; offered: 5\.7\./ }] },
      { name: 'Kafka 3.8 is retired, and said so', code: svc('kafka@3.8', 'mode: HA'), hits: [{ text: '3.8', message: /^Kafka 3\.8 is not in Zerops' catalogue of 2026-07-30 \(retired in 2026-07\); offered: 3\.9\./ }] },
      { name: 'dated', code: svc('postgresql@13'), hits: [{ text: '13', message: DATED }] },
    ],
  },
  'keydb-deprecated': {
    valid: [svc('valkey@7.2', 'mode: NON_HA')],
    invalid: [{ name: 'known by name, removed from the platform, an error', code: svc('keydb@6', 'mode: NON_HA'), hits: [{ text: 'keydb@6', severity: 'error', message: /removed from the platform/ }] }],
  },
  'valkey-version': {
    valid: [svc('valkey:ha@7.2')],
    invalid: [{ name: 'Valkey stays 7.2 only, dated', code: svc('valkey:ha@8'), hits: [{ text: '8', message: DATED }] }],
  },
  'schema-unknown-key': {
    filename: 'zerops.yml',
    valid: [{ name: 'run.startCommands[].user is a zerops.yml key', code: startUser('user') }],
    invalid: [
      { name: 'a misspelling of it is still unknown', code: startUser('usr'), hits: ['usr'] },
      { name: 'user directly under run is still unknown', code: zy('user: root'), hits: ['user'] },
    ],
  },
  'base-unknown': {
    filename: 'zerops.yml',
    valid: [base('nodejs@22')],
    invalid: [{ name: 'dated', code: base('nodjs@22'), hits: [{ text: 'nodjs@22', message: /^"nodjs@22" is not a build base in Zerops' catalogue of 2026-07-30/ }] }],
  },
  'base-version-unknown': {
    filename: 'zerops.yml',
    invalid: [{ name: 'dated', code: base('nodejs@99'), hits: [{ text: 'nodejs@99', message: /^nodejs@99 is not a build base in Zerops' catalogue of 2026-07-30/ }] }],
  },
};
