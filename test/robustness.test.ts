import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseZerops } from '../server/src/model/parse';
import { codeActions, preferredEdits, toDiagnostic } from '../server/src/service/lsp';
import { runRules } from '../server/src/service/validate';
import { applyEdits, corpusDir } from './helpers';

// Half-written text is what a language server sees most. Mutated real files must never make the
// service throw, and every answer must come quickly. (Seeded, so a failure reproduces.)

const CORPUS = corpusDir();

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, rnd: () => number): string {
  const lines = text.split('\n');
  const pick = (n: number) => Math.floor(rnd() * n);
  switch (pick(6)) {
    case 0: lines.splice(pick(lines.length), 1); return lines.join('\n');
    case 1: { const i = pick(lines.length); lines.splice(i, 0, lines[i]); return lines.join('\n'); }
    case 2: return text.slice(0, pick(text.length + 1));
    case 3: {
      const i = pick(Math.max(1, text.length - 1));
      return text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
    }
    case 4: {
      const i = pick(text.length + 1);
      const junk = Array.from({ length: 1 + pick(8) }, () => String.fromCharCode(pick(0x3000))).join('');
      return text.slice(0, i) + junk + text.slice(i);
    }
    default: {
      // Replace a token with one that triggers rules: versions, ports, schemes, references.
      const swaps = ['valkey@8', 'valkey:ha@7.2', 'mode: ha', ':7000', 'rediss://', '${cache_user}', '&a', '*a', '{', '"', ': |', '- '];
      const i = pick(text.length + 1);
      return text.slice(0, i) + swaps[pick(swaps.length)] + text.slice(i);
    }
  }
}

test('mutated corpus files never make validation, code actions or fix-all throw', (t) => {
  const files = readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.ok(files.length > 0);
  let cases = 0;
  let slowest = 0;
  for (const [fi, file] of files.entries()) {
    const original = readFileSync(join(CORPUS, file), 'utf8');
    const rnd = prng(1000 + fi);
    let text = original;
    for (let k = 0; k < 40; k++) {
      text = rnd() < 0.3 ? mutate(original, rnd) : mutate(text, rnd);
      const name = rnd() < 0.5 ? file : 'import.yaml';
      const started = performance.now();
      try {
        const model = parseZerops(text, { fileName: name });
        const findings = runRules(model, { onRuleError: (rule, err) => { throw new Error(`${rule.id}: ${String(err)}`); } });
        const doc = TextDocument.create(`file:///${name}`, 'yaml', 1, text);
        const diagnostics = findings.map((f) => toDiagnostic(doc, f));
        codeActions(doc, findings, diagnostics);
        applyEdits(text, preferredEdits(findings));
      } catch (err) {
        assert.fail(`${file}, seed ${1000 + fi}, step ${k}: ${(err as Error).stack}\n--- text ---\n${text}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
      cases++;
    }
  }
  assert.ok(slowest < 1000, `slowest case took ${slowest.toFixed(0)} ms`);
  t.diagnostic(`${cases} mutated files, slowest ${slowest.toFixed(1)} ms`);
});
