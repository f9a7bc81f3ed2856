import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { json, ROOT, tempDir, VALKEY8_HA, writeTree } from './cli-helpers';
import { withClient } from './lsp-client';

// The npm package as a user gets it: `npm pack`, `npm install -g` of the tarball into a temporary prefix
// with an empty cache and no network (the bundles need no dependencies), then both programs run from
// that prefix through their shebangs, and `npx` runs zerops-lint straight from the tarball.

const TIMEOUT = 120_000;
// The bins start with `#!/usr/bin/env node`: the node running the tests must be the one found first.
const PATH = `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`;

function npm(args: string[], cwd: string, cache: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--no-update-notifier'], {
    cwd, encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, PATH, npm_config_cache: cache },
  });
  assert.equal(r.error, undefined, `npm ${args.join(' ')}: ${String(r.error)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('npm pack + npm install -g: zerops-lint and zerops-lsp --stdio work from the prefix; npx runs the tarball', { timeout: TIMEOUT * 3 }, async () => {
  const dir = tempDir('zerops-pack-');
  const cache = join(dir, 'empty-cache');
  const prefix = join(dir, 'prefix');
  writeTree(dir, { 'project/import.yaml': VALKEY8_HA });

  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT, cache);
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  const shipped = info.files.map((f) => f.path).sort();
  for (const must of ['LICENSE', 'README.md', 'dist/cli.js', 'dist/mcp.js', 'dist/server.js', 'docs/editors.md', 'package.json']) assert.ok(shipped.includes(must), must);
  assert.deepEqual(shipped.filter((p) => !/^(?:LICENSE|README\.md|package\.json|dist\/(?:cli|mcp|server)\.js|docs\/[^/]+\.md)$/.test(p)), [], 'nothing else ships');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
  assert.equal(manifest.dependencies, undefined, 'the bundles carry everything; an install must fetch nothing');
  const tarball = join(dir, info.filename);

  const install = npm(['install', '-g', '--prefix', prefix, tarball], dir, cache);
  assert.equal(install.status, 0, install.stderr);
  // No install script travels in the tarball (npm 11 warns about each one a user has not allowed); the
  // clone builds dist/ through its workspace scripts/build-on-install instead.
  assert.doesNotMatch(install.stderr, /warn/i, install.stderr);
  const installed = JSON.parse(readFileSync(join(prefix, 'lib/node_modules/zerops-lsp/package.json'), 'utf8')) as { scripts?: Record<string, string> };
  for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(installed.scripts?.[hook], undefined, hook);
  const bin = join(prefix, 'bin');
  const env = { ...process.env, PATH: `${bin}${delimiter}${PATH}` };

  const lint = spawnSync(join(bin, 'zerops-lint'), ['--format', 'json'], { cwd: join(dir, 'project'), encoding: 'utf8', env, timeout: TIMEOUT });
  assert.equal(lint.error, undefined, String(lint.error));
  assert.equal(lint.status, 1, lint.stderr);
  assert.deepEqual(json(lint.stdout).map((r) => [r.file, r.diagnostics.map((d) => d.code)]), [['import.yaml', ['valkey-version']]]);

  await withClient({ rootUri: null, capabilities: {} }, async (session, init) => {
    assert.equal(init.serverInfo?.name, 'zerops-lsp');
    const published = await session.open('file:///w/import.yaml', VALKEY8_HA);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['valkey-version', 2, 17]]);
  }, { command: [join(bin, 'zerops-lsp')], env });

  // `zerops-lint mcp` from the prefix: its bundle ships beside the CLI's and answers on stdio.
  const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } });
  const mcp = spawnSync(join(bin, 'zerops-lint'), ['mcp'], { input: `${init}\n`, encoding: 'utf8', env, timeout: TIMEOUT });
  assert.equal(mcp.status, 0, mcp.stderr);
  assert.equal(JSON.parse(mcp.stdout.split('\n')[0]).result.serverInfo.name, 'zerops-lint');

  const npx = spawnSync('npx', ['--offline', '--yes', `--package=${tarball}`, '--', 'zerops-lint', '--format', 'json', 'import.yaml'], {
    cwd: join(dir, 'project'), encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, PATH, npm_config_cache: join(dir, 'npx-cache'), npm_config_update_notifier: 'false' },
  });
  assert.equal(npx.error, undefined, String(npx.error));
  assert.equal(npx.status, 1, npx.stderr);
  assert.deepEqual(json(npx.stdout).map((r) => r.file), ['import.yaml']);
});
