import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { clientHost } from './host/client-host';
import { startServer } from './server';

// The server in a web worker (dist/web/server.js): vscode.dev, github.dev and other VS Code builds for the
// browser start it from the extension's `browser` entry. No Node here (the build refuses a Node built-in in
// this bundle): every file of the workspace is read through the client (host/client-host.ts).

/** The worker's own scope: messages from the client arrive on it, answers go out through it. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, clientHost((method, params) => connection.sendRequest(method, params)));
