import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lint, yaml } from './helpers';

// The Valkey rules' cases are the table in test/rules/valkey.ts (run by rules.test.ts); here, the whole
// correct file, which no rule may touch.

describe('the correct file', () => {
  test('valkey@7.2 + mode: HA wired through ${cache_connectionString} raises nothing', () => {
    const text = yaml(
      'project:', '  name: demo', '  envVariables:', '    REDIS_URL: ${cache_connectionString}',
      'services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: HA',
      '  - hostname: api', '    type: nodejs@22', '    envSecrets:',
      '      REDIS_URL: ${cache_connectionString}', '      REDIS_READ_URL: ${cache_connectionStringReplicas}',
    );
    assert.deepEqual(lint(text), []);
  });
});
