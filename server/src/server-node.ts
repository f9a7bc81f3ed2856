import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { clientHost } from './host/client-host';
import { hostByScheme } from './host/host';
import { nodeHost } from './host/node-host';
import { startServer } from './server';
import { VERSION } from './version';
import { CatalogueError, useCatalogueFolder } from './catalogue-folder';
import { updateCatalogue } from './catalogue-update';

// `zerops-lsp`, the server as a Node process (dist/server.js): editors start it over stdio, VS Code over
// IPC. It reads file URIs from disk; any other (a virtual workspace on the desktop) through the client.

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket|pipe)\b/;

if (process.argv.includes('--version')) {
  process.stdout.write(`zerops-lsp ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: zerops-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME] [--schemas DIR]\n\nThe Zerops language server. Editors start it; it speaks LSP over stdio by default.\n--schemas DIR (or the initialization option "schemas", which wins) uses the catalogue folder DIR, as\n`zerops-lint catalog update --out DIR` writes it, instead of the built-in catalogue.\n');
  process.exit(0);
}
if (!process.argv.some((a) => TRANSPORT_FLAGS.test(a))) process.argv.push('--stdio');

/** `--schemas DIR` or `--schemas=DIR`: the catalogue folder when the client names none. */
function schemasArgument(): string | undefined {
  const i = process.argv.findIndex((a) => a === '--schemas' || a.startsWith('--schemas='));
  if (i < 0) return undefined;
  return process.argv[i].includes('=') ? process.argv[i].slice('--schemas='.length) : process.argv[i + 1];
}

const fromArgument = schemasArgument();
const connection = createConnection(ProposedFeatures.all);
startServer(connection, hostByScheme(nodeHost(), clientHost((method, params) => connection.sendRequest(method, params))), {
  use(dir) {
    try {
      useCatalogueFolder(dir);
      return undefined;
    } catch (e) {
      if (e instanceof CatalogueError) return e.message;
      throw e;
    }
  },
  async update(params) {
    try {
      return { ok: true, ...(await updateCatalogue(params)) };
    } catch (e) {
      if (e instanceof CatalogueError) return { ok: false, error: e.message };
      throw e;
    }
  },
  fromArgument,
});
