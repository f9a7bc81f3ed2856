import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigurationTarget, commands, window, workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import { quietOnCleanExit } from './output';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

// The VS Code side only: start the server, hand it the YAML documents, let it read `zerops.*` settings
// per resource through workspace/configuration. Which YAML files are Zerops files the server decides.
// The catalogue folder (`zerops.schemas`) is read by the server at start, so a change restarts it.

let client: LanguageClient | undefined;

/** `zerops.schemas` as a path: `~/` is the home folder, a relative path is taken from the first workspace folder. */
function schemasFolder(): string | undefined {
  const raw = workspace.getConfiguration('zerops').get<string>('schemas')?.trim();
  if (!raw) return undefined;
  if (raw === '~' || raw.startsWith('~/')) return path.join(os.homedir(), raw.slice(1));
  const base = workspace.workspaceFolders?.[0]?.uri.fsPath;
  return path.isAbsolute(raw) || !base ? raw : path.join(base, raw);
}

function newClient(context: ExtensionContext, outputChannel: OutputChannel): LanguageClient {
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
    initializationOptions: () => ({ schemas: schemasFolder() }),
    outputChannel,
  };
  return new LanguageClient('zerops', 'Zerops', serverOptions, clientOptions);
}

/**
 * "Zerops: Update Catalogue": after the user agrees, the server downloads Zerops' two public schemas into
 * a folder (the one `zerops.schemas` names, else the extension's global storage), and the setting is
 * pointed at it; the restart that follows puts the new catalogue in use. Nothing is downloaded otherwise.
 */
async function updateCatalogue(context: ExtensionContext): Promise<void> {
  const out = schemasFolder() ?? path.join(context.globalStorageUri.fsPath, 'catalog');
  const go = 'Download';
  const answer = await window.showInformationMessage(
    'Update the Zerops catalogue?',
    { modal: true, detail: `Downloads Zerops' two published schemas from api.app-prg1.zerops.io into ${out} and points zerops.schemas at that folder. This is the only network access of the extension.` },
    go,
  );
  if (answer !== go || !client) return;
  const r = await client.sendRequest<{ ok: boolean; error?: string; status?: string; changes?: string[] }>('zerops/updateCatalogue', { out });
  if (!r.ok) {
    void window.showErrorMessage(`Zerops: the catalogue was not updated: ${r.error}. The folder was left as it was.`);
    return;
  }
  const config = workspace.getConfiguration('zerops');
  if (schemasFolder() !== out) await config.update('schemas', out, ConfigurationTarget.Global);
  else await client.restart();
  const changes = r.status === 'unchanged' ? 'it was current' : r.changes?.length ? r.changes.join('; ') : 'no types, bases or keys changed';
  void window.showInformationMessage(`Zerops: catalogue updated in ${out} (${changes}).`);
}

export async function activate(context: ExtensionContext): Promise<void> {
  const outputChannel = quietOnCleanExit(window.createOutputChannel('Zerops'));
  client = newClient(context, outputChannel);
  context.subscriptions.push(
    commands.registerCommand('zerops.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('zerops.updateCatalogue', () => updateCatalogue(context)),
    // The server reads the catalogue folder once, at start.
    workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('zerops.schemas')) await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
