import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutShort, everyLine } from '../features';
import { corpusDir, yamlFiles } from '../helpers';

// Hover and completion on the real files (npm run test:real); test/features-samples.test.ts does the same
// on the samples written for the tests.

const FILES = yamlFiles(corpusDir());

test('the corpus: hover and completion at three points of every line', () => {
  const { hovers, completions } = everyLine(FILES);
  // The corpus is full of Valkey types, references and keys: most files must answer something.
  assert.ok(hovers > 500, `only ${hovers} hovers`);
  assert.ok(completions > 500, `only ${completions} completions`);
});

test('the corpus cut short in the middle of every tenth line, as while typing', () => {
  cutShort(FILES, 10);
});
