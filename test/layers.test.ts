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

/** Whether a file imports the yaml package (a static import, an import type, or a require). */
const importsYaml = (f: string) => /(?:from|import|require\()\s*['"]yaml['"]/.test(readFileSync(f, 'utf8'));

describe('syntax stays in the model', () => {
  it('nothing above model/ imports yaml: catalog/, analysis/, rules/, service/, cli/ and the entry points read the tree through model/tree.ts', () => {
    const above = files(ROOT).map((f) => relative(ROOT, f)).filter((f) => !/^(model|util)\//.test(f));
    assert.ok(above.some((f) => f.startsWith('rules/zerops-yml/')) && above.some((f) => f.startsWith('service/')) && above.some((f) => f.startsWith('analysis/')));
    assert.deepEqual(above.filter((f) => importsYaml(join(ROOT, f))), []);
  });

  it('the check sees an import of yaml, in each form it can take', () => {
    for (const line of ["import { isMap } from 'yaml';", "import type { Node } from 'yaml';", "const y = require('yaml');", 'import * as yaml from "yaml";']) {
      assert.ok(/(?:from|import|require\()\s*['"]yaml['"]/.test(line), line);
    }
    assert.ok(!/(?:from|import|require\()\s*['"]yaml['"]/.test("import { x } from './yaml';"));
  });

  it("the library's documents behind the model (model/parsed.ts) are read in model/ alone", () => {
    const parsed = join(ROOT, 'model/parsed.ts');
    const readers = [...edges()].filter(([, to]) => to.includes(parsed)).map(([f]) => relative(ROOT, f));
    assert.ok(readers.length > 0 && readers.every((f) => f.startsWith('model/')), readers.join(', '));
  });

  it('nothing in service/, cli/ or the entry points imports yaml', () => {
    const front = files(ROOT).filter((f) => /^(service|cli)\//.test(relative(ROOT, f)) || /^[^/]+\.ts$/.test(relative(ROOT, f)));
    assert.ok(front.length > 20);
    assert.deepEqual(front.filter(importsYaml).map((f) => relative(ROOT, f)), []);
  });
});

describe('rule shape', () => {
  it('every rule runs per service, per setup or per document: exactly one of them', async () => {
    const { RULES } = await import('../server/src/rules/registry');
    const ways = (r: (typeof RULES)[number]) => [r.perService, r.perSetup, r.perDocument].filter((m) => typeof m === 'function').length;
    assert.deepEqual(RULES.filter((r) => ways(r) !== 1).map((r) => r.id), []);
    for (const way of ['perService', 'perSetup', 'perDocument'] as const) assert.ok(RULES.some((r) => typeof r[way] === 'function'), way);
  });

  it('a per-setup rule reads zerops.yml, and the rules comparing setups run per document', async () => {
    const { RULES_BY_ID, RULES } = await import('../server/src/rules/registry');
    assert.deepEqual(RULES.filter((r) => typeof r.perSetup === 'function' && !r.kinds.includes('zerops-yml')).map((r) => r.id), []);
    for (const id of ['setup-duplicate', 'extends-unknown', 'extends-cycle', 'setup-unknown-service', 'service-setup-missing']) {
      assert.equal(typeof RULES_BY_ID.get(id)?.perDocument, 'function', id);
    }
  });

  it('no rule is assembled with a cast', () => {
    const offenders = files(join(ROOT, 'rules')).filter((f) => /\bas (unknown as )?Rule\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    assert.deepEqual(offenders, []);
  });
});
