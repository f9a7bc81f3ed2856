import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { createRequire } from 'node:module';

// The web build's guard: no Node built-in may reach the bundles that run in the browser. Two halves:
// the esbuild plugin of scripts/web-guard.mjs fails `npm run build` on an import of one (fs, node:path,
// fs/promises…), and tsconfig.web.json (part of `npm run typecheck`, run before the tests) type-checks the
// web entries without Node's types, so a Node global (Buffer, process) is an error there. Both are shown
// to refuse, and the real web bundles to pass.

const ROOT = resolve(__dirname, '../..');
// TypeScript from node_modules, not bundled into this test: it finds its lib files beside itself.
const ts: typeof import('typescript') = createRequire(join(ROOT, 'package.json'))('typescript');

interface Guard {
  isNodeBuiltin(specifier: string): boolean;
  noNodeBuiltins: unknown;
  WEB_BUNDLES: { entryPoints: string[]; outfile: string }[];
  build(options: object): Promise<{ metafile: { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> }; outputFiles: { path: string; text: string }[] }>;
}
const guard = (): Promise<Guard> => import(pathToFileURL(join(ROOT, 'scripts/web-guard.mjs')).href);

test('the guard names Node built-ins, bare or node:, and nothing else', async () => {
  const { isNodeBuiltin } = await guard();
  for (const m of ['fs', 'node:fs', 'fs/promises', 'path', 'node:test', 'child_process', 'process', 'buffer']) assert.ok(isNodeBuiltin(m), m);
  for (const m of ['yaml', 'vscode', 'vscode-languageserver/browser', 'vscode-uri', './fs', '../path', 'fsevents']) assert.ok(!isNodeBuiltin(m), m);
});

test('a Node built-in imported anywhere below a web entry fails the build, naming it and its importer', async () => {
  const { build, noNodeBuiltins } = await guard();
  for (const specifier of ['node:fs', 'path', 'fs/promises']) {
    await assert.rejects(
      build({
        stdin: { contents: `import * as m from '${specifier}';\nconsole.log(m);\n`, resolveDir: ROOT, sourcefile: 'entry.ts', loader: 'ts' },
        bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'silent', plugins: [noNodeBuiltins],
      }),
      (err: Error) => err.message.includes(`the Node built-in "${specifier}" cannot run in a web worker`),
      specifier,
    );
  }
});

test('the web bundles build under the guard and import nothing from Node', async () => {
  const { build, WEB_BUNDLES, isNodeBuiltin } = await guard();
  assert.deepEqual(WEB_BUNDLES.map((b) => b.outfile).sort(), ['dist/web/extension.js', 'dist/web/server.js']);
  for (const options of WEB_BUNDLES) {
    const out = await build({ ...options, absWorkingDir: ROOT, write: false, sourcemap: false });
    const inputs = Object.keys(out.metafile.inputs);
    assert.ok(inputs.some((f) => f.startsWith('server/src/')), `${options.outfile} bundles the server's code`);
    const imports = Object.values(out.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    assert.deepEqual(imports.filter(isNodeBuiltin), [], options.outfile);
    // What the bundle still loads at run time: VS Code's API in the extension, nothing in the worker.
    const text = out.outputFiles[0].text;
    assert.deepEqual([...new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))], options.outfile.endsWith('extension.js') ? ['vscode'] : [], options.outfile);
  }
  // The bundle the build wrote is the one checked (npm test builds first).
  assert.ok(readFileSync(join(ROOT, 'dist/web/server.js'), 'utf8').length > 100_000);
});

test('the web type-check has no Node types: a Node global there is an error, the web entries are clean', () => {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.web.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) })!;
  assert.deepEqual(config.options.types, []);
  assert.deepEqual(config.fileNames.map((f) => f.slice(ROOT.length + 1)).sort(), ['client/src/web.ts', 'server/src/server-web.ts']);
  const probe = 'probe.ts';
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => (name === probe
    ? ts.createSourceFile(probe, 'export const n = Buffer.byteLength("x") + process.pid;\nexport const ok = new TextEncoder().encode("x").length;\n', lang)
    : read(name, lang, ...rest));
  const program = ts.createProgram([probe], config.options, host);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0], /Cannot find name 'Buffer'/);
  assert.match(errors[1], /Cannot find name 'process'/);
});
