import { existsSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { cpus } from 'node:os';
import { MAX_ANALYSED_LENGTH } from '../server/src/model/parse';
import { MAX_PIECEWISE_LENGTH } from '../server/src/service/check/incremental';
import { generate } from './generate';
import { generateZeropsYml, zeropsYmlEditValue } from './generate-zerops-yml';
import { killAll } from './lsp-client';
import {
  IMPORT_PROJECT_EDIT, OURS, SCHEMA, SHARED_SCHEMAS, YAML_LS, benchLsp, coldStart, yamlLs, type BenchFile, type LspSizeResult, type Proof,
} from './lsp-bench';
import { benchService, type ServiceResult } from './service-bench';
import { duration, kb, medP95, ratio, sample, table, type Summary } from './stats';

// `npm run bench`: the language service in process (parse floor, cold check, one-line edit, hover,
// completion, code actions) and both language servers over stdio (ours and yaml-language-server with
// the import schema). Prints tables; asserts nothing.
//   BENCH_SIZES=100,400     limit the sizes (services per file)
//   BENCH_SETUPS=10,300     setups in the generated zerops.yml files (0 skips them)
//   --json FILE / BENCH_JSON=FILE   also write the results as JSON

const ALL_SIZES = [10, 100, 400, 1000, 5000];
/** Sizes that also go over stdio; 10 services says nothing a 100-service file does not. */
const LSP_SIZES = new Set([100, 400, 1000, 5000]);
/** yaml-ls gets the 5000-service file only if it opens the 1000-service one faster than this. */
const YAML_LS_5000_LIMIT_MS = 2500;

function options(): { sizes: number[]; json?: string } {
  const env = process.env.BENCH_SIZES;
  const sizes = env ? env.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0) : ALL_SIZES;
  if (sizes.length === 0) throw new Error(`BENCH_SIZES=${env}: no sizes in it`);
  const at = process.argv.indexOf('--json');
  return { sizes, json: at >= 0 ? process.argv[at + 1] : process.env.BENCH_JSON || undefined };
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} characters)` : s);
const findingsNote = (f: Record<string, number>) => Object.entries(f).map(([r, n]) => `${r}×${n}`).join(', ') || 'none';

function printService(results: ServiceResult[]): void {
  const row = (r: ServiceResult, ...cells: string[]) => [String(r.services), ...cells];
  console.log(table('Generated files (mixed spelling, as real files are)', ['services', 'size', 'lines', 'findings', 'analysed'],
    results.map((r) => row(r, kb(r.bytes), String(r.lines), findingsNote(r.findings), r.skipped ? `NO (${r.skipped})` : 'yes')),
    results.some((r) => r.skipped) ? [`A file marked NO was refused unparsed (over ${MAX_PIECEWISE_LENGTH / 1024} KB, or over ${MAX_ANALYSED_LENGTH / 1024} KB without splitting into services): its figures below are the cost of refusing it.`] : []));
  console.log(table('Parse alone: yaml parseDocument (the floor), median / p95', ['services', 'parse', 'samples'],
    results.map((r) => row(r, medP95(r.parse), String(r.parse.samples))), [FLOOR_NOTE]));
  console.log(table('Cold check: new IncrementalChecker().check(text), median / p95', ['services', 'check', '× parse', 'samples'],
    results.map((r) => row(r, medP95(r.cold), ratio(r.cold.median, r.parse.median), String(r.cold.samples)))));
  console.log(table('Plan: planProject over the file (parse, check, plan) against a cold check in turns, median / p95 (target ≤ 2× at 400 services)',
    ['services', 'plan', 'check', '× check', 'samples'],
    results.map((r) => row(r, medP95(r.plan), medP95(r.planCold), ratio(r.plan.median, r.planCold.median), String(r.plan.samples)))));
  console.log(table('One-line edit: a checker that has checked the file checks it with LOG_LEVEL changed in the middle api service',
    ['services', 'check', '× parse', 'samples', 'checker path (last sample)'],
    results.map((r) => row(r, medP95(r.edit), ratio(r.edit.median, r.parse.median), String(r.edit.samples), r.editPath))));
  console.log(table('Requests on a checked version (middle group), median / p95',
    ['services', 'hover ${cacheN_password}', 'hover 6379', 'completion ${cacheN_|', 'completion 6379', 'code actions'],
    results.map((r) => row(r, medP95(r.hoverReference), medP95(r.hoverPort), medP95(r.completeReference), medP95(r.completePort), medP95(r.codeActions))),
    results.map((r) => `code actions, ${r.services} services: ${r.codeActionsAt}`)));
  console.log(table('Inlay hints for the visible range (60 lines, middle of the file) and CodeLens for the whole file, median / p95 (targets at 400 services: ≤ 10 ms each)',
    ['services', 'inlay hints', 'CodeLens', 'lenses'],
    results.map((r) => row(r, medP95(r.inlayHints), medP95(r.codeLens), String(r.codeLensCount))),
    results.map((r) => `inlay hints, ${r.services} services: ${r.inlayHintsAt}`)));
}

function printLsp(results: LspSizeResult[], proofs: Proof[], cold: Record<string, Summary>, skipped: string[], extra: string[], floor: Map<number, Summary>): void {
  const yamlProof = proofs.find((p) => p.server === YAML_LS.name);
  console.log('Schema check (yaml-language-server, first session): a file with an unknown key (line 7) and a bad enum (line 3)');
  for (const d of yamlProof?.diagnostics ?? []) console.log(`  line ${d.line} [${d.source ?? '-'}] ${clip(d.message.split('\n')[0], 110)}`);
  const failed = proofs.filter((p) => p.server === YAML_LS.name && !p.applied).length;
  console.log(failed ? `  SCHEMA NOT APPLIED in ${failed} yaml-ls session(s): their timings are not comparable` : `  schema applied in every yaml-ls session (${proofs.filter((p) => p.server === YAML_LS.name).length})`);
  console.log('');

  console.log(table('Cold start: spawn → initialize result, median / p95', ['server', 'start', 'samples'],
    Object.entries(cold).map(([name, s]) => [name, medP95(s), String(s.samples)]),
    [`ours / yaml-ls: ${ratio(cold[OURS.name]?.median, cold[YAML_LS.name]?.median)}`]));

  const sizes = [...new Set(results.map((r) => r.services))];
  const get = (name: string, n: number) => results.find((r) => r.server === name && r.services === n);
  const pair = (title: string, pick: (r: LspSizeResult) => Summary, notes: string[]) => console.log(table(title,
    ['services', 'ours', 'yaml-ls', 'ours / yaml-ls', 'publishes per action (ours; yaml-ls)'],
    sizes.map((n) => {
      const [o, y] = [get(OURS.name, n), get(YAML_LS.name, n)];
      const pubs = (r?: LspSizeResult) => (r ? [...new Set(title.startsWith('didOpen') ? r.publishesPerOpen : r.publishesPerEdit)].join('/') : '—');
      return [String(n), medP95(o && pick(o)), medP95(y && pick(y)), ratio(o && pick(o).median, y && pick(y).median), `${pubs(o)}; ${pubs(y)}`];
    }), notes));
  pair('didOpen → first publishDiagnostics for the document, median / p95', (r) => r.open, [
    'Files with composite types only (generate(n, \'composite\')): Zerops\' current schema rejects legacy types, and a like-for-like comparison needs a file both servers find clean.',
    `Diagnostics on open (ours; yaml-ls): ${sizes.map((n) => `${n}: ${get(OURS.name, n)?.diagnosticsOnOpen ?? '—'}; ${get(YAML_LS.name, n)?.diagnosticsOnOpen ?? '—'}`).join(', ')}.`,
    'Each sample opens the file under a new URI; timed to the first publish. yaml-ls waits 200 ms (validationDelayMs) before validating; ours checks an opened file at once.',
    ...skipped,
    ...extra,
  ]);
  pair('Keystroke → publishDiagnostics: incremental didChange of one value (LOG_LEVEL in the middle api service), median / p95', (r) => r.edit, [
    'Ours: the publish carrying the edited version (it debounces edits). yaml-ls sends no version: its first publish after the change (it waits 200 ms).',
    'One edit at a time, 400 ms of quiet after each publish, in which further publishes for the document are counted.',
  ]);
  console.log(table('didOpen → first publishDiagnostics (ours) against the YAML parse floor (parseDocument of the same text, in process)',
    ['services', 'ours', 'parse', 'ours / parse'],
    sizes.map((n) => { const o = get(OURS.name, n); const f = floor.get(n); return [String(n), medP95(o?.open), medP95(f), ratio(o?.open.median, f?.median)]; }), [FLOOR_NOTE]));
  console.log(table('Memory: VmRSS of the server with the file open, after the edits', ['services', 'ours', 'yaml-ls'],
    sizes.map((n) => [String(n), ...[OURS.name, YAML_LS.name].map((s) => { const k = get(s, n)?.rssKb; return k ? `${(k / 1024).toFixed(0)} MB` : '—'; })])));
}

/** A zerops.yml both servers find clean, with a typo'd key (line 5) and an out-of-enum os (line 6). */
const ZEROPS_YML_FILE: BenchFile = {
  fileName: 'zerops.yml',
  proofText: ['zerops:', '  - setup: proof', '    build:', '      deployFiles: ./', '      buildComands: []', '      os: debian', ''].join('\n'),
  proofLines: [5, 6],
  edit: zeropsYmlEditValue,
};

/**
 * What the floor is: the yaml package as Node programs load it. The server bundles the package's browser
 * build of the same version (scripts/build.mjs), which skips a process.env read per token, so its own parse
 * is cheaper than this floor; the ratios below count that saving as the server's.
 */
const FLOOR_NOTE = 'The floor is yaml\'s Node build, as yaml-language-server loads it; the server bundles the same version\'s browser build, which skips a per-token process.env read.';

/** The median of parseDocument on `text`: the floor an open cannot go under. */
function parseFloor(text: string): Summary {
  return sample(() => parseDocument(text), { warmup: 3, min: 10, max: 60, budgetMs: 2000 });
}

/** Each `BENCH_SETUPS` count: one zerops.yml, open and keystroke, ours against yaml-ls with the 2026-07 zerops.yml schema. */
async function benchZeropsYml(): Promise<{ setups: number; results: LspSizeResult[]; proofs: Proof[]; floor: Summary }[]> {
  const counts = (process.env.BENCH_SETUPS ?? '10,300').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
  const out: { setups: number; results: LspSizeResult[]; proofs: Proof[]; floor: Summary }[] = [];
  for (const setups of counts) {
    const text = generateZeropsYml(setups);
    const yaml = yamlLs(SHARED_SCHEMAS.zeropsYml, ['zerops.yml']);
    const results: LspSizeResult[] = [];
    const proofs: Proof[] = [];
    for (const spec of [OURS, yaml]) {
      const { result, proof } = await benchLsp(spec, setups, text, { opens: 5, edits: 8 }, ZEROPS_YML_FILE);
      results.push(result);
      proofs.push(proof);
    }
    const floor = parseFloor(text);
    const [o, y] = results;
    const yamlProof = proofs[1];
    console.log(table(`zerops.yml with ${setups} setups (${kb(Buffer.byteLength(text))}, generated): both servers over stdio, median / p95`,
      ['action', 'ours', 'yaml-ls', 'ours / yaml-ls'],
      [
        ['didOpen → first publishDiagnostics', medP95(o.open), medP95(y.open), ratio(o.open.median, y.open.median)],
        ['keystroke → publishDiagnostics', medP95(o.edit), medP95(y.edit), ratio(o.edit.median, y.edit.median)],
        ['parse floor (parseDocument, in process)', medP95(floor), '', `open: ${ratio(o.open.median, floor.median)} the floor`],
      ],
      [
        `yaml-ls with the 2026-07 zerops.yml schema (${yamlProof.applied ? 'applied: it reported the proof file\'s typo and bad os' : 'SCHEMA NOT APPLIED: its timings are not comparable'}).`,
        `Diagnostics on open (ours; yaml-ls): ${o.diagnosticsOnOpen}; ${y.diagnosticsOnOpen}. Bases in the OS-prefixed spelling and probe timings left out, so both find the file clean.`,
        'The keystroke changes LOG_LEVEL in the middle template setup, which two other setups extend.',
        FLOOR_NOTE,
      ]));
    out.push({ setups, results, proofs, floor });
  }
  return out;
}

/** A keystroke in the `project:` section of the 400-service file, both servers. */
async function benchProjectEdit(text: string): Promise<LspSizeResult[]> {
  const results: LspSizeResult[] = [];
  for (const spec of [OURS, YAML_LS]) results.push((await benchLsp(spec, 400, text, { opens: 1, edits: 8 }, IMPORT_PROJECT_EDIT)).result);
  const [o, y] = results;
  console.log(table('Keystroke in `project:` → publishDiagnostics, 400 services (LOG_LEVEL among the project\'s env variables), median / p95',
    ['services', 'ours', 'yaml-ls', 'ours / yaml-ls'], [['400', medP95(o.edit), medP95(y.edit), ratio(o.edit.median, y.edit.median)]]));
  return results;
}

async function main(): Promise<void> {
  const { sizes, json } = options();
  // yaml-language-server is only a fair peer with Zerops' schema mapped; without it the comparison means nothing.
  if (!existsSync(SCHEMA)) throw new Error(`the import schema is not at ${SCHEMA}: the comparison with yaml-language-server needs it (set ZEROPS_SCHEMAS to the folder holding import-schema.json)`);
  const started = performance.now();
  console.log(`Zerops import benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, sizes ${sizes.join(', ')}\n`);

  const texts = new Map(sizes.map((n) => [n, generate(n)]));
  const service = sizes.map((n) => benchService(n, texts.get(n)!));
  printService(service);

  const lsp: LspSizeResult[] = [];
  const proofs: Proof[] = [];
  const skipped: string[] = [];
  const cold: Record<string, Summary> = {};
  let mixedYaml: LspSizeResult | undefined;
  for (const spec of [OURS, YAML_LS]) cold[spec.name] = await coldStart(spec, 5);
  for (const n of sizes.filter((s) => LSP_SIZES.has(s))) {
    const samples = n >= 5000 ? { opens: 3, edits: 4 } : { opens: 5, edits: 8 };
    for (const spec of [OURS, YAML_LS]) {
      const y1000 = lsp.find((r) => r.server === YAML_LS.name && r.services === 1000);
      if (spec === YAML_LS && n >= 5000 && (!y1000 || y1000.open.median > YAML_LS_5000_LIMIT_MS)) {
        skipped.push(`yaml-ls not run on ${n} services: ${y1000 ? `it took ${duration(y1000.open.median)} to open 1000` : 'no 1000-service run to judge by'} (limit ${duration(YAML_LS_5000_LIMIT_MS)}).`);
        continue;
      }
      const { result, proof } = await benchLsp(spec, n, generate(n, 'composite'), samples);
      lsp.push(result);
      proofs.push(proof);
    }
  }
  // What yaml-ls does with the mixed spelling real files use: one diagnostic per legacy type.
  const extra: string[] = [];
  if (texts.has(400)) {
    const { result } = await benchLsp(YAML_LS, 400, texts.get(400)!, { opens: 3, edits: 0 });
    extra.push(`yaml-ls on the mixed-spelling 400-service file (legacy types): ${result.diagnosticsOnOpen} diagnostics, open ${medP95(result.open)}.`);
    mixedYaml = result;
  }
  const floor = new Map(sizes.filter((n) => LSP_SIZES.has(n)).map((n) => [n, parseFloor(generate(n, 'composite'))]));
  printLsp(lsp, proofs, cold, skipped, extra, floor);
  const project = sizes.includes(400) ? await benchProjectEdit(generate(400, 'composite')) : [];
  const zy = await benchZeropsYml();
  console.log(`Total ${duration(performance.now() - started)}.`);
  const unproven = [...proofs, ...zy.flatMap((z) => z.proofs)].filter((p) => p.server !== OURS.name && !p.applied).length;
  if (unproven > 0) {
    console.error(`bench: the schema was not applied in ${unproven} yaml-language-server session(s), so the comparison with it is not valid`);
    process.exitCode = 1;
  }

  if (json) {
    writeFileSync(json, `${JSON.stringify({ node: process.version, cpus: cpus().length, date: new Date().toISOString(), service, lsp: { cold, sizes: lsp, proofs, skipped, yamlLsMixed400: mixedYaml, projectEdit400: project, parseFloor: Object.fromEntries(floor) }, zeropsYml: zy }, null, 2)}\n`);
    console.log(`Results written to ${json}.`);
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}
process.on('exit', killAll);
