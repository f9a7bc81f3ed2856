import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test('the manifest targets VS Code 1.100 (what code-server 4.100.3 runs) and matching typings', () => {
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0');
  assert.equal(pkg.main, './dist/extension.js');
  assert.deepEqual(pkg.bin, { 'zerops-lsp': 'dist/server.js', 'zerops-lint': 'dist/cli.js' });
  assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml']);
});

test('settings follow VS Code conventions: resource-scoped rules with the five levels', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['zerops.rules'].scope, 'resource');
  assert.deepEqual(props['zerops.rules'].additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
  assert.equal(props['zerops.enable'].scope, 'resource');
  assert.deepEqual(props['zerops.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('the injection grammar is valid JSON and its patterns compile', () => {
  for (const g of pkg.contributes.grammars) {
    const grammar = JSON.parse(readFileSync(join(ROOT, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName);
    const patterns: string[] = [];
    JSON.stringify(grammar, (k, v) => {
      if ((k === 'match' || k === 'begin' || k === 'end') && typeof v === 'string') patterns.push(v);
      return v;
    });
    assert.ok(patterns.length >= 3);
    for (const p of patterns) assert.doesNotThrow(() => new RegExp(p.replace(/\\A/g, '^')), p);
    assert.ok(new RegExp(grammar.repository.reference.match).test('${cache_connectionString}'));
  }
});

test('diagnostics link into the repository the manifest names', async () => {
  const { RULE_DOCS_BASE } = await import('../server/src/rules/registry');
  const repo = String(pkg.repository.url).replace(/\.git$/, '');
  assert.equal(RULE_DOCS_BASE, `${repo}/blob/main/docs/rules.md`);
});

test('the extension has an icon: a square PNG of at least 128 px, as the Marketplace asks', () => {
  const png = readFileSync(join(ROOT, pkg.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.equal(width, height);
  assert.ok(width >= 128, `${width} px`);
});

test('the inlay hint and CodeLens switches are resource settings, on by default', () => {
  const props = pkg.contributes.configuration.properties;
  for (const key of ['zerops.inlayHints.enabled', 'zerops.codeLens.enabled']) {
    assert.equal(props[key].type, 'boolean');
    assert.equal(props[key].default, true);
    assert.equal(props[key].scope, 'resource');
  }
  assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === 'zerops.checkWorkspace'));
});
