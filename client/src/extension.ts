import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Disposable, ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, startClient } from './common';
import { MCP_PROVIDER_ID, mcpLaunch } from './mcp-launch';
import { registerPreview } from './preview';

// The desktop client (package.json `main`): the server runs as a Node process over IPC, and
// `zerops-lint mcp` is offered to VS Code's agents. The web client is web.ts; what they share is common.ts.

let stop: (() => Promise<void>) | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const options = clientOptions();
  const started = await startClient(context, () => new LanguageClient('zerops', 'Zerops', serverOptions, options));
  stop = started.stop;
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
