import { kindOfHead, HEAD_BYTES } from '../../server/src/model/sniff';

// Which documents the Zerops extension answers for, decided in the extension host without asking the
// server (Red Hat's YAML extension asks synchronously, on each of its checks): a Zerops file by name or
// by content, as the server and the CLI classify it, in a folder where `zerops.enable` is on. Pure, so a
// test can run it without VS Code.

/** The permissive schema handed to Red Hat's YAML server for the files we claim: nothing to check, nothing to offer. */
export const CLAIMED_SCHEMA_URI = 'zerops://schemas/checked-by-the-zerops-extension.json';

export const CLAIMED_SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  // No title or description: Red Hat's server shows those in a hover on every key. Its status bar names the
  // schema by its URI, which says who checks the file.
  $comment: 'The Zerops extension checks this file with its own rules, hovers and completion; this schema only keeps other schemas (SchemaStore\'s) from checking it a second time.',
});

export interface ClaimInput {
  /** The document's URI as a string. */
  uri: string;
  /** Its text when it is open; undefined when it is not (then its name decides). */
  text?: string;
  /** `zerops.enable` for its folder. */
  enabled: boolean;
}

/** Only the schemes the extension's language client serves (common.ts clientOptions). */
const SERVED = /^(?:file|untitled|vscode-vfs|vscode-remote):/;

export function claims(input: ClaimInput): boolean {
  if (!input.enabled || !SERVED.test(input.uri)) return false;
  const path = input.uri.replace(/[?#].*$/, '');
  const text = input.text ?? '';
  return kindOfHead(path, text.slice(0, HEAD_BYTES), text.length > HEAD_BYTES) !== undefined;
}

/** Whether a diagnostic is the server's YAML syntax error, which Red Hat's YAML server reports too. */
export function isSyntaxDiagnostic(code: unknown): boolean {
  const value = typeof code === 'object' && code !== null && 'value' in code ? (code as { value: unknown }).value : code;
  return value === 'yaml-syntax';
}
