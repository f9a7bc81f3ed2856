import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkFeatures, cutShort, everyLine } from './features';
import { SAMPLES, yamlFiles } from './helpers';

// Hover and completion on the samples written for the tests (import files with and without the
// preprocessor, zerops.yml with several setups), and on half-typed and hostile text.

const FILES = yamlFiles(SAMPLES);

test('the samples: hover and completion at three points of every line', () => {
  assert.ok(FILES.length >= 5, `${FILES.length} samples`);
  const { hovers, completions } = everyLine(FILES);
  // Types, references and keys on most lines: most lines must answer something.
  const lines = FILES.reduce((n, f) => n + f.text.split('\n').length, 0);
  assert.ok(hovers > lines / 2, `only ${hovers} hovers over ${lines} lines`);
  assert.ok(completions > lines / 2, `only ${completions} completions over ${lines} lines`);
});

test('the samples cut short in the middle of every line, as while typing', () => {
  cutShort(FILES, 1);
});

test('half-typed and hostile text: hover and completion at every offset, nothing throws', () => {
  const texts = [
    'services:\n  - hostname: cache\n    type: valkey:ha@7.2\n    envSecrets:\n      A: "${cache_\n      B: redis://cache:\n',
    'services:\n- {hostname: cache, type: valkey@7.2, mode: HA}\n',
    'services:\n  - hostname: x\n    dotEnvSecrets: |\n      R=redis://x:7000\n      P=${x_port}\n',
    '#yamlPreprocessor=on\nservices:\n  - hostname: x\n    envSecrets:\n      K: <@gen\n',
    '\t- - : :\n${\n<@\n${_}\n"unclosed\n  \'x\n',
    '\r\n\r\nservices:\r\n  - hostname: a\r\n    type: valkey@7.2\r\n',
    '',
  ];
  for (const text of texts) {
    const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
    assert.doesNotThrow(() => checkFeatures(text, 'import.yaml', offsets), JSON.stringify(text));
  }
});
