import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { MCP_PROVIDER_ID, mcpLaunch } from '../client/src/mcp-launch';

// `zerops-lint mcp` driven as an agent drives it: the SDK's own client starts the real CLI over stdio.

const CLI = resolve(__dirname, '../../dist/cli.js');

const VALKEY8 = 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: NON_HA\n';
const CLEAN_IMPORT = 'project:\n  name: shop\nservices:\n  - hostname: app\n    type: nodejs@22\n  - hostname: cache\n    type: valkey@7.2\n    mode: NON_HA\n';
const ZY_USER = [
  'zerops:', '  - setup: app', '    build:', '      base: nodejs@22', '      buildCommands:', '        - npm ci', '      deployFiles: ./',
  '    run:', '      base: nodejs@22', '      start: node index.js', '      envVariables:', '        REDIS_USER: ${cache_user}', '',
].join('\n');

async function connect(cwd?: string): Promise<Client> {
  const client = new Client({ name: 'zerops-lsp-test', version: '0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd, stderr: 'pipe' }));
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function textOf(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

interface FindingOut { rule: string; severity: string; line: number; column: number; fixable: boolean }

describe('zerops-lint mcp', () => {
  let client: Client;
  let empty: string;
  before(async () => {
    // An import file sits in the server's working folder: no tool may read it.
    empty = mkdtempSync(join(tmpdir(), 'zerops-mcp-'));
    writeFileSync(join(empty, 'zerops-project-import.yml'), CLEAN_IMPORT);
    client = await connect(empty);
  });
  after(async () => {
    await client.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('initializes with tools and lists them with descriptions and JSON input schemas', async () => {
    assert.equal(client.getServerVersion()?.name, 'zerops-lint');
    assert.ok(client.getServerCapabilities()?.tools);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['catalog', 'explain_rule', 'fix', 'plan', 'validate']);
    for (const t of tools) {
      assert.ok((t.description ?? '').length > 80, `${t.name} has a description written for a model`);
      assert.equal(t.inputSchema.type, 'object');
      assert.equal((t.inputSchema as { additionalProperties?: boolean }).additionalProperties, false);
    }
    assert.deepEqual(tools.find((t) => t.name === 'validate')!.inputSchema.required, ['text']);
  });

  describe('validate', () => {
    it('reports a mistake with rule, severity, 1-based place and fix availability, as text and structure', async () => {
      const r = await call(client, 'validate', { text: VALKEY8 });
      assert.ok(!r.isError);
      const s = r.structuredContent as { kind: string; findings: FindingOut[]; summary: { errors: number } };
      assert.equal(s.kind, 'import');
      const v = s.findings.find((f) => f.rule === 'valkey-version')!;
      assert.deepEqual({ severity: v.severity, line: v.line, column: v.column, fixable: v.fixable }, { severity: 'error', line: 3, column: 18, fixable: true });
      assert.ok(s.summary.errors >= 1);
      assert.match(textOf(r), /input\.yaml:3:18 error .*\[valkey-version\] \(fix available\)/);
    });

    it('says a correct file has no problems', async () => {
      const r = await call(client, 'validate', { text: CLEAN_IMPORT, fileName: 'zerops-project-import.yml' });
      assert.ok(!r.isError);
      assert.deepEqual((r.structuredContent as { findings: unknown[] }).findings, []);
      assert.match(textOf(r), /no problems found/);
    });

    it('checks a zerops.yml against the related import file, and only against what it is given', async () => {
      const alone = await call(client, 'validate', { text: ZY_USER, fileName: 'zerops.yml' });
      assert.ok(!(alone.structuredContent as { findings: FindingOut[] }).findings.some((f) => f.rule === 'reference-unknown-variable'),
        'the import file in the server\'s folder was not read');
      const withImport = await call(client, 'validate', {
        text: ZY_USER, fileName: 'zerops.yml', related: [{ fileName: 'zerops-project-import.yml', text: CLEAN_IMPORT }],
      });
      const f = (withImport.structuredContent as { findings: FindingOut[] }).findings.find((x) => x.rule === 'reference-unknown-variable');
      assert.ok(f, textOf(withImport));
      assert.equal(f.line, 12);
    });

    it('takes kind to check a file whose name and content say nothing', async () => {
      // A setup without its name: neither the name input.yaml nor this content says zerops.yml.
      const text = 'zerops:\n  - run:\n      base: nodejs@22\n      start: node x.js\n';
      const unknown = await call(client, 'validate', { text });
      assert.equal(unknown.isError, true);
      const r = await call(client, 'validate', { text, kind: 'zerops-yml' });
      assert.ok(!r.isError, textOf(r));
      assert.equal((r.structuredContent as { kind: string }).kind, 'zerops-yml');
      assert.ok((r.structuredContent as { findings: FindingOut[] }).findings.some((f) => f.rule === 'schema-required'));
      const named = await call(client, 'validate', { text: text.replace('nodejs@22', 'nodejs@99'), fileName: 'zerops.yaml' });
      assert.ok((named.structuredContent as { findings: FindingOut[] }).findings.some((f) => f.rule === 'base-version-unknown'));
    });

    it('never echoes the value of a secret', async () => {
      const secret = 'pgAdm1nS3cretValue99';
      const text = `services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      DATABASE_URL: postgresql://app:${secret}@db:5432/app\n${'  - hostname: db\n    type: postgresql@16\n    mode: NON_HA\n'}`;
      const r = await call(client, 'validate', { text });
      assert.ok((r.structuredContent as { findings: FindingOut[] }).findings.some((f) => f.rule === 'secret-literal'));
      assert.ok(!JSON.stringify(r).includes(secret));
    });

    for (const [what, args, message] of [
      ['no text', {}, /"text" must be a string/],
      ['a text that is not a string', { text: 42 }, /"text" must be a string/],
      ['an unknown kind', { text: VALKEY8, kind: 'compose' }, /"kind" takes "import" or "zerops-yml"/],
      ['a path that climbs out', { text: VALKEY8, fileName: '../etc/zerops.yml' }, /relative file name/],
      ['an absolute Windows path', { text: VALKEY8, fileName: 'C:\\zerops.yml' }, /relative file name/],
      ['an unknown argument', { text: VALKEY8, filename: 'x.yml' }, /Unknown argument "filename" \(did you mean "fileName"\?\)/],
      ['related that is not a list', { text: VALKEY8, related: 'zerops.yml' }, /"related" must be a list/],
      ['a related file without a name', { text: VALKEY8, related: [{ text: 'a: 1' }] }, /related\[0\] needs a "fileName"/],
      ['two files of one name', { text: VALKEY8, fileName: 'a.import.yml', related: [{ fileName: 'a.import.yml', text: '' }] }, /Two files are named/],
      ['a text that is no Zerops file', { text: 'name: CI\non: push\n' }, /not recognised as a Zerops file.*kind/],
      ['a text over the limit', { text: 'a'.repeat(2 * 1024 * 1024 + 1) }, /at most \d+ are checked/],
    ] as const) {
      it(`gives a tool error for ${what}`, async () => {
        const r = await call(client, 'validate', args as Record<string, unknown>);
        assert.equal(r.isError, true);
        assert.match(textOf(r), message);
      });
    }
  });

  describe('fix', () => {
    it('returns the text with the safe fixes applied and lists them', async () => {
      const r = await call(client, 'fix', { text: VALKEY8 });
      assert.ok(!r.isError);
      const s = r.structuredContent as { text: string; changed: boolean; fixes: { rule: string; line: number }[]; remaining: FindingOut[] };
      assert.equal(s.text, VALKEY8.replace('valkey@8', 'valkey@7.2'));
      assert.equal(s.changed, true);
      assert.deepEqual(s.fixes.map((f) => [f.rule, f.line]), [['valkey-version', 3]]);
      assert.ok(!s.remaining.some((f) => f.rule === 'valkey-version'));
      assert.ok(textOf(r).endsWith(s.text));
    });

    it('leaves a correct file as it is', async () => {
      const r = await call(client, 'fix', { text: CLEAN_IMPORT });
      const s = r.structuredContent as { text: string; changed: boolean; fixes: unknown[] };
      assert.deepEqual([s.text, s.changed, s.fixes.length], [CLEAN_IMPORT, false, 0]);
    });

    it('gives a tool error for bad arguments', async () => {
      const r = await call(client, 'fix', { text: null });
      assert.equal(r.isError, true);
      assert.match(textOf(r), /"text" must be a string/);
    });
  });

  describe('explain_rule', () => {
    it('explains what, why, an example and the fix', async () => {
      const r = await call(client, 'explain_rule', { id: 'valkey-version' });
      assert.ok(!r.isError);
      const s = r.structuredContent as { what: string; why: string; example: { fileName: string; text: string }; fix: string; severity: Record<string, string>; docs: string };
      assert.match(s.what, /7\.2/);
      assert.match(s.why, /serviceStackTypeNotFound/);
      assert.match(s.example.text, /valkey@8/);
      assert.ok(s.fix.length > 5);
      assert.deepEqual(s.severity, { import: 'error' });
      assert.match(s.docs, /rules\.md#valkey-version$/);
      assert.match(textOf(r), /^valkey-version: error in import files\n\nWhat: .*\nWhy: .*\nFix: /);
    });

    it('shows the files a cross-file rule is checked with, and what else it reads', async () => {
      const r = await call(client, 'explain_rule', { id: 'service-setup-missing' });
      assert.match(textOf(r), /checked with zerops-project-import\.yml/);
      assert.match(textOf(r), /git remote/);
    });

    it('gives a tool error with the nearest id for an unknown one', async () => {
      const r = await call(client, 'explain_rule', { id: 'valkey-versoin' });
      assert.equal(r.isError, true);
      assert.match(textOf(r), /did you mean "valkey-version"/);
      assert.equal((await call(client, 'explain_rule', {})).isError, true);
    });
  });

  describe('catalog', () => {
    it('gives Valkey as 7.2 only, with its four ports and their roles', async () => {
      const r = await call(client, 'catalog', { type: 'valkey' });
      const s = r.structuredContent as { versions: string[]; ports: { port: number; role: string; readOnly: boolean; tls: boolean; haOnly: boolean }[]; modes: { mode: string; nodes: number }[]; variables: { name: string; secret: boolean }[] };
      assert.deepEqual(s.versions, ['7.2']);
      assert.deepEqual(s.ports.map((p) => [p.port, p.tls, p.readOnly, p.haOnly]), [[6379, false, false, false], [6380, true, false, false], [7000, false, true, true], [7001, true, true, true]]);
      for (const p of s.ports) assert.ok(p.role.length > 10);
      assert.deepEqual(s.modes.map((m) => [m.mode, m.nodes]), [['NON_HA', 1], ['HA', 3]]);
      assert.equal(s.variables.find((v) => v.name === 'password')?.secret, true);
      assert.match(textOf(r), /Port 7000: read-only/);
    });

    it('answers for a type with a version and a variant, and lists every type without one', async () => {
      const pg = await call(client, 'catalog', { type: 'postgresql:ha@16' });
      assert.ok(!pg.isError, textOf(pg));
      assert.ok((pg.structuredContent as { ports: { port: number }[] }).ports.some((p) => p.port === 5432));
      const all = await call(client, 'catalog', {});
      const types = (all.structuredContent as { types: { type: string; offered: boolean }[] }).types;
      assert.ok(types.some((t) => t.type === 'nodejs'));
      assert.ok(types.some((t) => t.type === 'valkey' && t.offered));
    });

    it('gives a tool error for an unknown type or version', async () => {
      const r = await call(client, 'catalog', { type: 'valky' });
      assert.equal(r.isError, true);
      assert.match(textOf(r), /did you mean "valkey"/);
      const v = await call(client, 'catalog', { type: 'valkey@8' });
      assert.equal(v.isError, true);
      assert.match(textOf(v), /offers 7\.2/);
    });
  });

  describe('plan', () => {
    const IMPORT = [
      '#yamlPreprocessor=on', 'project:', '  name: shop', 'services:',
      '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      APP_KEY: <@generateRandomString(<32>)>',
      '      API_TOKEN: tok_live_9f8e7d6c5b4a39281706', '  - hostname: cache', '    type: valkey@7.2', '    mode: HA', '',
    ].join('\n');
    const ZY = ZY_USER.replace('REDIS_USER: ${cache_user}', 'REDIS_URL: redis://default:${cache_password}@cache:7000');

    it('previews the project: canonical types, nodes, the setup, connections with port and role, names only', async () => {
      const r = await call(client, 'plan', { files: [{ fileName: 'zerops-project-import.yml', text: IMPORT }, { fileName: 'zerops.yml', text: ZY }] });
      assert.ok(!r.isError, textOf(r));
      const s = r.structuredContent as { version: number; projects: { project: { name: string }; services: { hostname: string; canonicalType: string; nodes: number | null; setup: { name: string; file: string } | null; secrets: unknown[] }[]; connections: { from: string; to: string; port: number | null; role: string }[] }[] };
      assert.equal(s.version, 1);
      const [p] = s.projects;
      assert.equal(p.project.name, 'shop');
      const cache = p.services.find((x) => x.hostname === 'cache')!;
      assert.deepEqual([cache.canonicalType, cache.nodes], ['valkey:ha@7.2', 3]);
      const setup = p.services.find((x) => x.hostname === 'app')!.setup!;
      assert.deepEqual([setup.name, setup.file], ['app', 'zerops.yml']);
      const edge = p.connections.find((c) => c.from === 'app' && c.to === 'cache' && c.port === 7000);
      assert.ok(edge, JSON.stringify(p.connections));
      assert.match(edge.role, /read-only/);
      assert.ok(!JSON.stringify(r).includes('tok_live_9f8e7d6c5b4a39281706'), 'no secret value in the plan');
      assert.match(textOf(r), /cache/);
    });

    for (const [what, args, message] of [
      ['no files', {}, /"files" must be a non-empty list/],
      ['an empty list', { files: [] }, /"files" must be a non-empty list/],
      ['no import file among them', { files: [{ fileName: 'zerops.yml', text: ZY }] }, /None of the files is a project import file/],
      ['a file without a name', { files: [{ text: IMPORT }] }, /files\[0\] needs a "fileName"/],
      ['two files of one name', { files: [{ fileName: 'a.import.yml', text: IMPORT }, { fileName: 'a.import.yml', text: IMPORT }] }, /Two files are named/],
    ] as const) {
      it(`gives a tool error for ${what}`, async () => {
        const r = await call(client, 'plan', args as Record<string, unknown>);
        assert.equal(r.isError, true);
        assert.match(textOf(r), message);
      });
    }
  });

  it('gives a tool error for a tool that does not exist', async () => {
    const r = await call(client, 'lint', { text: VALKEY8 });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /no tool "lint"/);
  });
});

describe('zerops-lint mcp over a raw pipe', () => {
  /** Starts the server, writes `lines`, closes stdin, and collects what it printed and how it ended. */
  function session(lines: readonly string[]): Promise<{ out: Record<string, unknown>[]; code: number | null; err: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [CLI, 'mcp'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      const timer = setTimeout(() => { child.kill(); fail(new Error(`no exit after stdin closed; stderr: ${err}`)); }, 20_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        done({ out: out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), code, err });
      });
      child.stdin.end(lines.map((l) => `${l}\n`).join(''));
    });
  }
  const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } });
  const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' });

  it('answers a malformed message with a parse error, keeps serving, and exits cleanly when stdin closes', async () => {
    const { out, code } = await session([init, '{"jsonrpc": "2.0", "id": 7, "method": ', '[1, 2', '{"hello": "world"}', list]);
    assert.equal(code, 0);
    const errors = out.filter((m) => (m.error as { code?: number } | undefined)?.code === -32700);
    assert.equal(errors.length, 3);
    for (const e of errors) assert.equal(e.id, null);
    const tools = out.find((m) => m.id === 2)?.result as { tools: unknown[] } | undefined;
    assert.equal(tools?.tools.length, 5);
  });

  it('exits cleanly on a closed stdin with nothing said', async () => {
    const { out, code } = await session([]);
    assert.deepEqual([out, code], [[], 0]);
  });

  it('refuses an argument it does not take, with a usage error', async () => {
    const r = await new Promise<{ code: number | null; err: string }>((done) => {
      const child = spawn(process.execPath, [CLI, 'mcp', '--port', '3000'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => done({ code, err }));
    });
    assert.equal(r.code, 2);
    assert.match(r.err, /unexpected argument --port/);
  });
});

describe('the VS Code extension\'s MCP server definition', () => {
  it('names the provider the manifest contributes, and its command starts the server', async () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { mcpServerDefinitionProviders: { id: string }[] } };
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders.map((p) => p.id), [MCP_PROVIDER_ID]);
    // The extension host runs it with its own runtime; here that runtime is this Node.
    const launch = mcpLaunch(resolve(__dirname, '../..'), process.execPath);
    const client = new Client({ name: 'vscode-stand-in', version: '0' });
    await client.connect(new StdioClientTransport({ command: launch.command, args: launch.args, env: { ...process.env, ...launch.env } as Record<string, string>, stderr: 'pipe' }));
    try {
      assert.equal((await client.listTools()).tools.length, 5);
    } finally {
      await client.close();
    }
  });
});
