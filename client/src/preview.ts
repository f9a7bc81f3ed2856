import {
  Disposable, Position, Range, Selection, TextEditorRevealType, Uri, ViewColumn, commands, window, workspace,
  type ExtensionContext, type TextDocument, type TextEditor, type WebviewPanel,
} from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { PlanAnswer } from '../../server/src/service/plan-types';

// "Zerops: Preview Project": a webview beside the import file with the plan (what importing would create)
// and its diagram. The plan comes from the server (`zerops/plan`), so the preview shows what the CLI
// prints; the webview renders it with the Mermaid bundled in dist/, under a CSP that allows no network,
// only this extension's scripts (by nonce) and styles. It follows the buffers as the user types.


/** Quiet after the last change before the plan is asked again. */
const UPDATE_DELAY_MS = 300;
const CONTEXT_KEY = 'zerops.importFile';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) out += chars[Math.floor(Math.random() * chars.length)];
  return out;
}

/** The running client, or none while the server restarts (the restart command makes a new one). */
export type CurrentClient = () => BaseLanguageClient | undefined;

class Preview implements Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: Disposable[] = [];

  constructor(private readonly panel: WebviewPanel, private uri: Uri, private readonly client: CurrentClient, extensionUri: Uri) {
    const dist = Uri.joinPath(extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.webview.html = html(panel, dist);
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: { type: string; file?: string; line?: number }) => {
        if (m.type === 'ready') this.update();
        if (m.type === 'reveal' && typeof m.file === 'string' && typeof m.line === 'number') void reveal(m.file, m.line);
      }),
      workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'yaml' && e.contentChanges.length) this.schedule();
      }),
    );
  }

  show(uri: Uri): void {
    this.uri = uri;
    this.panel.reveal(ViewColumn.Beside, true);
    this.update();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), UPDATE_DELAY_MS);
  }

  private update(): void {
    const client = this.client();
    if (!client) return;
    client.sendRequest<PlanAnswer | null>('zerops/plan', { uri: this.uri.toString() }).then((plan) => {
      if (plan) this.panel.title = `Zerops: ${plan.project.file}`;
      return this.panel.webview.postMessage({ type: 'plan', plan });
    }, (err) => this.panel.webview.postMessage({ type: 'error', message: String(err?.message ?? err) }));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    preview = preview === this ? undefined : preview;
    for (const s of this.subscriptions) s.dispose();
  }
}

let preview: Preview | undefined;

function html(panel: WebviewPanel, dist: Uri): string {
  const n = nonce();
  const src = (name: string) => panel.webview.asWebviewUri(Uri.joinPath(dist, name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${panel.webview.cspSource} data:`,
    // Mermaid writes the diagram's styles into the SVG it makes.
    `style-src ${panel.webview.cspSource} 'unsafe-inline'`,
    `font-src ${panel.webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${src('preview.css')}">
<title>Zerops project preview</title>
</head>
<body>
<main id="plan" aria-live="polite"><p class="muted">Computing the plan…</p></main>
<script nonce="${n}" src="${src('mermaid.min.js')}"></script>
<script nonce="${n}" src="${src('preview.js')}"></script>
</body>
</html>`;
}

async function reveal(file: string, line: number): Promise<void> {
  const doc = await workspace.openTextDocument(Uri.parse(file));
  const at = new Position(Math.max(0, line - 1), 0);
  const editor = await window.showTextDocument(doc, { viewColumn: ViewColumn.One, selection: new Range(at, at) });
  editor.selection = new Selection(at, at);
  editor.revealRange(new Range(at, at), TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Sets the context key that shows the editor-title button on Zerops import files. */
function trackImportFiles(client: CurrentClient): Disposable {
  const update = (editor: TextEditor | undefined) => {
    const doc: TextDocument | undefined = editor?.document;
    if (!doc || doc.languageId !== 'yaml') return void commands.executeCommand('setContext', CONTEXT_KEY, false);
    client()?.sendRequest<string | null>('zerops/documentKind', { uri: doc.uri.toString() })
      .then((kind) => commands.executeCommand('setContext', CONTEXT_KEY, kind === 'import'), () => undefined);
  };
  update(window.activeTextEditor);
  return window.onDidChangeActiveTextEditor(update);
}

export function registerPreview(context: ExtensionContext, client: CurrentClient): void {
  context.subscriptions.push(
    trackImportFiles(client),
    commands.registerCommand('zerops.previewProject', (uri?: Uri) => {
      const target = uri instanceof Uri ? uri : window.activeTextEditor?.document.uri;
      if (!target) return void window.showInformationMessage('Open a Zerops import file to preview its project.');
      if (!preview) {
        const panel = window.createWebviewPanel('zerops.preview', 'Zerops: project', { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true });
        preview = new Preview(panel, target, client, context.extensionUri);
        context.subscriptions.push(preview);
      }
      preview.show(target);
    }),
  );
}
