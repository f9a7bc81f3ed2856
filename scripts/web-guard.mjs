// The guard of the web build: a Node built-in (fs, path, node:anything) cannot run in a web worker, and
// esbuild would otherwise only notice it at run time in the browser (or bundle a polyfill silently). This
// plugin fails the build at the import, naming the importer; test/web-bundle.test.ts checks both that the
// web bundles build under it and that it refuses such an import.
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** Whether the import specifier names a Node built-in module (`fs`, `fs/promises`, `node:test`, …). */
export function isNodeBuiltin(specifier) {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/** The esbuild plugin: every import of a Node built-in is a build error. */
export const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (!isNodeBuiltin(args.path)) return undefined;
      return { errors: [{ text: `the Node built-in "${args.path}" cannot run in a web worker (imported by ${args.importer || 'the entry point'})` }] };
    });
  },
};

/** The esbuild options of the web bundles: the extension's `browser` entry and the server's worker. */
export const WEB_BUNDLES = [
  { entryPoints: ['client/src/web.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['server/src/server-web.ts'], outfile: 'dist/web/server.js', format: 'iife' },
].map((o) => ({ ...o, bundle: true, platform: 'browser', target: 'es2022', minify: true, sourcemap: true, logLevel: 'warning', metafile: true, plugins: [noNodeBuiltins] }));

/** esbuild's build, for test/web-bundle.test.ts (which loads this file at run time, outside its own bundle). */
export { build } from 'esbuild';
