import type { CodeLens, Location, Position, Uri } from 'vscode';

// The server's lenses are client-neutral: a lens that lists uses carries VS Code's own
// `editor.action.showReferences` with LSP arguments (a URI string, a position, locations). VS Code runs
// that command only with its own types, so the lens's arguments are converted here, on the way in.

export const SHOW_REFERENCES = 'editor.action.showReferences';

/** What turns LSP JSON into VS Code objects (the language client's protocol2CodeConverter and Uri.parse). */
export interface LensConverter {
  uri(value: string): Uri;
  position(value: unknown): Position;
  location(value: unknown): Location;
}

export function convertLens(lens: CodeLens, convert: LensConverter): CodeLens {
  const cmd = lens.command;
  if (cmd?.command !== SHOW_REFERENCES || !Array.isArray(cmd.arguments) || cmd.arguments.length !== 3) return lens;
  const [uri, position, locations] = cmd.arguments as [unknown, unknown, unknown];
  if (typeof uri !== 'string' || !Array.isArray(locations)) return lens;
  lens.command = { ...cmd, arguments: [convert.uri(uri), convert.position(position), locations.map((l) => convert.location(l))] };
  return lens;
}
