import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import { quietOnCleanExit } from './output';
import { registerPreview } from './preview';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

// The VS Code side only: start the server, hand it the YAML documents, let it read `zerops.*` settings
// per resource through workspace/configuration. Which YAML files are Zerops files the server decides.

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'zerops' },
    outputChannel: quietOnCleanExit(window.createOutputChannel('Zerops')),
  };
  client = new LanguageClient('zerops', 'Zerops', serverOptions, clientOptions);
  context.subscriptions.push(
    commands.registerCommand('zerops.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
  registerPreview(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
