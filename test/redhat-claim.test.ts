import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, test } from 'node:test';
import { type AddressInfo } from 'node:net';
import { start, yamlLs } from '../bench/lsp-bench';
import { killAll } from '../bench/lsp-client';
import { CLAIMED_SCHEMA, CLAIMED_SCHEMA_URI, claims } from '../client/src/claim';
import { yaml } from './helpers';

// The claim on Red Hat's side, without VS Code: the real yaml-language-server (the npm package Red Hat's
// extension runs) asks its client for a file's schema (`custom/schema/request`) before settings and
// SchemaStore; answered as the extension answers it (client/src/claim.ts), a Zerops file gets the empty
// schema and none of SchemaStore's errors, while the same file in a folder with zerops.enable: false still
// gets them. SchemaStore's catalogue is served on loopback with a schema as strict as Zerops' published one
// on bases and durations. (The extension host half, Red Hat's own extension, runs in npm run test:e2e.)

after(killAll);

const STRICT = JSON.stringify({
  type: 'object',
  properties: {
    zerops: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          run: { type: 'object', properties: { base: { enum: ['alpine/nodejs@22', 'ubuntu/nodejs@22'] }, healthCheck: { type: 'object', properties: { failureTimeout: { type: 'integer' } } } } },
        },
      },
    },
  },
});

const FILE = yaml('zerops:', '  - setup: app', '    run:', '      base: nodejs@22', '      start: npm start', '      healthCheck:', '        httpGet:', '          port: 3000', '          path: /', '        failureTimeout: 60s', '');

test('yaml-language-server: the claimed zerops.yml gets no schema error; the one in a zerops.enable: false folder gets SchemaStore\'s', async () => {
  const served: string[] = [];
  const store = createServer((req, res) => {
    served.push(req.url ?? '');
    const base = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
    const body = req.url === '/catalog.json'
      ? JSON.stringify({ version: 1, schemas: [{ name: 'zerops.yml', fileMatch: ['zerops.yml'], url: `${base}/zerops-yml.json` }] })
      : req.url === '/zerops-yml.json' ? STRICT : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '{}');
  });
  await new Promise<void>((r) => store.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(store.address() as AddressInfo).port}/catalog.json`;
    const texts = new Map<string, string>();
    const spec = yamlLs('file:///nothing.json', []);
    const yamlSettings = { ...(spec.settings.yaml as Record<string, unknown>), schemas: {}, schemaStore: { enable: true, url } };
    const server = await start({
      ...spec,
      settings: { ...spec.settings, yaml: yamlSettings },
      requests: {
        // As the extension answers: claimed where zerops.enable is on (the folder `on`), by the server's classification.
        'custom/schema/request': (resource) => (claims({ uri: String(resource), text: texts.get(String(resource)), enabled: String(resource).includes('/on/') }) ? [CLAIMED_SCHEMA_URI] : []),
        'custom/schema/content': (uri) => (uri === CLAIMED_SCHEMA_URI ? CLAIMED_SCHEMA : undefined),
      },
    });
    await server.notify('yaml/registerCustomSchemaRequest', null);

    const off = 'file:///w/off/zerops.yml';
    const on = 'file:///w/on/zerops.yml';
    texts.set(off, FILE);
    texts.set(on, FILE);
    let since = server.mark();
    await server.notify('textDocument/didOpen', { textDocument: { uri: off, languageId: 'yaml', version: 1, text: FILE } });
    const refused = await server.waitPublish(off, since, (p) => p.diagnostics.length >= 2, 20_000);
    const lines = refused.diagnostics.map((d) => d.range.start.line + 1).sort((a, b) => a - b);
    assert.deepEqual(lines, [4, 10], `SchemaStore's schema refuses the bare base and the duration: ${JSON.stringify(refused.diagnostics.map((d) => d.message))}`);
    assert.ok(served.includes('/zerops-yml.json'), served.join());

    since = server.mark();
    await server.notify('textDocument/didOpen', { textDocument: { uri: on, languageId: 'yaml', version: 1, text: FILE } });
    const claimed = await server.waitPublish(on, since, () => true, 20_000);
    assert.deepEqual(claimed.diagnostics, []);
    // And after an edit (yaml-ls asks again on each check).
    since = server.mark();
    const edited = FILE.replace('npm start', 'node server.js');
    texts.set(on, edited);
    await server.notify('textDocument/didChange', { textDocument: { uri: on, version: 2 }, contentChanges: [{ text: edited }] });
    assert.deepEqual((await server.waitPublish(on, since, () => true, 20_000)).diagnostics, []);
    // A syntax error is still Red Hat's to report there (the extension then leaves out its own yaml-syntax).
    since = server.mark();
    await server.notify('textDocument/didChange', { textDocument: { uri: on, version: 3 }, contentChanges: [{ text: `${edited}  - setup: [x\n` }] });
    const broken = await server.waitPublish(on, since, (p) => p.diagnostics.length > 0, 20_000);
    assert.ok(broken.diagnostics.every((d) => d.source === 'YAML' && !/accepted|Incorrect type/.test(d.message)), JSON.stringify(broken.diagnostics));
    await server.stop();
  } finally {
    await new Promise((r) => store.close(r));
  }
});
