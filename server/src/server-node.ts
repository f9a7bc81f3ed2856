import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { clientHost } from './host/client-host';
import { hostByScheme } from './host/host';
import { nodeHost } from './host/node-host';
import { startServer } from './server';
import { VERSION } from './version';

// `zerops-lsp`, the server as a Node process (dist/server.js): editors start it over stdio, VS Code over
// IPC. It reads file URIs from disk; any other (a virtual workspace on the desktop) through the client.

const TRANSPORT_FLAGS = /^--(stdio|node-ipc|socket|pipe)\b/;

if (process.argv.includes('--version')) {
  process.stdout.write(`zerops-lsp ${VERSION}\n`);
  process.exit(0);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: zerops-lsp [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n\nThe Zerops language server. Editors start it; it speaks LSP over stdio by default.\n');
  process.exit(0);
}
if (!process.argv.some((a) => TRANSPORT_FLAGS.test(a))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
startServer(connection, hostByScheme(nodeHost(), clientHost((method, params) => connection.sendRequest(method, params))));
