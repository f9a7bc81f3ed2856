import * as path from 'node:path';
import * as vscode from 'vscode';
import { commands, window, type Disposable, type ExtensionContext } from 'vscode';
import { MCP_PROVIDER_ID, mcpLaunch } from './mcp-launch';
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
  const mcp = registerMcpServer(context);
  if (mcp) context.subscriptions.push(mcp);
  await client.start();
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
  await client?.stop();
  client = undefined;
}
