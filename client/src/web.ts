import { Uri, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, startClient } from './common';
import { registerPreview } from './preview';

// The web client (package.json `browser`: vscode.dev, github.dev, VS Code for the web): the same server,
// bundled for a web worker (dist/web/server.js), reading the workspace through this client (common.ts).

/** The Worker constructor of the extension host's scope (a web worker itself). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let stop: (() => Promise<void>) | undefined;

/**
 * Where the worker's script is loaded from. VS Code's web extension host refuses to start a worker from a
 * `vscode-remote:` URI (an extension installed on a server, as code-server's are, run in the browser):
 * then the script is read through the file system and started from a blob URL.
 */
async function serverScript(context: ExtensionContext): Promise<string> {
  const main = Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  if (main.scheme !== 'vscode-remote') return main.toString(true);
  const text = await workspace.fs.readFile(main);
  return URL.createObjectURL(new Blob([new TextDecoder().decode(text)], { type: 'text/javascript' }));
}

export async function activate(context: ExtensionContext): Promise<void> {
  const server = await serverScript(context);
  const options = clientOptions();
  const started = await startClient(context, () => new LanguageClient('zerops', 'Zerops', options, new Worker(server)));
  stop = started.stop;
  registerPreview(context, started.current);
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
