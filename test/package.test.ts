import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';

// The .vsix as `npm run package` makes it, read back from the zip: what users install must carry the
// bundles and nothing of the development tree, and its manifest must say what the extension can do.

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Every file of a zip archive by name, uncompressed (stored or deflated entries, as vsce writes them). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLen);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return files;
}

let dir = '';
let vsix = new Map<string, Buffer>();

before(() => {
  // vsce's own packing step with the options of `npm run package`, minus its prepublish build: the
  // pretest step built dist/ already, and rebuilding it here would race the tests that run the server.
  assert.match(pkg.scripts.package, /^vsce package --no-dependencies -o \S+\.vsix$/);
  dir = mkdtempSync(join(tmpdir(), 'zerops-vsix-'));
  const out = join(dir, 'test.vsix');
  const script = `require('@vscode/vsce/out/package').pack({ cwd: process.argv[1], packagePath: process.argv[2], dependencies: false })
    .catch((e) => { console.error(e); process.exit(1); })`;
  const r = spawnSync(process.execPath, ['-e', script, ROOT, out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  vsix = unzip(readFileSync(out));
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('the .vsix carries the bundles (client, server, MCP server; client and server for the web), grammar, snippets and docs, and no development files', () => {
  // Exactly: the zip's own two files, the manifest, readme, licence, the rule docs the diagnostics link
  // to, the client, server and MCP bundles for the desktop, the client and server for the web, and every
  // file the manifest contributes (grammars, snippets).
  const contributed = [...pkg.contributes.grammars, ...pkg.contributes.snippets].map((c: { path: string }) => `extension/${c.path.replace(/^\.\//, '')}`);
  assert.ok(contributed.includes('extension/snippets/javascript.json'));
  assert.ok(!contributed.some((p: string) => p.endsWith('yaml.json')), 'the YAML snippets come from the server');
  assert.deepEqual([...vsix.keys()].sort(), [...new Set([
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/LICENSE.txt',
    'extension/changelog.md',
    'extension/dist/extension.js',
    'extension/dist/mcp.js',
    'extension/dist/server.js',
    'extension/dist/web/extension.js',
    'extension/dist/web/server.js',
    // The project preview: its page script and styles, and Mermaid's own prebuilt bundle (the pinned devDependency).
    'extension/dist/preview.js',
    'extension/dist/preview.css',
    'extension/dist/mermaid.min.js',
    'extension/docs/rules.md',
    'extension/package.json',
    'extension/readme.md',
    ...contributed,
  ])].sort());
  // The same, said as the rule the list follows, so a new file is judged and not only counted.
  for (const name of vsix.keys()) {
    assert.doesNotMatch(name, /(^|\/)(src|test|out|node_modules|bench|scripts|examples|\.ci|\.git)\//, name);
    assert.doesNotMatch(name, /\.(ts|map|vsix|tsbuildinfo)$|(^|\/)\.|lock/, name);
  }
  // The bundles stand alone: the client needs only VS Code's API, the server only Node.
  const requires = (file: string) => new Set([...vsix.get(file)!.toString('utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
  const builtins = new Set(builtinModules);
  const foreign = (file: string, allowed: string[]) => [...requires(file)].filter((m) => !builtins.has(m.replace(/^node:/, '')) && !allowed.includes(m));
  assert.deepEqual(foreign('extension/dist/extension.js', ['vscode']), []);
  assert.deepEqual(foreign('extension/dist/server.js', []), []);
  // The web bundles require nothing at all but VS Code's API: no Node built-in, no package left outside.
  assert.deepEqual([...requires('extension/dist/web/extension.js')], ['vscode']);
  assert.deepEqual([...requires('extension/dist/web/server.js')], []);
  assert.equal(pkg.browser, './dist/web/extension.js');
  // The MCP SDK's JSON-schema validator (ajv) keeps `require("ajv/…")` as text inside the code it can
  // generate for standalone validators; nothing loads them (the tarball test runs the MCP server with no
  // node_modules). Any other name would be a real dependency left out of the bundle.
  assert.deepEqual(foreign('extension/dist/mcp.js', []).filter((m) => !/^ajv(?:-formats)?\/dist\//.test(m)), []);
  assert.doesNotMatch(vsix.get('extension/dist/server.js')!.toString('utf8'), /sourceMappingURL=data:/, 'no inline source maps');
  // The webview loads nothing from outside the package: Mermaid as published, the page script without requires.
  assert.ok(vsix.get('extension/dist/mermaid.min.js')!.equals(readFileSync(join(ROOT, 'node_modules/mermaid/dist/mermaid.min.js'))), 'Mermaid as published');
  assert.equal(JSON.parse(readFileSync(join(ROOT, 'node_modules/mermaid/package.json'), 'utf8')).version, pkg.devDependencies.mermaid, 'the pinned Mermaid');
  assert.deepEqual([...requires('extension/dist/preview.js')], []);
});

test('the packaged manifest declares workspace trust and virtual workspaces, and both claims hold', () => {
  const manifest = JSON.parse(vsix.get('extension/package.json')!.toString('utf8'));
  const caps = manifest.capabilities;
  // Untrusted workspaces: fully supported, because nothing from the workspace is ever run. No setting
  // names a program, and no setting a workspace can set is a path or a free-form string an attacker could
  // aim somewhere: those are closed choices, and the one path (zerops.schemas, a catalogue folder read as
  // data) is a machine setting, which VS Code reads from the user's settings only.
  assert.deepEqual(caps.untrustedWorkspaces, { supported: true });
  for (const [key, prop] of Object.entries<{ type: string; scope?: string; enum?: string[]; additionalProperties?: { enum?: string[] } }>(manifest.contributes.configuration.properties)) {
    const closed = prop.type === 'boolean' || (prop.type === 'string' && !!prop.enum) || (prop.type === 'object' && !!prop.additionalProperties?.enum);
    assert.ok(closed || prop.scope === 'machine', `${key} is a closed choice or a machine setting`);
  }
  assert.equal(manifest.contributes.configuration.properties['zerops.schemas'].scope, 'machine');
  // Virtual workspaces: supported, and the client indeed asks for their documents (github.dev's vscode-vfs)
  // and answers the server's file requests through vscode.workspace.fs (protocol-virtual.test.ts).
  assert.equal(caps.virtualWorkspaces, true);
  const client = vsix.get('extension/dist/extension.js')!.toString('utf8');
  assert.deepEqual([...client.matchAll(/scheme:\s*"([^"]+)"/g)].map((m) => m[1]).sort(), ['file', 'untitled', 'vscode-remote', 'vscode-vfs']);
  for (const method of ['zerops/findFiles', 'zerops/stat', 'zerops/readFile']) assert.ok(client.includes(`"${method}"`), method);
  // The VSIX manifest VS Code reads at install time agrees on the engine and the identity.
  const xml = vsix.get('extension.vsixmanifest')!.toString('utf8');
  assert.ok(xml.includes(`<Property Id="Microsoft.VisualStudio.Code.Engine" Value="${pkg.engines.vscode}" />`), 'engine');
  assert.ok(xml.includes(`Id="${pkg.name}" Version="${pkg.version}" Publisher="${pkg.publisher}"`), 'identity');
});
