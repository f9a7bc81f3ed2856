import * as path from 'node:path';
import { Uri, commands, window, type ExtensionContext } from 'vscode';
import { quietOnCleanExit } from './output';
import { convertLens } from './code-lens';
import type * as lsp from 'vscode-languageclient';
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
    middleware: {
      provideCodeLenses: async (document, token, next) => {
        const lenses = await next(document, token);
        const p2c = client?.protocol2CodeConverter;
        if (!lenses || !p2c) return lenses;
        return lenses.map((l) => convertLens(l, {
          uri: (u) => Uri.parse(u),
          position: (p) => p2c.asPosition(p as lsp.Position),
          location: (x) => p2c.asLocation(x as lsp.Location),
        }));
      },
    },
  };
  client = new LanguageClient('zerops', 'Zerops', serverOptions, clientOptions);
  context.subscriptions.push(
    commands.registerCommand('zerops.restartServer', async () => {
      await client?.restart();
    }),
    // Every Zerops file of the workspace checked as zerops-lint checks it; the findings go to the Problems panel.
    commands.registerCommand('zerops.checkWorkspace', async () => {
      if (!client) return undefined;
      const r = await client.sendRequest<{ files: number; problems: number }>('zerops/checkWorkspace', null);
      await commands.executeCommand('workbench.actions.view.problems');
      void window.showInformationMessage(`Zerops: ${r.files} file${r.files === 1 ? '' : 's'} checked, ${r.problems} problem${r.problems === 1 ? '' : 's'}.`);
      return r;
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
