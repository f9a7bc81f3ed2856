import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OutputChannel } from 'vscode';
import { quietOnCleanExit } from '../client/src/output';

// "Zerops: Restart Language Server" stops the server cleanly; the output channel says so, not [Error].

test('a clean exit of the server is logged as information; any other line, errors included, as it was', () => {
  const lines: string[] = [];
  const fake = { name: 'Zerops', appendLine: (l: string) => lines.push(l), append: (l: string) => lines.push(`+${l}`), show() { lines.push('shown'); } };
  const channel = quietOnCleanExit(fake as unknown as OutputChannel);
  channel.appendLine('[Error - 21:00:00] Server process exited with code 0.');
  channel.appendLine('[Error - 21:00:01] Server process exited with code 1.');
  channel.appendLine('[Info  - 21:00:02] Server process exited with code 0. (quoted)');
  channel.append('raw');
  channel.show(true);
  assert.equal(channel.name, 'Zerops');
  assert.deepEqual(lines, [
    '[Info  - 21:00:00] Server process stopped (exit code 0).',
    '[Error - 21:00:01] Server process exited with code 1.',
    '[Info  - 21:00:02] Server process exited with code 0. (quoted)',
    '+raw',
    'shown',
  ]);
});
