import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normalizeGitUrl } from '../server/src/rules/zerops-yml/cross';
import { forFile, node, yaml } from './helpers';
import { GO_BUILD, GO_RUN } from './rules/schema';

// The zerops.yml rules' cases (shared/zerops-yml-spec.md §2) are the tables in test/rules/zerops-yml/, run
// by rules.test.ts; here, whole files that no rule may touch, and the git URL spellings cross.ts compares.

const { lint } = forFile('zerops.yml');

describe('whole files', () => {
  test('a correct Node.js file gives nothing', () => {
    assert.deepEqual(lint(node('ports:', '  - port: 3000', '    httpSupport: true', 'healthCheck:', '  httpGet:', '    port: 3000', '    path: /health', '  failureTimeout: 90s')), []);
  });
  test('a template setup skips the required checks: base has no start, prod inherits base\'s run.base', () => {
    assert.deepEqual(lint(yaml('zerops:', '  - setup: base', '    run:', '      base: nodejs@22', '  - setup: prod', '    extends: [base]', '    run:', '      start: node a')), []);
  });
  test('a section given as an alias (build: *anchor) is the anchored map: nothing above a hint', () => {
    const text = yaml('zerops:', '  - setup: api', ...GO_BUILD, ...GO_RUN, '  - setup: worker', '    build: *gobuild', '    run: *gorun');
    assert.deepEqual(lint(text).filter((f) => f.severity !== 'hint' && f.severity !== 'info').map((f) => f.rule), []);
  });
});

test('git URLs compare across spellings', () => {
  for (const u of ['https://github.com/Acme/Shop.git', 'git@github.com:acme/shop.git', 'ssh://git@github.com/acme/shop', 'https://github.com/acme/shop@main', 'https://user@github.com/acme/shop/']) {
    assert.equal(normalizeGitUrl(u), 'github.com/acme/shop', u);
  }
  assert.notEqual(normalizeGitUrl('https://github.com/acme/shop2'), 'github.com/acme/shop');
});
