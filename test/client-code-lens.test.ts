import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeLens } from 'vscode';
import { convertLens, SHOW_REFERENCES } from '../client/src/code-lens';

// The VS Code client turns the server's client-neutral "show references" lens arguments into VS Code's types.

const convert = {
  uri: (u: string) => ({ uri: u }) as never,
  position: (p: unknown) => ({ pos: p }) as never,
  location: (l: unknown) => ({ loc: l }) as never,
};

test('a show-references lens gets a Uri, a Position and Locations; other lenses pass unchanged', () => {
  const loc = { uri: 'file:///w/import.yaml', range: { start: { line: 3, character: 6 }, end: { line: 3, character: 11 } } };
  const lens = { range: {}, command: { title: 'used by api', command: SHOW_REFERENCES, arguments: ['file:///w/import.yaml', { line: 1, character: 4 }, [loc]] } } as unknown as CodeLens;
  const out = convertLens(lens, convert);
  assert.deepEqual(out.command!.arguments, [{ uri: 'file:///w/import.yaml' }, { pos: { line: 1, character: 4 } }, [{ loc }]]);
  const plain = { range: {}, command: { title: 'nodejs@22', command: '' } } as unknown as CodeLens;
  assert.deepEqual(convertLens(plain, convert), { range: {}, command: { title: 'nodejs@22', command: '' } });
  const odd = { range: {}, command: { title: 'x', command: SHOW_REFERENCES, arguments: [1, 2] } } as unknown as CodeLens;
  assert.deepEqual(convertLens(odd, convert).command!.arguments, [1, 2]);
});
