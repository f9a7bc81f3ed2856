import { readDirective } from './directive';
import { classify, kindByName } from './kind';
import { parseYaml } from './parse';
import type { DocumentKind } from './types';

// Finding Zerops files by content when their names say nothing (import.prod.yaml, infra/app.yml, …):
// the folder search of the CLI and the editor's workspace index read the head of each YAML file and
// classify it as the editor would. The readers live with the I/O; this is the decision.

/** How much of a file is read to decide. */
export const HEAD_BYTES = 64 * 1024;
/** YAML files larger than this are not looked into (Zerops refuses import files over 100 KB anyway). */
export const MAX_SNIFFED_BYTES = 2 * 1024 * 1024;

export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

// A Zerops file has `services:` or `zerops:` at the root, or the preprocessor directive on its first line:
// most YAML files are turned down by this without being parsed.
const ROOT_KEY = /^(?:services|zerops|"services"|"zerops"|'services'|'zerops')\s*:/m;

/**
 * A head cut off inside a file ends in the middle of some list entry; without it, every entry left is
 * whole (an import file's last service would otherwise lack its `type` and fail the content test).
 */
function wholeEntries(head: string): string {
  const item = /^(?:services|zerops)\s*:[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\n)*([ \t]*)- /m.exec(head);
  if (!item) return head;
  const starts = [...head.matchAll(new RegExp(`^${item[1]}- `, 'gm'))];
  const last = starts[starts.length - 1];
  return starts.length > 1 && last.index !== undefined ? head.slice(0, last.index) : head;
}

/**
 * The kind of a file from its name, else from the first HEAD_BYTES of its text (`truncated` when the file
 * goes on); undefined when neither says Zerops.
 */
export function kindOfHead(name: string, text: string, truncated = false): DocumentKind | undefined {
  const byName = kindByName(name);
  if (byName) return byName;
  if (!isYamlName(name)) return undefined;
  const head = truncated ? wholeEntries(text) : text;
  if (!readDirective(head) && !ROOT_KEY.test(head)) return undefined;
  const docs = parseYaml(head);
  const contents = docs instanceof Error ? undefined : docs[0]?.contents ?? null;
  const kind = classify(name, head, contents);
  return kind === 'other' ? undefined : kind;
}
