import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { sectionsOf } from '../server/src/model/setup-sections';
import { resolvedOf } from '../server/src/model/zerops-yml';
import { yaml } from './helpers';

// The typed sections of a resolved setup: each value with its span and the setup whose text holds it.

function setups(text: string) {
  const model = parseZerops(text, { fileName: 'zerops.yml' });
  const at = (needle: string) => text.indexOf(needle);
  return { model, at, byName: (n: string) => resolvedOf(model).find((r) => r.setup.name?.value === n)!, sections: (n: string) => sectionsOf(resolvedOf(model).find((r) => r.setup.name?.value === n)!, text) };
}

describe('setup sections', () => {
  const text = yaml(
    'zerops:',
    '  - setup: base',
    '    build:',
    '      base: nodejs@22',
    '      buildCommands: [npm ci, npm run build]',
    '      deployFiles: ./dist',
    '    run:',
    '      base: nodejs@22',
    '      start: node index.js',
    '      ports:',
    '        - port: 3000',
    '          httpSupport: true',
    '      healthCheck:',
    '        httpGet:',
    '          port: 3000',
    '          path: /up',
    '      envVariables:',
    '        A: one',
    '  - setup: app',
    '    extends: base',
    '    run:',
    '      envVariables:',
    '        B: two',
    '      crontab:',
    '        - command: ./job',
    '          timing: "0 * * * *"',
  );

  it('keeps a value inherited through extends with the parent as its source', () => {
    const { sections, byName, at } = setups(text);
    const app = sections('app');
    assert.equal(app.run?.start?.items[0]?.value, 'node index.js');
    assert.equal(app.run?.start?.from, byName('base').setup);
    assert.deepEqual(app.run?.start?.keySpan, { start: at('start:'), end: at('start:') + 'start'.length });
    assert.deepEqual(app.build?.buildCommands?.items.map((v) => v.value), ['npm ci', 'npm run build']);
    assert.equal(app.build?.deployFiles?.empty, false);
  });

  it('merges env maps key by key, each key with the setup that wrote it', () => {
    const { sections, byName } = setups(text);
    const env = sections('app').run?.envVariables;
    assert.deepEqual([...env!.keys.keys()], ['A', 'B']);
    assert.equal(env!.keys.get('A')?.from, byName('base').setup);
    assert.equal(env!.keys.get('B')?.from, byName('app').setup);
    assert.equal(env!.keys.get('B')?.value?.value, 'two');
  });

  it('reads ports, probes and cron jobs as typed entries', () => {
    const { sections } = setups(text);
    const run = sections('app').run!;
    assert.equal(run.ports?.items?.[0].port?.value, 3000);
    assert.equal(run.ports?.items?.[0].httpSupport?.value, true);
    assert.equal(run.healthCheck?.httpGet?.path?.value, '/up');
    assert.equal(run.healthCheck?.isMap, true);
    assert.equal(run.crontab?.items?.[0].timing?.value, '0 * * * *');
    assert.equal(sections('base').run?.crontab, undefined);
  });

  it('follows a merge key, whose keys belong to the setup that holds the merge', () => {
    const { sections, byName } = setups(yaml(
      'zerops:',
      '  - setup: a',
      '    run: &r',
      '      base: php-nginx@8.4',
      '      documentRoot: public',
      '  - setup: b',
      '    run:',
      '      <<: *r',
      '      documentRoot: web',
    ));
    const run = sections('b').run!;
    assert.equal(run.base?.items[0]?.value, 'php-nginx@8.4');
    assert.equal(run.documentRoot?.value?.value, 'web');
    assert.equal(run.base?.from, byName('b').setup);
  });

  it('tells an empty deployFiles and a list from one value', () => {
    const { sections } = setups(yaml('zerops:', '  - setup: a', '    build:', '      deployFiles: []', '      cache: node_modules'));
    const build = sections('a').build!;
    assert.equal(build.deployFiles?.empty, true);
    assert.equal(build.deployFiles?.list, true);
    assert.equal(build.cache?.list, false);
    assert.deepEqual(build.cache?.items.map((v) => v.value), ['node_modules']);
  });
});
