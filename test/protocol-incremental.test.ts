import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { generate } from '../bench/generate';
import { toDiagnostic } from '../server/src/service/lsp/diagnostics';
import { lint } from './helpers';
import { withServer } from './lsp-client';

// The real server, edited the way an editor edits: small ranged changes to a large import file. Every
// publish must be what a whole check of that version gives (the server checks piece by piece).

const URI = 'file:///w/import.yaml';

/** [find, replace] at the first occurrence after half the text: edits in the middle of the file. */
const EDITS: [string, string][] = [
  [':6379', ':7000'], // a replica port on a single-node Valkey
  ['valkey@7.2', 'valkey@8'], // a version Zerops does not offer
  ['mode: NON_HA', 'mode: HA'], // the Valkey the replica port named becomes HA
  ['_password}', '_pasword}'], // a near miss of a variable
  ['- hostname: db', '- hostname: cache'], // a hostname taken twice
  ['LOG_LEVEL: info', 'LOG_LEVEL: debug'], // nothing to report
];

test('ranged edits of a 200-service file over stdio publish exactly what a whole check gives', async () => {
  let text = generate(200);
  await withServer(async (s) => {
    await s.open(URI, text);
    let version = 1;
    const seen = new Set<string>();
    for (const [find, replace] of EDITS) {
      const at = text.indexOf(find, text.length / 2);
      assert.ok(at > 0, find);
      const doc = TextDocument.create(URI, 'yaml', version, text);
      const range = { start: doc.positionAt(at), end: doc.positionAt(at + find.length) };
      text = text.slice(0, at) + replace + text.slice(at + find.length);
      version++;
      const since = s.mark();
      await s.notify('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [{ range, text: replace }] });
      const v = version;
      const now = TextDocument.create(URI, 'yaml', version, text);
      const want = lint(text, 'import.yaml').map((f) => toDiagnostic(now, f));
      for (const d of want) seen.add(String(d.code));
      const shape = (list: readonly Diagnostic[]) => list.map((d) => [d.code, d.range, d.message]);
      // An edit inside a reference publishes without that reference's finding first (typing.ts), then the
      // quiet check a second later publishes it: the version's last publish is the whole check.
      const got = await s.diagnostics(URI, since, (p) => p.version === v && isDeepStrictEqual(shape(p.diagnostics), shape(want)))
        .catch(() => s.publishedFor(URI, since).filter((p) => p.version === v).pop()!);
      assert.deepEqual(shape(got.diagnostics), shape(want), `after ${find} → ${replace}`);
    }
    // The edits did raise findings to compare (and clear some on the way).
    assert.deepEqual([...seen].sort(), ['hostname-duplicate', 'reference-unknown-service', 'reference-unknown-variable', 'valkey-replica-only', 'valkey-replica-port', 'valkey-version']);
  });
});
