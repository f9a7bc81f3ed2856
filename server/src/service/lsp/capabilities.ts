import { TextDocumentSyncKind, type InitializeParams, type ServerCapabilities } from 'vscode-languageserver';
import { CodeActionKind, InsertTextMode } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from './diagnostics';

// What the client can do, read once from its initialize request, and what the server offers it in return.

/**
 * `${` and `_` open variables, `@` versions; a space opens the values after `base:`, `type:` and `os:`
 * (and is answered with nothing anywhere else, so a client that asks on every space shows nothing).
 */
const COMPLETION_TRIGGERS = ['{', '_', '@', ' '];

export interface ClientSupport {
  /** It can be asked for each folder's `zerops` settings (workspace/configuration). */
  configuration: boolean;
  /** VS Code (and its builds) can be asked to suggest again after a hostname is inserted; other clients would send the command back. */
  suggestAgain: boolean;
  /** It takes multi-line completions with their indentation as written (insertTextMode asIs). */
  insertAsIs: boolean;
  /** What it lets the server ask it to re-request, once the workspace or the settings changed. */
  refresh: { codeLens: boolean; inlayHint: boolean };
  /** It registers file watchers the server asks for, and tells about workspace folders added and removed. */
  watchFiles: boolean;
  folders: boolean;
  prepareRename: boolean;
}

export function clientSupport(params: InitializeParams): ClientSupport {
  const c = params.capabilities;
  return {
    configuration: !!c.workspace?.configuration,
    suggestAgain: /code|codium/i.test(params.clientInfo?.name ?? ''),
    insertAsIs: !!c.textDocument?.completion?.completionItem?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs),
    refresh: { codeLens: !!c.workspace?.codeLens?.refreshSupport, inlayHint: !!c.workspace?.inlayHint?.refreshSupport },
    watchFiles: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    folders: !!c.workspace?.workspaceFolders,
    prepareRename: !!c.textDocument?.rename?.prepareSupport,
  };
}

/** The workspace folders a client names: its folders, else its root. */
export function workspaceFolderUris(params: InitializeParams): string[] {
  return params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
}

export function serverCapabilities(client: ClientSupport): ServerCapabilities {
  return {
    documentSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    renameProvider: client.prepareRename ? { prepareProvider: true } : true,
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    hoverProvider: true,
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
    inlayHintProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentLinkProvider: { resolveProvider: false },
  };
}
