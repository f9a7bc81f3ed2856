import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { plainText } from '../server/src/service/lsp/diagnostics';
import { yaml } from './helpers';
import { hoverAt } from './editor';

// What the editor shows, worded for the moment it is shown in (issue 16, point 5).

// The messages and fixes of single rules are tester cases (test/rules/messages.ts); here, their plain-text
// form and the hovers.

describe('code in diagnostics, as VS Code shows it (no Markdown there)', () => {
  test('backticks become double quotes, as the messages write code; code with a double quote in it stays bare', () => {
    assert.equal(plainText('An empty entry of `services`: write `hostname`.'), 'An empty entry of "services": write "hostname".');
    assert.equal(plainText('`a"b` and ``'), 'a"b and ``');
    assert.equal(plainText('no code'), 'no code');
  });
});

describe('the hover on a Valkey type says what was asked and what exists', () => {
  const hoverMd = (marked: string) => hoverAt(marked)?.markdown ?? '';

  test('valkey@8: titled as asked, not as Valkey 7.2', () => {
    const md = hoverMd(yaml('services:', '  - hostname: cache', '    type: valkey@|8'));
    assert.equal(md.split('\n')[0], '### `valkey@8`: Valkey 8 is not offered');
    assert.match(md, /Zerops offers Valkey 7\.2 only/);
  });

  test('valkey@7.2 keeps its title', () => {
    assert.equal(hoverMd(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.|2')).split('\n')[0], '### Valkey 7.2, HA (three nodes) · ports 6379, 6380, 7000, 7001');
  });
});
