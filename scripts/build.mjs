// Bundles the extension client, the language server and the CLI into dist/; with --tests, also every
// test file into out/test/ (node:test runs plain JavaScript, and Node 20 cannot load TypeScript); with
// --bench, the benchmark into out/bench/.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);

if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: ['bench/bench.ts', 'bench/compare.ts'], outdir: 'out/bench' });
}

if (process.argv.includes('--tests')) {
  const entryPoints = readdirSync('test').filter((f) => f.endsWith('.test.ts')).map((f) => join('test', f));
  await build({ ...common, entryPoints, outdir: 'out/test', external: ['vscode'] });
}
