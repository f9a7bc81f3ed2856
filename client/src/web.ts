import { Uri, type ExtensionContext } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, startClient } from './common';

// The web client (package.json `browser`: vscode.dev, github.dev, VS Code for the web): the same server,
// bundled for a web worker (dist/web/server.js), reading the workspace through this client (common.ts).

/** The Worker constructor of the extension host's scope (a web worker itself). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let stop: (() => Promise<void>) | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const server = Uri.joinPath(context.extensionUri, 'dist/web/server.js').toString(true);
  const options = clientOptions();
  stop = await startClient(context, () => new LanguageClient('zerops', 'Zerops', options, new Worker(server)));
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
