import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

// The layer rules of CONTRIBUTING.md, checked on the source: no import cycles, and no module importing a
// layer above its own.

const ROOT = resolve(__dirname, '../../server/src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /^(?:import|export)\s[^;]*?from\s+'(\.[^']*)'/gm;

function edges(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files(ROOT)) {
    const src = readFileSync(f, 'utf8');
    const to: string[] = [];
    for (const m of src.matchAll(IMPORT)) {
      // Type-only imports vanish at build time but still tie the layers; they count.
      const target = resolve(dirname(f), m[1]);
      const file = [`${target}.ts`, join(target, 'index.ts')].find((p) => { try { return statSync(p).isFile(); } catch { return false; } });
      if (file) to.push(file);
    }
    out.set(f, to);
  }
  return out;
}

// file-access.ts is the bounded, read-only disk reader both front ends hand to the rules: the CLI's layer;
// so are catalogue-folder.ts and catalogue-update.ts, which both front ends use for a catalogue folder.
const LAYER: Record<string, number> = { 'version.ts': 0, util: 0, model: 1, catalog: 2, analysis: 3, rules: 4, service: 5, cli: 6, 'file-access.ts': 6, 'catalogue-folder.ts': 6, 'catalogue-update.ts': 6 };
const layerOf = (f: string) => {
  const top = relative(ROOT, f).split('/')[0];
  return top in LAYER ? LAYER[top] : 7;
};

describe('layers', () => {
  it('has no import cycle', () => {
    const graph = edges();
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 2) return;
      if (state.get(f) === 1) {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(ROOT, p)).join(' → '));
        return;
      }
      state.set(f, 1);
      for (const t of graph.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 2);
    };
    for (const f of graph.keys()) visit(f, []);
    assert.deepEqual(cycles, []);
  });

  it('imports only from its own layer or those below', () => {
    const up: string[] = [];
    for (const [f, to] of edges()) {
      for (const t of to) if (layerOf(t) > layerOf(f)) up.push(`${relative(ROOT, f)} → ${relative(ROOT, t)}`);
    }
    assert.deepEqual(up, []);
  });
});

describe('syntax stays in the model', () => {
  it('nothing in service/, cli/ or the entry points imports yaml', () => {
    const front = files(ROOT).filter((f) => /^(service|cli)\//.test(relative(ROOT, f)) || /^[^/]+\.ts$/.test(relative(ROOT, f)));
    assert.ok(front.length > 20);
    const offenders = front.filter((f) => /from 'yaml'/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    assert.deepEqual(offenders, []);
  });
});

describe('rule shape', () => {
  it('every rule runs per service or per document, never both or neither', async () => {
    const { RULES } = await import('../server/src/rules/registry');
    const unclear = RULES.filter((r) => (typeof r.perService === 'function') === (typeof r.perDocument === 'function')).map((r) => r.id);
    assert.deepEqual(unclear, []);
    assert.ok(RULES.some((r) => typeof r.perDocument === 'function') && RULES.some((r) => typeof r.perService === 'function'));
  });
});
