import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// Workspace trust, checked statically. The manifest says the extension is fully supported in untrusted
// workspaces; that is honest only while nothing in client/ or server/ runs code, spawns a process or goes
// to the network, and no setting names something to execute. The one exception is the product's only
// network access, the catalogue update a user asks for (`zerops-lint catalog update`, "Zerops: Update
// Catalogue"): one fetch, in catalogue-update.ts, reached only from those two commands.

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.[cm]?[jt]s$/.test(name) ? [path] : [];
  });
}

/** Comments removed (string contents kept: a module name is a string). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN: [RegExp, string][] = [
  [/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(?\s*)['"](?:node:)?(?:child_process|cluster|worker_threads|vm|http|https|http2|net|tls|dgram|dns|inspector)['"]/, 'a module that runs code or talks to the network'],
  [/\beval\s*\(/, 'eval'],
  [/\bnew\s+Function\s*\(/, 'new Function'],
  [/\bFunction\s*\(\s*['"`]/, 'Function constructor'],
  [/\brequire\s*\(\s*[^'"`\s)]/, 'require of a computed path'],
  [/\bimport\s*\(\s*[^'"`\s)]/, 'import() of a computed path'],
  [/\bfetch\s*\(/, 'fetch'],
  [/\b(?:XMLHttpRequest|WebSocket)\b/, 'a network API'],
  [/\bprocess\.binding\b|\bprocess\.dlopen\b/, 'native loading'],
];

test('client/src and server/src run nothing and open no connection', () => {
  const files = [...sources(join(ROOT, 'client/src')), ...sources(join(ROOT, 'server/src'))];
  assert.ok(files.length > 10, `only ${files.length} source files found`);
  const found: string[] = [];
  for (const file of files) {
    const lines = code(readFileSync(file, 'utf8')).split('\n');
    lines.forEach((line, i) => {
      for (const [re, what] of FORBIDDEN) if (re.test(line)) found.push(`${relative(ROOT, file)}:${i + 1} ${what}: ${line.trim()}`);
    });
  }
  const update = found.filter((f) => f.startsWith('server/src/catalogue-update.ts:') && / fetch: /.test(f));
  assert.equal(update.length, 1, 'one fetch, in the catalogue update');
  assert.deepEqual(found.filter((f) => !update.includes(f)), []);
  // Reached from the two commands only: the CLI's `catalog update` and the server's zerops/updateCatalogue.
  const importers = files.filter((f) => /from '\.\.?\/(?:\.\.\/)?catalogue-update'/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f)).sort();
  assert.deepEqual(importers, ['server/src/cli/catalog.ts', 'server/src/server-node.ts']);
});

test('the scan itself catches what it forbids', () => {
  const hit = (s: string) => FORBIDDEN.some(([re]) => re.test(code(s)));
  for (const bad of ["import { exec } from 'node:child_process';", "require('https')", 'eval(x)', 'new Function("return 1")', 'require(userPath)', 'await import(p)', 'fetch(url)']) {
    assert.ok(hit(bad), bad);
  }
  for (const ok of ["import { readFileSync } from 'node:fs';", '// eval(x) in a comment', "const s = 'redis://cache:6379';", 'evaluate(x)']) {
    assert.ok(!hit(ok), ok);
  }
  assert.ok(!hit("const WORDS = new Set(['ha', 'cluster']);"), 'a word that is also a module name');
  assert.ok(hit("import 'node:net';"));
});

test('the manifest declares untrusted-workspace support, and no setting names something to run', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  const props = Object.keys(pkg.contributes.configuration.properties);
  const risky = props.filter((p) => /path|command|executable|binary|args|cwd|env\b|script/i.test(p));
  // A setting that did name a program would have to be listed here and the support made 'limited'.
  assert.deepEqual(risky, [], 'settings that would need untrustedWorkspaces.restrictedConfigurations');
  assert.equal(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, undefined);
  // The server module is the extension's own, never a path from the workspace or a setting.
  const client = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');
  assert.match(client, /context\.asAbsolutePath\(path\.join\('dist', 'server\.js'\)\)/);
});
