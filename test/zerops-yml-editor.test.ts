import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import type { ServiceModel } from '../server/src/model/types';
import { complete } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { completeAt as completeIn, hoverAt as hoverIn } from './editor';
import { atCursor, yaml } from './helpers';

// Hover and completion in a zerops.yml: keys per level, bases per phase, ports, enums, extends, durations.

const hoverAt = (marked: string, extra: readonly ServiceModel[] = []) => hoverIn(marked, 'zerops.yml', extra);
const completeAt = (marked: string) => completeIn(marked, 'zerops.yml');

const HEAD = ['zerops:', '  - setup: app'];

describe('hover on zerops.yml keys', () => {
  test('a key: its path, type, what it does, its default and where it acts', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      ports:', '        - port: 3000', '          http|Support: true'));
    assert.equal(h?.covers, 'httpSupport');
    assert.ok(h.markdown.startsWith('**`run.ports[].httpSupport`** · boolean'), h.markdown);
    assert.ok(h.markdown.includes('Default: `false`.'), h.markdown);
    assert.ok(h.markdown.includes('Acted on by Zerops around the containers'), h.markdown);
    const build = hoverAt(yaml(...HEAD, '    build:', '      buildComm|ands:', '        - npm ci'));
    assert.ok(build?.markdown.includes('/build/source') && build.markdown.includes('Acts in the build container.'), build?.markdown);
  });

  test('the same key name means different things at different levels', () => {
    const setup = hoverAt(yaml('zerops:', '  - set|up: app'));
    assert.ok(setup?.markdown.startsWith('**`zerops[].setup`** · string · required'), setup?.markdown);
    const probe = hoverAt(yaml(...HEAD, '    run:', '      healthCheck:', '        httpGet:', '          po|rt: 80'));
    assert.ok(probe?.markdown.startsWith('**`run.healthCheck.httpGet.port`** · integer'), probe?.markdown);
    const port = hoverAt(yaml(...HEAD, '    run:', '      ports:', '        - po|rt: 80'));
    assert.ok(port?.markdown.startsWith('**`run.ports[].port`**'), port?.markdown);
  });

  test('a probe timing says it is a Go duration, with its range and the default Zerops measured', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      healthCheck:', '        failure|Timeout: 90s'));
    assert.ok(h);
    assert.ok(h?.markdown.startsWith('**`run.healthCheck.failureTimeout`** · Go duration (10s to 1h)'), h?.markdown);
    assert.ok(h.markdown.includes('Zerops refuses a bare number'), h.markdown);
    assert.ok(h.markdown.includes('Default: `3m0s`.'), h.markdown);
  });

  test('a key Zerops does not know there: ignored, and where it belongs', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      deploy|Files: ./'));
    assert.equal(h?.markdown, '`deployFiles` is not a key of `run`: Zerops ignores it. It belongs under `build`.');
    const typo = hoverAt(yaml(...HEAD, '    build:', '      buildCom|ands:'));
    assert.equal(typo?.markdown, '`buildComands` is not a key of `build`: Zerops ignores it.');
  });

  test('no hover inside free maps (variables), on comments, or off any key', () => {
    assert.equal(hoverAt(yaml(...HEAD, '    run:', '      envVariables:', '        NODE|_ENV: production')), null);
    assert.equal(hoverAt(yaml(...HEAD, '    run:', '      # ba|se: nodejs@22')), null);
    assert.equal(hoverAt(yaml(...HEAD, '    run:', '      start: node |server.js')), null);
  });
});

describe('hover on a base', () => {
  test('technology, versions offered in the phase, both spellings, the OS and what a runtime needs', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      base: node|js@22'));
    assert.equal(h?.covers, 'nodejs@22');
    const md = h!.markdown;
    assert.ok(md.startsWith('**Node.js** · `nodejs@22` as `run.base` · build and run'), md);
    assert.ok(md.includes('Versions in run: `24`, `22`, `20`, `latest` (alpine, ubuntu).'), md);
    assert.ok(md.includes('Only in older catalogues (may stop building): `18`.'), md);
    assert.ok(md.includes('`nodejs@22`, `alpine/nodejs@22`, `ubuntu/nodejs@22`'), md);
    assert.ok(md.includes('Needs `start`'), md);
    assert.ok(!md.includes('⚠'), md);
  });

  test('an item of a build.base list, a legacy version, a version that does not exist, a run-only base in build', () => {
    const item = hoverAt(yaml(...HEAD, '    build:', '      base:', '        - php@8.4', '        - "nodejs|@22"'));
    assert.equal(item?.covers, 'nodejs@22');
    assert.ok(item.markdown.startsWith('**Node.js** · `nodejs@22` as `build.base`'), item.markdown);
    assert.ok(!item.markdown.includes('Needs `start`'), 'a build base needs no start');
    const legacy = hoverAt(yaml(...HEAD, '    build:', '      base: nodejs@1|8'));
    assert.ok(legacy?.markdown.includes('⚠ `nodejs@18` is not in Zerops\' current catalogue'), legacy?.markdown);
    const missing = hoverAt(yaml(...HEAD, '    build:', '      base: nodejs@9|9'));
    assert.ok(missing?.markdown.includes('⚠ Node.js has no version `99` in build.'), missing?.markdown);
    const phase = hoverAt(yaml(...HEAD, '    build:', '      base: php-ngi|nx@8.4'));
    assert.ok(phase?.markdown.includes('⚠ PHP + Nginx is offered for run only. Build PHP with `php@8.4`.'), phase?.markdown);
    const webserver = hoverAt(yaml(...HEAD, '    run:', '      base: sta|tic'));
    assert.ok(webserver?.markdown.includes('Its web server listens on port 80 by itself: `ports` need not list it.'), webserver?.markdown);
  });

  test('a technology Zerops does not have lists the ones it has', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      base: no|de@22'));
    assert.ok(h);
    assert.ok(h?.markdown.startsWith('`node@22`: not a technology Zerops offers as a base. Known in run: '), h?.markdown);
    assert.ok(h.markdown.includes('`nodejs`') && !h.markdown.includes('`php`,'), h.markdown);
  });
});

describe('hover on a port', () => {
  test('a run port: what Zerops routes to it; out of range and 443 are called out', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      ports:', '        - port: 30|00'));
    assert.equal(h?.covers, '3000');
    assert.ok(h.markdown.startsWith('**Port 3000**: Zerops routes traffic from the other services'), h.markdown);
    assert.ok(!h.markdown.includes('⚠'));
    assert.ok(hoverAt(yaml(...HEAD, '    run:', '      ports:', '        - port: 9999|9'))?.markdown.includes('⚠ Zerops accepts ports 10 to 65435'));
    assert.ok(hoverAt(yaml(...HEAD, '    run:', '      ports:', '        - port: 44|3'))?.markdown.includes('do not listen on 443'));
  });

  test('a probe port: where the check connects', () => {
    const h = hoverAt(yaml(...HEAD, '    deploy:', '      readinessCheck:', '        httpGet:', '          port: 8|0'));
    assert.ok(h?.markdown.startsWith('**Port 80**: the check sends its request to `127.0.0.1:80` inside the container'), h?.markdown);
  });
});

describe('completion of zerops.yml keys', () => {
  test('inside run: only run keys, without those already written, maps and lists opened on the next line', () => {
    const c = completeAt(yaml(...HEAD, '    run:', '      base: nodejs@22', '      |', '      start: node a.js'));
    assert.ok(c.labels.includes('ports') && c.labels.includes('healthCheck') && c.labels.includes('envVariables'), c.labels.join());
    for (const absent of ['base', 'start', 'buildCommands', 'deployFiles', 'readinessCheck', 'setup']) assert.ok(!c.labels.includes(absent), absent);
    const insert = (l: string) => c.entries.find((e) => e.label === l)?.insertText;
    assert.equal(insert('ports'), 'ports:\n        - ');
    assert.equal(insert('healthCheck'), 'healthCheck:\n        ');
    assert.equal(insert('initCommands'), 'initCommands:\n        - ');
    // On Node.js these would earn warnings (webserver-key-non-webserver, routing-non-static); `startCommands` beside `start` too.
    for (const warned of ['documentRoot', 'siteConfigPath', 'routing', 'startCommands']) assert.ok(!c.labels.includes(warned), warned);
    const php = completeAt(yaml(...HEAD, '    run:', '      base: php-nginx@8.4', '      |'));
    assert.equal(php.entries.find((e) => e.label === 'documentRoot')?.insertText, 'documentRoot: ');
    assert.ok(!php.labels.includes('routing') && php.labels.includes('start') && php.labels.includes('startCommands'));
    assert.ok(completeAt(yaml(...HEAD, '    run:', '      base: static', '      |')).labels.includes('routing'));
    // With no base to go by (written nowhere, not even in a parent), every key stays.
    const unknown = completeAt(yaml(...HEAD, '    run:', '      |'));
    for (const key of ['documentRoot', 'routing', 'start', 'startCommands']) assert.ok(unknown.labels.includes(key), key);
  });

  test('a parent\'s run base counts: routing is offered under a child of a static setup, not of a Node.js one', () => {
    const file = (base: string) => yaml('zerops:', '  - setup: base', '    run:', `      base: ${base}`, '  - setup: app', '    extends: base', '    run:', '      initCommands: [x]', '      |');
    assert.ok(completeAt(file('static')).labels.includes('routing'));
    assert.ok(!completeAt(file('nodejs@22')).labels.includes('routing'));
  });

  test('deprecated keys: the old build.deploy is not offered; os comes last, marked deprecated', () => {
    const build = completeAt(yaml(...HEAD, '    build:', '      |'));
    assert.ok(!build.labels.includes('deploy') && build.labels.includes('deployFiles'));
    const os = build.entries.find((e) => e.label === 'os')!;
    assert.equal(os.deprecated, true);
    const sorted = [...build.entries].filter((e) => e.kind === 'key').sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.equal(sorted[sorted.length - 1].label, 'os');
    assert.ok(build.entries.filter((e) => e.label !== 'os').every((e) => !e.deprecated));
  });

  test('base: and os: ask for their values once inserted; other keys do not', () => {
    const c = completeAt(yaml(...HEAD, '    run:', '      |'));
    const retrigger = c.entries.filter((e) => e.retrigger).map((e) => e.label).sort();
    assert.deepEqual(retrigger, ['base', 'os']);
    assert.equal(c.entries.find((e) => e.label === 'base')?.insertText, 'base: ');
    // On a line that already has `base:`, only the name is replaced: nothing to ask for.
    assert.ok(!completeAt(yaml(...HEAD, '    run:', '      bas|: x')).entries.some((e) => e.retrigger));
  });

  test('per level: a setup entry (setup first), build, a ports item, a health check, the root', () => {
    // The keys, then (after them) the setup snippets of the catalogue.
    assert.deepEqual(completeAt(yaml('zerops:', '  - |')).labels, ['setup', 'build', 'deploy', 'extends', 'run',
      'zerops-setup-go', 'zerops-setup-nodejs', 'zerops-setup-php-nginx', 'zerops-setup-python', 'zerops-setup-static']);
    assert.equal(completeAt(yaml('zerops:', '  - |')).entries[0].insertText, 'setup: ');
    const build = completeAt(yaml(...HEAD, '    build:', '      dep|'));
    assert.ok(build.labels.includes('deployFiles') && build.labels.includes('buildCommands') && !build.labels.includes('start'), build.labels.join());
    assert.equal(build.replaced(build.entries[0]), 'dep');
    assert.equal(build.entries.at(-1)?.detail, 'deprecated');
    assert.deepEqual(completeAt(yaml(...HEAD, '    run:', '      ports:', '        - port: 80', '          |')).labels.sort(), ['description', 'httpSupport', 'protocol']);
    const probe = completeAt(yaml(...HEAD, '    run:', '      healthCheck:', '        |'));
    assert.deepEqual(probe.labels.sort(), ['disconnectTimeout', 'exec', 'execPeriod', 'failureTimeout', 'httpGet', 'recoveryTimeout']);
    assert.deepEqual(completeAt('|').labels, ['zerops', 'zerops-yml']);
  });

  test('inside a free map (variables) no key is offered, only the variable-map snippets', () => {
    const c = completeAt(yaml(...HEAD, '    run:', '      envVariables:', '        |'));
    assert.deepEqual(c.labels, ['zerops-env-valkey', 'zerops-redis-replicas', 'zerops-redis-tls', 'zerops-redis-url']);
  });
});

describe('completion of zerops.yml values', () => {
  test('run.base: every current base of the run phase, once, bare; build-only and legacy bases absent', () => {
    const c = completeAt(yaml(...HEAD, '    run:', '      base: nod|'));
    assert.ok(c.labels.includes('nodejs@22') && c.labels.includes('php-nginx@8.4') && c.labels.includes('static'));
    assert.ok(!c.labels.includes('php@8.4') && !c.labels.includes('nodejs@18'), 'build-only and legacy bases are not offered for run');
    assert.ok(!c.labels.some((l) => l.includes('/')), 'one spelling: bare');
    assert.equal(new Set(c.labels).size, c.labels.length);
    assert.ok(!c.labels.includes('golang@1') && c.labels.includes('go@1'), 'one name for Go');
    assert.equal(c.replaced(c.entries[0]), 'nod');
    // Typing an OS prefix asks for that spelling, only the versions offered on it.
    const alpine = completeAt(yaml(...HEAD, '    run:', '      base: alpine/|'));
    assert.ok(alpine.labels.length > 0 && alpine.labels.every((l) => l.startsWith('alpine/')), alpine.labels.join());
    assert.ok(alpine.labels.includes('alpine/nodejs@22') && !alpine.labels.some((l) => l.startsWith('alpine/deno')), 'Deno is offered on Ubuntu only');
    assert.equal(alpine.entries.find((e) => e.label === 'alpine/nodejs@22')?.detail, 'Node.js 22 on alpine');
    assert.ok(completeAt(yaml(...HEAD, '    run:', '      base: ubuntu/|')).labels.includes('ubuntu/deno@2'));
    // Between the colon and the value the cursor is on no word yet: entries insert there, replacing nothing.
    const before = completeAt(yaml(...HEAD, '    run:', '      base:| nodejs@22'));
    assert.ok(before.entries.length > 0 && before.entries.every((e) => before.replaced(e) === ''));
  });

  test('build.base, also as an item of a list: php but no php-nginx, no docker', () => {
    for (const marked of [yaml(...HEAD, '    build:', '      base: |'), yaml(...HEAD, '    build:', '      base:', '        - php@8.4', '        - |')]) {
      const c = completeAt(marked);
      assert.ok(c.labels.includes('php@8.4') && c.labels.includes('nodejs@22'), marked);
      assert.ok(!c.labels.some((l) => l.startsWith('php-nginx') || l.startsWith('docker')), marked);
    }
  });

  test('os, protocol, scheme and booleans from the catalogue', () => {
    assert.deepEqual(completeAt(yaml(...HEAD, '    run:', '      os: |')).labels, ['alpine', 'ubuntu']);
    assert.deepEqual(completeAt(yaml(...HEAD, '    run:', '      ports:', '        - port: 80', '          protocol: |')).labels, ['tcp', 'udp']);
    assert.deepEqual(completeAt(yaml(...HEAD, '    deploy:', '      temporaryShutdown: |')).entries.map((e) => [e.label, e.detail]), [['false', 'default'], ['true', undefined]]);
  });

  test('extends: the other setups of the file, plain, as list items and in a flow list', () => {
    const text = ['zerops:', '  - setup: base', '  - setup: dev', '  - setup: app'];
    assert.deepEqual(completeAt(yaml(...text, '    extends: |')).labels, ['base', 'dev']);
    assert.deepEqual(completeAt(yaml(...text, '    extends:', '      - b|')).labels, ['base', 'dev']);
    const flow = completeAt(yaml(...text, '    extends: [base, "d|"]'));
    assert.deepEqual(flow.entries.map((e) => [e.label, flow.replaced(e)]), [['base', 'd'], ['dev', 'd']]);
  });

  test('in a flow list of bases only the item under the cursor is replaced or explained', () => {
    const c = completeAt(yaml(...HEAD, '    build:', '      base: [php@8.4, nod|]'));
    assert.ok(c.entries.length > 0 && c.entries.every((e) => c.replaced(e) === 'nod'));
    const h = hoverAt(yaml(...HEAD, '    build:', '      base: [php@8.4, node|js@22]'));
    assert.equal(h?.covers, 'nodejs@22');
  });

  test('probe timings: the typed number with the units that keep it in 10s..1h, or common durations', () => {
    const typed = completeAt(yaml(...HEAD, '    run:', '      healthCheck:', '        failureTimeout: 90|'));
    assert.deepEqual(typed.labels, ['90s']);
    assert.equal(typed.replaced(typed.entries[0]), '90');
    assert.deepEqual(completeAt(yaml(...HEAD, '    deploy:', '      readinessCheck:', '        retryPeriod: 5|')).labels, ['5m']);
    const empty = completeAt(yaml(...HEAD, '    run:', '      healthCheck:', '        execPeriod: |'));
    assert.equal(empty.labels[0], '30s');
    assert.equal(empty.entries[0].detail, 'default');
    assert.ok(empty.labels.includes('5m') && !empty.labels.includes('0s'));
  });

  test('values of keys without a closed set are not guessed', () => {
    assert.deepEqual(completeAt(yaml(...HEAD, '    run:', '      start: |')).labels, []);
    assert.deepEqual(completeAt(yaml(...HEAD, '    run:', '      ports:', '        - port: |')).labels, []);
  });
});

describe('completion inside a one-line flow map', () => {
  test('keys of the level the braces are at, without those written, each going in as key: (no new line)', () => {
    const run = completeAt(yaml(...HEAD, '    run: { base: nodejs@22, st| }'));
    assert.ok(run.labels.includes('start') && run.labels.includes('ports') && !run.labels.includes('base') && !run.labels.includes('buildCommands'), run.labels.join());
    const start = run.entries.find((e) => e.label === 'start')!;
    assert.equal(start.insertText, 'start: ');
    assert.equal(run.replaced(start), 'st');
    assert.equal(run.entries.find((e) => e.label === 'ports')!.insertText, 'ports: ');
    // Nested in a list item of a flow setup, and in a list of maps.
    assert.deepEqual(completeAt(yaml('zerops:', '  - { setup: app, run: { ports: [ { port: 80, | } ] } }')).labels.sort(), ['description', 'httpSupport', 'protocol']);
    const setup = completeAt(yaml('zerops:', '  - { setup: app, | }'));
    assert.ok(setup.labels.includes('run') && !setup.labels.includes('setup'), setup.labels.join());
  });

  test('values: bases of the phase, enums (in quotes too), durations; an unclosed brace at the line end', () => {
    const base = completeAt(yaml(...HEAD, '    run: { base: | }'));
    assert.ok(base.labels.includes('nodejs@22') && base.labels.includes('php-nginx@8.4') && !base.labels.includes('php@8.4'), base.labels.slice(0, 5).join());
    assert.ok(completeAt(yaml(...HEAD, '    build: { base: nod|')).labels.includes('php@8.4'));
    const os = completeAt(yaml(...HEAD, '    run: { os: "ubu|" }'));
    assert.deepEqual(os.labels.sort(), ['alpine', 'ubuntu']);
    assert.equal(os.replaced(os.entries[0]), 'ubu');
    assert.deepEqual(completeAt(yaml(...HEAD, '    run: { healthCheck: { httpGet: { port: 80, path: / }, failureTimeout: 9| } }')).labels, ['9m']);
  });

  test('at every offset of flow-heavy text (quotes, escapes, unbalanced braces), completion and hover answer with spans that hold the cursor', () => {
    const text = yaml('zerops:', '  - { setup: "a\\"b", run: { base: [nodejs@22, \'x\'\'y\'], ports: [ { port: 80 } ], start: \'{ a: b }\' } }',
      '  - setup: c', '    run: { os: ubuntu, envVariables: { A: "{", B: } }', '    build: { base: [ { ] , deployFiles: ./ # { x: y', '    deploy: {{}}: }');
    for (let offset = 0; offset <= text.length; offset++) {
      const entries = complete(parseZerops(text, { fileName: 'zerops.yml' }), offset);
      for (const e of entries) assert.ok(e.span.start <= offset && offset <= e.span.end, `${offset}: ${e.label} ${JSON.stringify(e.span)}`);
      const h = hover(parseZerops(text, { fileName: 'zerops.yml' }), offset);
      if (h) assert.ok(h.span.start <= offset && offset <= h.span.end, `hover at ${offset}: ${JSON.stringify(h.span)}`);
    }
  });

  test('hover reads the braces the same way: a key, a base, a duration', () => {
    assert.equal(hoverAt(yaml(...HEAD, '    run: { base: nodejs@22, sta|rt: npm start }'))?.covers, 'start');
    assert.ok(hoverAt(yaml(...HEAD, '    run: { base: nodejs@22, sta|rt: npm start }'))!.markdown.startsWith('**`run.start`**'));
    const base = hoverAt(yaml('zerops:', '  - { setup: app, run: { base: node|js@22 } }'));
    assert.equal(base?.covers, 'nodejs@22');
    assert.ok(base!.markdown.startsWith('**Node.js** · `nodejs@22` as `run.base`'), base!.markdown);
    assert.equal(hoverAt(yaml(...HEAD, '    run: { he|althCheck: { httpGet: { port: 80, path: / } } }'))?.covers, 'healthCheck');
  });

  test('look-alikes stay as they were: braces in a plain string, after a closed map, a block map, a comment', () => {
    assert.deepEqual(completeAt(yaml(...HEAD, '    run:', '      start: echo { a: | }')).labels, []);
    assert.deepEqual(completeAt(yaml(...HEAD, '    run: { base: nodejs@22 } |')).labels, []);
    assert.deepEqual(completeAt(yaml(...HEAD, '    run: { base: nodejs@22 } # { os: | }')).labels, []);
    const block = completeAt(yaml(...HEAD, '    run:', '      base: nodejs@22', '      st|'));
    assert.equal(block.entries.find((e) => e.label === 'start')!.insertText, 'start: ');
    assert.equal(block.entries.find((e) => e.label === 'ports')!.insertText, 'ports:\n        - ');
  });
});

describe('hover on extends', () => {
  const FILE = [
    'zerops:',
    '  - setup: base',
    '    build:',
    '      base: nodejs@22',
    '      deployFiles: ./',
    '    run:',
    '      base: nodejs@22',
    '      envVariables:',
    '        A: one',
    '        B: two',
    '  - setup: prod',
  ];

  test('the merged setup: parents in order, maps merged key by key, each inherited value marked with its setup', () => {
    const h = hoverAt(yaml(...FILE, '    extends: ba|se', '    run:', '      envVariables:', '        B: three', '      start: node a.js'));
    assert.equal(h?.covers, 'base');
    assert.equal(h.markdown, [
      '**Setup `prod`** after `extends`: `base`, then its own keys. Maps merge key by key; lists and single values are replaced.',
      '',
      '```yaml',
      'build:  # from base',
      '  base: nodejs@22',
      '  deployFiles: ./',
      'run:',
      '  base: nodejs@22  # from base',
      '  envVariables:',
      '    A: one  # from base',
      '    B: three',
      '  start: node a.js',
      '```',
    ].join('\n'));
  });

  test('the merged setup follows YAML aliases and merge keys, as the checks do', () => {
    const h = hoverAt(yaml(
      'zerops:',
      '  - setup: base',
      '    build: &b',
      '      base: nodejs@22',
      '      deployFiles: ./',
      '    run:',
      '      base: nodejs@22',
      '  - setup: shared',
      '    run: &r',
      '      start: node a.js',
      '  - setup: prod',
      '    extends: ba|se',
      '    run:',
      '      <<: *r',
      '      ports:',
      '        - port: 3000',
    ));
    assert.ok(h?.markdown.includes('  deployFiles: ./'), h?.markdown);
    assert.ok(h?.markdown.includes('  start: node a.js'), h?.markdown);
  });

  test('on the key: its documentation, then the merged setup; unknown parents and cycles are named', () => {
    const key = hoverAt(yaml(...FILE, '    ext|ends: base'));
    assert.ok(key?.markdown.startsWith('**`zerops[].extends`**') && key.markdown.includes('**Setup `prod`** after `extends`: `base`'), key?.markdown);
    const unknown = hoverAt(yaml(...FILE, '    extends: [base, bsae|]'));
    assert.ok(unknown?.markdown.includes('⚠ No setup `bsae` in this file.'), unknown?.markdown);
    const cycle = hoverAt(yaml('zerops:', '  - setup: a', '    extends: b', '  - setup: b', '    extends: a|'));
    assert.ok(cycle?.markdown.includes('⚠ `extends` goes round in a circle: `a` → `b` → `a`.'), cycle?.markdown);
  });
});

describe('${…} in zerops.yml, with the services of the workspace imports', () => {
  const cache = parseZerops(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: HA'), { fileName: 'import.yaml' }).services;

  test('hover explains the reference as in an import file; completion offers the hostnames, then their variables', () => {
    const h = hoverAt(yaml(...HEAD, '    run:', '      envVariables:', '        REDIS_URL: ${cache_conn|ectionString}'), cache);
    assert.ok(h?.markdown.includes('`cache` is a Valkey service') && h.covers === '${cache_connectionString}', h?.markdown);
    const { text, offset } = atCursor(yaml(...HEAD, '    run:', '      envVariables:', '        REDIS_URL: ${|'));
    assert.deepEqual(complete(parseZerops(text, { fileName: 'zerops.yml' }), offset, cache).map((e) => e.label), ['cache']);
    const vars = atCursor(yaml(...HEAD, '    run:', '      envVariables:', '        REDIS_URL: ${cache_|'));
    const labels = complete(parseZerops(vars.text, { fileName: 'zerops.yml' }), vars.offset, cache).map((e) => e.label);
    assert.ok(labels.includes('connectionString') && labels.includes('portReplicas'), labels.join());
  });
});

describe('hover on a setup name', () => {
  const services = parseZerops(yaml(
    'services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: https://github.com/a/b', '    zeropsSetup: prod',
    '  - hostname: base', '    type: nodejs@22', '    zeropsSetup: other', '  - hostname: web', '    type: nodejs@22',
  ), { fileName: 'import.yaml' }).services;
  const FILE = ['zerops:', '  - setup: base', '  - setup: prod', '    extends: base', '  - setup: web', '  - setup: lone'];

  test('the setups extending it and the services deploying with it, by zeropsSetup or hostname', () => {
    const base = hoverAt(yaml(...FILE).replace('setup: base', 'setup: ba|se'), services);
    assert.equal(base?.markdown, '**Setup `base`**\n\nExtended by `prod`: a template, which they start from.\n\nNo service of the workspace\'s import files uses it (by `zeropsSetup` or a hostname `base`); `zcli push --setup base` can still pick it.');
    assert.ok(hoverAt(yaml(...FILE).replace('setup: prod', 'setup: pr|od'), services)?.markdown.includes('Deployed by `api` (by `zeropsSetup`)'));
    assert.ok(hoverAt(yaml(...FILE).replace('setup: web', 'setup: w|eb'), services)?.markdown.includes('Deployed by `web` (by its hostname)'));
    assert.ok(hoverAt(yaml(...FILE).replace('setup: lone', 'setup: lo|ne'))?.markdown.includes('No service of the workspace'));
  });
});

describe('an inline zeropsYaml in an import file is a zerops.yml for hover and completion', () => {
  const SERVICE = ['services:', '  - hostname: api', '    type: nodejs@22', '    buildFromGit: https://github.com/a/b', '    zeropsYaml:', '      zerops:', '        - setup: api'];
  const inImport = (marked: string) => {
    const { text, offset } = atCursor(marked);
    const model = parseZerops(text, { fileName: 'import.yaml' });
    const h = hover(model, offset);
    return { hover: h?.markdown, labels: complete(model, offset).map((e) => e.label) };
  };

  test('keys and bases at their level, as in a zerops.yml', () => {
    const base = inImport(yaml(...SERVICE, '          run:', '            base: nodejs@2|2'));
    assert.ok(base.hover?.startsWith('**Node.js** · `nodejs@22` as `run.base`'), base.hover);
    const key = inImport(yaml(...SERVICE, '          run:', '            healthCh|eck:'));
    assert.ok(key.hover?.startsWith('**`run.healthCheck`**'), key.hover);
    const keys = inImport(yaml(...SERVICE, '          run:', '            base: nodejs@22', '            |'));
    assert.ok(keys.labels.includes('start') && keys.labels.includes('ports') && !keys.labels.includes('base') && !keys.labels.includes('hostname'), keys.labels.join());
    assert.deepEqual(inImport(yaml(...SERVICE.slice(0, 5), '      |')).labels, ['zerops']);
  });

  test('the service keys keep the hover and completion of an import file', () => {
    assert.ok(inImport(yaml(...SERVICE.slice(0, 3), '    |')).labels.includes('zeropsYaml'));
    assert.ok(inImport(yaml(...SERVICE.slice(0, 4), '    zeropsY|aml:'))?.hover?.includes('inline'));
  });
});
