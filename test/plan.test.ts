import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { main } from '../server/src/cli';
import { parseZerops } from '../server/src/model/parse';
import { planProject, PLAN_VERSION } from '../server/src/service/plan';
import { planMermaid } from '../server/src/service/plan-render';

// `zerops-lint plan` on the sample projects of test/fixtures/plan/, in all four formats, against the
// expected outputs beside them (UPDATE_GOLDEN=1 rewrites those); the Mermaid text parsed by Mermaid's own
// parser; and no value of any variable in any format.

const ROOT = resolve(__dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/plan');
const FORMATS = { text: 'plan.txt', markdown: 'plan.md', json: 'plan.json', mermaid: 'plan.mmd' } as const;
const SAMPLES = readdirSync(FIXTURES).filter((d) => existsSync(join(FIXTURES, d, 'import.yaml'))).sort();

function run(argv: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; }, cwd, color: false }) as number;
  return { code, out, err };
}

function inputsOf(dir: string): string[] {
  return ['import.yaml', 'zerops.yml'].filter((f) => existsSync(join(dir, f)));
}

function planOf(sample: string, format: keyof typeof FORMATS): { code: number; out: string; err: string } {
  const dir = join(FIXTURES, sample);
  return run(['plan', '--format', format, ...inputsOf(dir)], dir);
}

/** Mermaid's own parser, in Node: the ESM build with a DOM from jsdom (DOMPurify needs a window). */
let mermaid: { parse(text: string): Promise<unknown> };
before(async () => {
  // Loaded from node_modules at run time, not bundled into the test.
  const { JSDOM } = createRequire(join(ROOT, 'package.json'))('jsdom') as { JSDOM: new (html: string) => { window: { document: unknown } } };
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  const url = pathToFileURL(join(ROOT, 'node_modules/mermaid/dist/mermaid.core.mjs')).href;
  mermaid = (await import(url)).default;
});
after(() => {
  for (const k of ['window', 'document']) delete (globalThis as Record<string, unknown>)[k];
});

describe('zerops-lint plan: golden outputs', () => {
  assert.ok(SAMPLES.length >= 2, `samples in ${FIXTURES}`);
  for (const sample of SAMPLES) {
    for (const [format, file] of Object.entries(FORMATS) as [keyof typeof FORMATS, string][]) {
      it(`${sample}: ${format}`, () => {
        const { out, err } = planOf(sample, format);
        assert.equal(err, '');
        const expected = join(FIXTURES, sample, file);
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expected, out);
        assert.equal(out, readFileSync(expected, 'utf8'));
      });
    }
  }

  it('the JSON is the documented shape, versioned', () => {
    const plan = JSON.parse(planOf('shop', 'json').out);
    assert.equal(plan.version, PLAN_VERSION);
    const [p] = plan.projects;
    assert.deepEqual(Object.keys(p), ['file', 'project', 'zeropsYml', 'services', 'connections', 'findings']);
    for (const key of ['hostname', 'type', 'canonicalType', 'nodes', 'minContainers', 'maxContainers', 'public', 'setup', 'variables', 'secrets', 'dropped']) {
      assert.ok(key in p.services[0], key);
    }
    assert.deepEqual(Object.keys(p.connections[0]).slice(0, 5), ['from', 'to', 'port', 'role', 'variable']);
    assert.deepEqual(Object.keys(p.findings).slice(0, 2), ['errors', 'warnings']);
  });

  it('the README shows exactly what the tool prints for the shop sample', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`$ cd test/fixtures/plan/shop && zerops-lint plan import.yaml zerops.yml\n${planOf('shop', 'text').out}\`\`\``), 'text sample');
    assert.ok(readme.includes(`\`\`\`mermaid\n${planOf('shop', 'mermaid').out}\`\`\``), 'mermaid sample');
  });

  it('exits as linting does: 0 without errors, 1 with errors (and the plan printed all the same)', () => {
    assert.equal(planOf('shop', 'text').code, 0);
    const single = planOf('single', 'text');
    assert.equal(single.code, 1);
    assert.match(single.out, /^Project "blog"/);
    assert.match(single.out, /error Port 7000 is the read-only replica endpoint/);
  });
});

describe('zerops-lint plan: what it computes', () => {
  const shop = () => JSON.parse(planOf('shop', 'json').out).projects[0];
  const single = () => JSON.parse(planOf('single', 'json').out).projects[0];
  const svc = (p: { services: { hostname: string }[] }, h: string) => p.services.find((s) => s.hostname === h) as Record<string, unknown>;

  it('canonical types and nodes: valkey@7.2 + HA is valkey:ha@7.2 on 3 nodes; postgresql@16 + NON_HA is :single on 1', () => {
    assert.deepEqual([svc(shop(), 'cache').canonicalType, svc(shop(), 'cache').nodes, svc(shop(), 'cache').mode], ['valkey:ha@7.2', 3, 'ha']);
    assert.deepEqual([svc(shop(), 'db').canonicalType, svc(shop(), 'db').nodes], ['postgresql:single@16', 1]);
    assert.deepEqual([svc(single(), 'cache').canonicalType, svc(single(), 'cache').nodes], ['valkey:single@7.2', 1]);
    assert.deepEqual([svc(single(), 'pg').canonicalType, svc(single(), 'pg').nodes], ['postgresql:ha@17', 3]);
    // A runtime keeps its type; its containers are what scale.
    assert.deepEqual([svc(shop(), 'api').canonicalType, svc(shop(), 'api').nodes, svc(shop(), 'api').minContainers, svc(shop(), 'api').maxContainers], ['nodejs@22', null, 2, 6]);
  });

  it('setups through zeropsSetup or the hostname, with extends merged (bases, ports, variables)', () => {
    const api = svc(shop(), 'api');
    assert.deepEqual(api.setup, { name: 'api', file: 'zerops.yml', line: 14, inline: false });
    assert.deepEqual(api.bases, { build: ['nodejs@22'], run: 'nodejs@22' });
    assert.deepEqual(api.public, { subdomain: true, httpPorts: [3000] });
    assert.deepEqual(api.variables, ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'REDIS_READ_URL']);
    assert.deepEqual((svc(shop(), 'worker').setup as { name: string }).name, 'jobs');
    assert.deepEqual(svc(single(), 'web').setup, { name: 'web', file: null, line: null, inline: false });
  });

  it('secrets by name, preprocessor-generated ones marked', () => {
    assert.deepEqual(svc(shop(), 'api').secrets, [
      { name: 'APP_KEY', generated: true }, { name: 'STRIPE_KEY', generated: false },
      { name: 'S3_SECRET', generated: false }, { name: 'S3_URL', generated: false },
    ]);
  });

  it('connections: URLs and references become edges with port, role and variable', () => {
    const edges = shop().connections.map((c: Record<string, unknown>) => `${c.from}>${c.to}:${c.port}:${c.role}:${c.variable}`);
    for (const e of [
      'worker>cache:6379:read/write:QUEUE_URL', 'api>db:5432:read/write:DATABASE_URL', 'api>cache:6379:read/write:REDIS_URL',
      'api>cache:7000:read-only replicas:REDIS_READ_URL', 'worker>db:null:credentials:DB_PASSWORD', 'project>cache:null:reference:CACHE_HOST',
    ]) assert.ok(edges.includes(e), `${e} in ${edges.join(', ')}`);
    const singleEdges = single().connections.map((c: Record<string, unknown>) => `${c.from}>${c.to}:${c.port}:${c.role}`);
    assert.ok(singleEdges.includes('app>pg:6432:read/write, TLS'), singleEdges.join(', '));
    assert.ok(singleEdges.includes('app>pg:5433:read-only replicas'), singleEdges.join(', '));
  });

  it('what Zerops drops or ignores: service envVariables, mode on a runtime, unknown zerops.yml keys', () => {
    assert.deepEqual((svc(shop(), 'api').dropped as { key: string }[]).map((d) => d.key), ['envVariables', 'mode']);
    assert.deepEqual((svc(single(), 'app').dropped as { key: string }[]).map((d) => d.key), ['zerops.yml: colour']);
    assert.deepEqual(svc(shop(), 'cache').dropped, []);
  });

  it('findings counted and listed, errors first', () => {
    const f = single().findings;
    assert.deepEqual([f.errors, f.warnings], [1, 1]);
    assert.deepEqual(f.items.map((i: { severity: string }) => i.severity), ['error', 'warning']);
  });
});

describe('zerops-lint plan: Mermaid', () => {
  for (const sample of SAMPLES) {
    it(`${sample}: the diagram parses with Mermaid's parser, alone and inside the Markdown report`, async () => {
      const text = planOf(sample, 'mermaid').out;
      assert.match(text, /^flowchart LR\n/);
      assert.deepEqual(await mermaid.parse(text), { diagramType: 'flowchart-v2', config: {} });
      const block = /```mermaid\n([\s\S]*?)```/.exec(planOf(sample, 'markdown').out)?.[1];
      assert.ok(block);
      await mermaid.parse(block);
    });
  }

  it('the parser is real: a broken label is refused', async () => {
    await assert.rejects(mermaid.parse('flowchart LR\n  a -->|"x| b\n'));
  });

  it('odd hostnames and quotes in labels still parse; HA services are marked', async () => {
    const text = 'project:\n  name: "q\\"uote <b>#1"\nservices:\n  - hostname: end\n    type: valkey:ha@7.2\n  - hostname: a-b\n    type: nodejs@22\n    envSecrets:\n      R: redis://default:${end_password}@end:6379\n  - hostname: a_b\n    type: nodejs@22\n  - hostname: x\n    type: nonsense@1\n';
    const plan = planProject([{ fileName: '/p/import.yaml', text }, { fileName: '/p/other/import.yaml', text }]);
    const diagram = planMermaid(plan);
    await mermaid.parse(diagram);
    assert.match(diagram, /class p0_svc_end ha/);
    assert.match(diagram, /-->\|"6379 read\/write"\| p0_svc_end/);
  });
});

describe('zerops-lint plan: no value is ever shown', () => {
  const LITERALS = ['sk_live_plan_fixture_0000', 'hunter2-literal-secret', 'p\u00e4ssw\u00f6rd-literal', 'literalpw123', 'generateRandomString'];
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'zerops-plan-secrets-'));
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'import.yaml'), [
      '#zeropsPreprocessor=on',
      'project:',
      '  name: secrets',
      'services:',
      '  - hostname: cache',
      '    type: valkey@7.2',
      '  - hostname: app',
      '    type: nodejs@22',
      '    envSecrets:',
      '      PASSWORD: "p\u00e4ssw\u00f6rd-literal"',
      '      TOKEN: <@generateRandomString(<32>)>',
      '      REDIS: redis://default:literalpw123@cache:7000',
      '      STRIPE: sk_live_plan_fixture_0000',
      '    dotEnvSecrets: |',
      '      OTHER=hunter2-literal-secret',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'app/zerops.yml'), 'zerops:\n  - setup: app\n    run:\n      base: nodejs@22\n      envVariables:\n        DB_PASSWORD: hunter2-literal-secret\n        URL: redis://default:literalpw123@cache:6379\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of Object.keys(FORMATS)) {
    it(`${format}: no literal secret, though findings were about them`, () => {
      const { out, code } = run(['plan', '--format', format], dir);
      assert.equal(code, 1, out);
      if (format !== 'mermaid') assert.match(out, /secret-literal/, 'a finding about a secret value is listed');
      for (const literal of LITERALS) assert.ok(!out.includes(literal), `${literal} shown in ${format}:\n${out}`);
    });
  }

  it('nor any value of the sample projects', () => {
    for (const sample of SAMPLES) {
      const values = inputsOf(join(FIXTURES, sample)).flatMap((f) => {
        const model = parseZerops(readFileSync(join(FIXTURES, sample, f), 'utf8'), { fileName: f });
        return model.envMaps.flatMap((m) => m.entries.map((e) => e.source)).filter((v) => !/^\$\{[^}]*\}$/.test(v) && v.length >= 6);
      });
      assert.ok(values.length >= 3, `${sample} has literal values`);
      for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
        const out = planOf(sample, format).out;
        for (const v of values) assert.ok(!out.includes(v), `${sample} ${format} shows ${v}`);
      }
    }
  });
});

describe('zerops-lint plan: arguments and bad input', () => {
  it('a missing path exits 2 with the reason', () => {
    const { code, err } = run(['plan', 'nope.yaml'], FIXTURES);
    assert.equal(code, 2);
    assert.match(err, /cannot read nope\.yaml: ENOENT/);
  });

  it('an unknown format or a lint-only option is a usage error', () => {
    assert.equal(run(['plan', '--format', 'sarif'], FIXTURES).code, 2);
    assert.match(run(['plan', '--fix'], FIXTURES).err, /plan does not take --fix/);
  });

  it('plan is a subcommand only as the first argument; ./plan is a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zerops-plan-name-'));
    try {
      writeFileSync(join(dir, 'plan'), 'services:\n  - hostname: cache\n    type: valkey@8\n');
      const lint = run(['./plan'], dir);
      assert.equal(lint.code, 1);
      assert.match(lint.out, /valkey-version/);
      const help = run(['plan', '--help'], dir);
      assert.match(help.out, /^Usage: zerops-lint plan/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a broken file still plans what it can, with its errors', () => {
    const plan = planProject([{ fileName: 'import.yaml', text: 'project:\n  name: x\nservices:\n  - hostname: db\n    type: postgresql@16\n  - hostname: [oops\n' }]);
    assert.equal(plan.projects.length, 1);
    assert.ok(plan.projects[0].findings.errors > 0);
    assert.equal(plan.projects[0].services[0].hostname, 'db');
  });
});

describe('planProject (the pure entry point)', () => {
  it('a zerops.yml belongs to the nearest import file; only picks one project', () => {
    const imp = (name: string) => `project:\n  name: ${name}\nservices:\n  - hostname: app\n    type: nodejs@22\n`;
    const files = [
      { fileName: '/r/a/import.yaml', text: imp('a') },
      { fileName: '/r/b/import.yaml', text: imp('b') },
      { fileName: '/r/b/app/zerops.yml', text: 'zerops:\n  - setup: app\n    run:\n      base: nodejs@22\n' },
    ];
    const all = planProject(files);
    assert.deepEqual(all.projects.map((p) => [p.project.name, p.zeropsYml]), [['a', []], ['b', ['/r/b/app/zerops.yml']]]);
    assert.deepEqual(planProject(files, { only: '/r/b/app/zerops.yml' }).projects.map((p) => p.project.name), ['b']);
    assert.deepEqual(planProject(files, { only: '/r/a/import.yaml' }).projects.map((p) => p.project.name), ['a']);
    assert.deepEqual(planProject([{ fileName: 'x.yaml', text: 'a: 1\n' }]).projects, []);
  });
});
