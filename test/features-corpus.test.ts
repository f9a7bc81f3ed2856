import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { complete } from '../server/src/service/completion';
import { hover } from '../server/src/service/hover';
import { corpusDir } from './helpers';

// Hover and completion on the real files, at the start, middle and end of every line, and on every
// line cut short as if being typed: nothing throws, a hover's range holds the cursor, and a completion
// replaces a span that holds the cursor.

const CORPUS = corpusDir();
const FILES = readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f));

function check(text: string, fileName: string, offsets: number[]): { hovers: number; completions: number } {
  const model = parseZerops(text, { fileName });
  let hovers = 0;
  let completions = 0;
  for (const at of offsets) {
    const h = hover(model, at);
    if (h) {
      hovers++;
      assert.ok(h.span.start <= at && at <= h.span.end, `${fileName}@${at}: hover range ${JSON.stringify(h.span)}`);
      assert.ok(h.markdown.length > 0);
    }
    for (const c of complete(model, at)) {
      completions++;
      assert.ok(c.span.start <= at && at <= c.span.end, `${fileName}@${at}: ${c.label} replaces ${JSON.stringify(c.span)}`);
    }
  }
  return { hovers, completions };
}

test('the corpus: hover and completion at three points of every line', () => {
  let hovers = 0;
  let completions = 0;
  for (const f of FILES) {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    const offsets: number[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      offsets.push(start, start + Math.floor(line.length / 2), start + line.length);
      start += line.length + 1;
    }
    const r = check(text, f, offsets);
    hovers += r.hovers;
    completions += r.completions;
  }
  // The corpus is full of Valkey types, references and keys: most files must answer something.
  assert.ok(hovers > 500, `only ${hovers} hovers`);
  assert.ok(completions > 500, `only ${completions} completions`);
});

test('the corpus cut short in the middle of every tenth line, as while typing', () => {
  for (const f of FILES) {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    const lines = text.split('\n');
    let start = 0;
    lines.forEach((line, i) => {
      const cut = start + Math.floor(line.length / 2);
      start += line.length + 1;
      if (i % 10 !== 0) return;
      check(text.slice(0, cut), f, [cut]);
    });
  }
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
    assert.doesNotThrow(() => check(text, 'import.yaml', offsets), JSON.stringify(text));
  }
});
