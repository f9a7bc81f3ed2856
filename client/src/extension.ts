import * as path from 'node:path';
import { commands, window, type ExtensionContext } from 'vscode';
import { quietOnCleanExit } from './output';
import { isSyntaxDiagnostic } from './claim';
import { besideRedHatYaml, redHatValidates } from './redhat-yaml';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

// The VS Code side only: start the server, hand it the YAML documents, let it read `zerops.*` settings
// per resource through workspace/configuration. Which YAML files are Zerops files the server decides;
// beside Red Hat's YAML extension, the same decision takes those files from its schemas (redhat-yaml.ts).

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const output = quietOnCleanExit(window.createOutputChannel('Zerops'));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'zerops' },
    outputChannel: output,
    middleware: {
      // Red Hat's YAML server reports the same YAML syntax errors: with it checking, the syntax is its to show.
      handleDiagnostics: (uri, diagnostics, next) => next(uri, redHatValidates(uri) ? diagnostics.filter((d) => !isSyntaxDiagnostic(d.code)) : diagnostics),
    },
  };
  client = new LanguageClient('zerops', 'Zerops', serverOptions, clientOptions);
  context.subscriptions.push(...besideRedHatYaml((line) => output.appendLine(line)));
  context.subscriptions.push(
    commands.registerCommand('zerops.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
