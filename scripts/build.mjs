// Bundles the extension client, the language server, the CLI and its MCP server into dist/, and the same
// client and server for the browser into dist/web/ (VS Code for the web: the server runs in a web worker;
// web-guard.mjs fails the build if a Node built-in reaches them); with --tests, also every
// test file into out/test/ (node:test runs plain JavaScript, and Node 20 cannot load TypeScript); with
// --bench, the benchmark into out/bench/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { WEB_BUNDLES } from './web-guard.mjs';

// The yaml package's Node build reads process.env.LOG_TOKENS for every token it parses (a debugging switch),
// and a process.env read is a call into the C++ environment: about a fifth of the parse of a large file.
// Its browser build is the same code of the same version without those switches (the web worker runs it
// already), so every bundle resolves `yaml` to it. The benchmark's own parse floor keeps the Node build,
// as yaml-language-server and any Node program load it (bench/bench.ts says so where it prints the floor).
const YAML_BROWSER = join(dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser/index.js');
const yamlBrowserBuild = (except) => ({
  name: 'yaml-browser-build',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (args) => (except?.test(args.importer) ? undefined : { path: YAML_BROWSER }));
  },
});

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', plugins: [yamlBrowserBuild()] };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server-node.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  // './mcp.js' is dist/mcp.js beside it at run time (below), not a source file to bundle.
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['./mcp.js'] }),
  // `zerops-lint mcp` loads this only when asked, so the linter does not start up slower for the MCP SDK.
  build({ ...common, entryPoints: ['server/src/mcp/main.ts'], outfile: 'dist/mcp.js', banner: { js: '#!/usr/bin/env node' } }),
  ...WEB_BUNDLES.map((options) => build(options)),
  // The project preview's page script runs in the webview (a browser), beside Mermaid's own prebuilt bundle.
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/src/webview/preview.ts'], outfile: 'dist/preview.js' }),
]);
mkdirSync('dist', { recursive: true });
copyFileSync('client/src/webview/preview.css', 'dist/preview.css');
copyFileSync('node_modules/mermaid/dist/mermaid.min.js', 'dist/mermaid.min.js');

if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: ['bench/bench.ts', 'bench/discovery.ts', 'bench/compare.ts'], outdir: 'out/bench', external: ['./mcp.js'], plugins: [yamlBrowserBuild(/[\\/]bench[\\/]/)] });
}

if (process.argv.includes('--tests')) {
  // test/real/ (npm run test:real, which needs Zerops' own files) goes to out/real/, outside what npm test runs.
  // Emptied first, so a test file renamed or moved does not keep running from its old output.
  const suite = (dir, outdir) => {
    rmSync(outdir, { recursive: true, force: true });
    const entryPoints = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
    return build({ ...common, entryPoints, outdir, external: ['vscode', './mcp.js'] });
  };
  // test/hooks/ (npm run test:hooks: pre-commit and the GitHub Action, built from the npm registry) to out/hooks/.
  // test/editors/ (npm run test:e2e: Neovim and Emacs running docs/editors.md's configurations) to out/editors/.
  await Promise.all([suite('test', 'out/test'), suite('test/real', 'out/real'), suite('test/hooks', 'out/hooks'), suite('test/editors', 'out/editors')]);
}
