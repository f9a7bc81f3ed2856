import { svc } from '../helpers';
import type { RuleTable } from '../rule-tester';

// service-type-unknown and service-version-unknown (server/src/rules/types.ts).

export const TYPES: RuleTable = {
  'service-type-unknown': {
    valid: ['valkey@7.2', 'valkey:ha@7.2', 'nodejs@22', 'alpine/nodejs@22', 'ubuntu/python@3.12', 'static', 'object-storage', 'sharedstorage', 'shared-storage:single', 'keydb@6', 'rabbitmq@3.9', 'alpine/docker@26']
      .map((t) => ({ name: `both spellings of real types: ${t}`, code: svc(t) })),
    invalid: [
      { name: 'a type in no spelling, fixed to the nearest', code: svc('valky@7.2', 'mode: HA'), hits: ['valky@7.2'], output: svc('valkey@7.2', 'mode: HA') },
      { code: svc('redis@7'), hits: [{ text: 'redis@7', message: /serviceStackTypeNotFound/ }], output: svc('valkey@7.2') },
      { code: svc('postgres@16'), hits: ['postgres@16'], output: svc('postgresql@16') },
      { code: svc('meilisearch:ha@1.20'), hits: ['meilisearch:ha@1.20'], output: svc('meilisearch:single@1.20') },
      { name: 'a bare number', code: svc('16'), hits: ['16'] },
    ],
  },
  'service-version-unknown': {
    valid: ['postgresql@14', 'postgresql:single@18', 'nodejs@18', 'rust@1', 'python@3.14', 'php-nginx@8.3', 'valkey@8', 'keydb@5']
      .map((t) => ({ name: `offered versions, and Valkey and KeyDB (their own rules): ${t}`, code: svc(t) })),
    invalid: [
      { name: 'the nearest offered versions, none applied unasked', code: svc('nodejs@19'), hits: ['19'], offers: [['Use nodejs@20', false], ['Use nodejs@18', false], ['Use nodejs@22', false]] },
      { code: svc('postgresql@13'), hits: ['13'], fix: 'Use postgresql@14', output: svc('postgresql@14') },
      { code: svc('postgresql:ha@15'), hits: ['15'], fix: 'Use postgresql:ha@14', output: svc('postgresql:ha@14') },
      { name: 'no version at all', code: svc('postgresql'), hits: ['postgresql'], fix: 'Use postgresql@18', output: svc('postgresql@18') },
    ],
  },
};
