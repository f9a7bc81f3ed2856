import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Disposable, ExtensionContext } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, startClient } from './common';
import { MCP_PROVIDER_ID, mcpLaunch } from './mcp-launch';
import { registerPreview } from './preview';
import { isSyntaxDiagnostic } from './claim';
import { besideRedHatYaml, redHatValidates } from './redhat-yaml';

// The desktop client (package.json `main`): the server runs as a Node process over IPC, and
// `zerops-lint mcp` is offered to VS Code's agents. The web client is web.ts; what they share is common.ts.

let stop: (() => Promise<void>) | undefined;

/** `zerops.schemas` as a path: `~/` is the home folder, a relative path is taken from the first workspace folder. */
function schemasFolder(): string | undefined {
  const raw = vscode.workspace.getConfiguration('zerops').get<string>('schemas')?.trim();
  if (!raw) return undefined;
  if (raw === '~' || raw.startsWith('~/')) return path.join(os.homedir(), raw.slice(1));
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return path.isAbsolute(raw) || !base ? raw : path.join(base, raw);
}

/**
 * "Zerops: Update Catalogue": after the user agrees, the server downloads Zerops' two public schemas into
 * a folder (the one `zerops.schemas` names, else the extension's global storage), and the setting is
 * pointed at it; the restart that follows puts the new catalogue in use. Nothing is downloaded otherwise.
 */
async function updateCatalogue(context: ExtensionContext, client: BaseLanguageClient | undefined): Promise<void> {
  const out = schemasFolder() ?? path.join(context.globalStorageUri.fsPath, 'catalog');
  const go = 'Download';
  const answer = await vscode.window.showInformationMessage(
    'Update the Zerops catalogue?',
    { modal: true, detail: `Downloads Zerops' two published schemas from api.app-prg1.zerops.io into ${out} and points zerops.schemas at that folder. This is the only network access of the extension.` },
    go,
  );
  if (answer !== go || !client) return;
  const r = await client.sendRequest<{ ok: boolean; error?: string; status?: string; changes?: string[] }>('zerops/updateCatalogue', { out });
  if (!r.ok) {
    void vscode.window.showErrorMessage(`Zerops: the catalogue was not updated: ${r.error}. The folder was left as it was.`);
    return;
  }
  if (schemasFolder() !== out) await vscode.workspace.getConfiguration('zerops').update('schemas', out, vscode.ConfigurationTarget.Global);
  else await vscode.commands.executeCommand('zerops.restartServer');
  const changes = r.status === 'unchanged' ? 'it was current' : r.changes?.length ? r.changes.join('; ') : 'no types, bases or keys changed';
  void vscode.window.showInformationMessage(`Zerops: catalogue updated in ${out} (${changes}).`);
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // The catalogue folder (`zerops.schemas`) is read by the server at start, so a change restarts it.
  const options = { ...clientOptions(), initializationOptions: () => ({ schemas: schemasFolder() }) };
  // Beside Red Hat's YAML extension: Zerops files are claimed from its schemas (redhat-yaml.ts), and the YAML
  // syntax errors it reports too are its to show while it checks them.
  options.middleware = {
    ...options.middleware,
    handleDiagnostics: (uri, diagnostics, next) => next(uri, redHatValidates(uri) ? diagnostics.filter((d) => !isSyntaxDiagnostic(d.code)) : diagnostics),
  };
  context.subscriptions.push(...besideRedHatYaml((line) => options.outputChannel?.appendLine(line)));
  const started = await startClient(context, () => new LanguageClient('zerops', 'Zerops', serverOptions, options));
  stop = started.stop;
  context.subscriptions.push(
    vscode.commands.registerCommand('zerops.updateCatalogue', () => updateCatalogue(context, started.current())),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('zerops.schemas')) await vscode.commands.executeCommand('zerops.restartServer');
    }),
  );
  registerPreview(context, started.current);
  // After the language server, and never in its way: VS Code 1.100 (code-server 4.100.3) has the MCP call
  // but refuses the provider (it wants the older `modelContextServerCollections` contribution) and throws.
  try {
    const mcp = registerMcpServer(context);
    if (mcp) context.subscriptions.push(mcp);
  } catch (err) {
    started.current()?.outputChannel.appendLine(`The MCP server definition was not registered: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** The parts of VS Code's MCP API (1.101 and later) this uses; older hosts lack them. */
interface McpApi {
  lm?: { registerMcpServerDefinitionProvider?(id: string, provider: { provideMcpServerDefinitions(): unknown[] }): Disposable };
  McpStdioServerDefinition?: new (label: string, command: string, args: string[], env: Record<string, string>, version?: string) => unknown;
}

/**
 * Offers `zerops-lint mcp` to VS Code's agents where the host has the MCP server API; on older hosts
 * (engines allows 1.100) nothing is registered and the README's mcp.json entry does the same.
 */
function registerMcpServer(context: ExtensionContext): Disposable | undefined {
  const api = vscode as unknown as McpApi;
  const register = api.lm?.registerMcpServerDefinitionProvider;
  const Definition = api.McpStdioServerDefinition;
  if (!register || !Definition) return undefined;
  const launch = mcpLaunch(context.extensionPath, process.execPath);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '');
  return register.call(api.lm, MCP_PROVIDER_ID, {
    provideMcpServerDefinitions: () => [new Definition('Zerops (zerops-lint)', launch.command, launch.args, launch.env, version)],
  });
}

export async function deactivate(): Promise<void> {
  await stop?.();
  stop = undefined;
}
