import { FileSystemError, RelativePattern, Uri, commands, window, workspace, type ExtensionContext } from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  FIND_FILES, READ_FILE, STAT,
  type FindFilesParams, type FindFilesResult, type ReadFileParams, type ReadFileResult, type StatResult, type UriParams,
} from '../../server/src/host/protocol';
import { quietOnCleanExit } from './output';

// What the desktop client (extension.ts, the server as a Node process) and the web client (web.ts, the
// server in a web worker) share: the documents handed to the server, the settings, the restart command,
// and the answers to the server's file requests (host/protocol.ts) through vscode.workspace.fs, which is
// how the web worker, and a virtual workspace anywhere, reads the workspace. Which YAML files are Zerops
// files the server decides.

export function clientOptions(): LanguageClientOptions {
  return {
    // YAML on disk, unsaved, in a virtual workspace (github.dev's and vscode.dev's vscode-vfs), and on a
    // remote machine as the browser's extension host sees it (code-server, VS Code for the web on a server).
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-vfs', language: 'yaml' },
      { scheme: 'vscode-remote', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'zerops' },
    outputChannel: quietOnCleanExit(window.createOutputChannel('Zerops')),
  };
}

/** Only files inside a workspace folder are answered, whatever the server asks. */
function insideWorkspace(uri: string): Uri {
  const u = Uri.parse(uri, true);
  if (!workspace.getWorkspaceFolder(u)) throw new Error(`${uri} is not inside a workspace folder`);
  return u;
}

const NOT_THERE = new Set(['FileNotFound', 'FileNotADirectory']);

/** The server's file requests, answered through the editor's file systems. */
export function answerFileRequests(client: BaseLanguageClient): void {
  client.onRequest(FIND_FILES, async (p: FindFilesParams): Promise<FindFilesResult> => {
    const found = await workspace.findFiles(new RelativePattern(insideWorkspace(p.folder), p.include), p.exclude, p.maxResults);
    return found.map((u) => u.toString());
  });
  client.onRequest(STAT, async (p: UriParams): Promise<StatResult> => {
    try {
      const s = await workspace.fs.stat(insideWorkspace(p.uri));
      return { type: s.type, size: s.size };
    } catch (err) {
      if (err instanceof FileSystemError && NOT_THERE.has(err.code)) return null;
      throw err;
    }
  });
  client.onRequest(READ_FILE, async (p: ReadFileParams): Promise<ReadFileResult> => {
    const uri = insideWorkspace(p.uri);
    if ((await workspace.fs.stat(uri)).size > p.maxBytes) return null;
    const bytes = await workspace.fs.readFile(uri);
    return bytes.length > p.maxBytes ? null : new TextDecoder().decode(bytes);
  });
}

/**
 * Starts the client `create` makes, with the file requests answered, and registers the restart command:
 * it stops that client and starts a new one (a web worker, once terminated, cannot be started again).
 */
export interface StartedClient {
  stop(): Promise<void>;
  /** The client running now: the restart command replaces it. */
  current(): BaseLanguageClient | undefined;
}

export async function startClient(context: ExtensionContext, create: () => BaseLanguageClient): Promise<StartedClient> {
  let client: BaseLanguageClient | undefined;
  const start = async () => {
    client = create();
    answerFileRequests(client);
    await client.start();
  };
  const stop = async () => {
    const c = client;
    client = undefined;
    await c?.stop();
  };
  context.subscriptions.push(commands.registerCommand('zerops.restartServer', async () => {
    await stop();
    await start();
  }));
  await start();
  return { stop, current: () => client };
}
