import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { complete } from '../server/src/service/features/completion';
import { hover } from '../server/src/service/features/hover';
import { code, plain } from '../server/src/service/features/markdown';
import { yaml } from './helpers';

// Every hover and completion doc, rendered as an editor renders Markdown (HTML allowed, then tags dropped,
// as VS Code's sanitizer drops unknown ones): no word of the source may be lost. `<password>` taken for a
// tag is the failure this catches.

// markdown-it is a pinned dev dependency (the packaging tool uses it too), so this renders with a real
// CommonMark implementation rather than a regular expression.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(src: string): string };
const md = new MarkdownIt({ html: true });

function visible(markdown: string): string {
  return md.render(markdown).replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function words(s: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of s.match(/[A-Za-z0-9]+/g) ?? []) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/** The words of `markdown` that its rendering does not show (fence info strings aside). */
function lost(markdown: string): string[] {
  const shown = words(visible(markdown));
  const out: string[] = [];
  for (const [w, n] of words(markdown.replace(/^```\w+$/gm, '```'))) if ((shown.get(w) ?? 0) < n) out.push(w);
  return out;
}

const FILES: [string, string][] = [
  ['import.yaml', yaml(
    '#yamlPreprocessor=on',
    'project:',
    '  name: demo',
    '  envVariables:',
    '    X: 1',
    'services:',
    '  - hostname: cache',
    '    type: valkey@8',
    '    mode: NON_HA',
    '    profileOverrides:',
    '      maxmemory-policy: allkeys-lru',
    '  - hostname: ha',
    '    type: valkey:ha@7.2',
    '  - hostname: kv',
    '    type: keydb@6',
    '  - hostname: db',
    '    type: postgresql@16',
    '  - hostname: app',
    '    type: nodejs@22',
    '    verticalAutoscaling:',
    '      minRam: 1',
    '    envSecrets:',
    '      REDIS_URL: redis://default:${cache_password}@cache:7000',
    '      R2: ${ha_connectionStringReplicas}',
    '      DB: ${db_connectionString}',
    '      K: ${kv_connectionString}',
    '      S: <@generateRandomString(<32>)|sha256>',
    '      U: ${cache_user}',
    '  - ',
  )],
  ['zerops.yml', yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        A: ${cache_connectionString}', '        ')],
  // zerops.yml's own hovers and completions: keys of every level, bases, ports, probes, extends, ignored keys.
  ['zerops.yml', yaml(
    'zerops:',
    '  - setup: base',
    '    build:',
    '      base: nodejs@22',
    '      os: alpine',
    '      buildCommands: [npm ci]',
    '      deployFiles: ./',
    '      cache: node_modules',
    '      envReplace:',
    '        delimiter: "%%"',
    '    run:',
    '      base: nodejs@99',
    '      ports:',
    '        - port: 3000',
    '          httpSupport: true',
    '      start: node server.js',
    '      healthCheck:',
    '        httpGet:',
    '          port: 3000',
    '          path: /health',
    '        failureTimeout: 60s',
    '      crontab:',
    '        - command: echo hi',
    '          timing: "* * * * *"',
    '      deployFiles: ./',
    '  - setup: app',
    '    extends: base',
    '    deploy:',
    '      readinessCheck:',
    '        exec:',
    '          command: "true"',
    '    run:',
    '      ',
  )],
  ['import.yaml', '\n'],
];

describe('every hover and completion doc renders without losing text', () => {
  test('the helpers: code shows backticks inside, plain escapes what Markdown or HTML would take', () => {
    assert.deepEqual(lost(code('a `b` c')), []);
    assert.deepEqual(lost(plain('redis://default:<password>@<hostname>.zerops:6379 *x* _y_ [z] #1 a|b')), []);
    assert.ok(visible(plain('<password>')).includes('<password>'));
    // The check itself catches the fault it is for.
    assert.deepEqual(lost('redis://default:<password>@<hostname>.zerops:6379'), ['password', 'hostname']);
  });

  test('at every offset of files that reach every kind of doc', () => {
    const docs = new Set<string>();
    for (const [name, text] of FILES) {
      const model = parseZerops(text, { fileName: name });
      const extra = name === 'zerops.yml' ? parseZerops(FILES[0][1], { fileName: 'import.yaml' }).services : [];
      for (let offset = 0; offset <= text.length; offset++) {
        const h = hover(model, offset, extra);
        if (h) docs.add(h.markdown);
        for (const e of complete(model, offset, extra)) if (e.documentation) docs.add(e.documentation);
      }
    }
    assert.ok(docs.size > 100, `only ${docs.size} docs reached`);
    const bad = [...docs].map((d) => ({ d, lost: lost(d) })).filter((x) => x.lost.length > 0);
    assert.deepEqual(bad.map((x) => `${x.lost.join(',')} in: ${x.d.slice(0, 200)}`), []);
  });
});
