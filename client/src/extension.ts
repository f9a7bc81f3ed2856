import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, startClient } from './common';

// The desktop client (package.json `main`): the server runs as a Node process over IPC. The web client
// is web.ts; what they share is common.ts.

let stop: (() => Promise<void>) | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const options = clientOptions();
  stop = await startClient(context, () => new LanguageClient('zerops', 'Zerops', serverOptions, options));
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
