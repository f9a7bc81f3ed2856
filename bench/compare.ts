import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { killAll, sleep } from './lsp-client';
import { open, start, yamlLs } from './lsp-bench';

// `npm run compare`: our CLI against yaml-language-server 1.25.0 with each of Zerops' two published
// zerops.yml schemas, on the zerops.yml files in bench/zerops-yml (correct ones, and ones with one
// mistake each, marked `# MISTAKE` on the line or lines the mistake is on) and, when present, the real zerops.yml
// files of ../shared/corpus. Prints a Markdown table: mistakes caught, false alarms on correct files.
// Needs ../shared/schemas (kept outside the repository); not part of `npm test`.
//   --json FILE   also write every diagnostic as JSON

const ROOT = resolve(__dirname, '../..');
// Zerops' files, kept outside the repository: $ZEROPS_SCHEMAS and $ZEROPS_CORPUS, else ../shared beside the clone.
const SCHEMAS_DIR = resolve(process.env.ZEROPS_SCHEMAS ?? resolve(ROOT, '../shared/schemas'));
const CORPUS_DIR = resolve(process.env.ZEROPS_CORPUS ?? resolve(ROOT, '../shared/corpus'));
const CASES = resolve(ROOT, 'bench/zerops-yml');
const SCHEMAS = [
  { column: 'yaml-ls, 2026-07 schema', file: 'zerops-yml-schema.json' },
  { column: 'yaml-ls, 2026-04 schema', file: 'zerops-yml-schema.legacy-2026-04.json' },
];
const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
type Severity = (typeof SEVERITIES)[number];

interface Case {
  name: string;
  group: 'correct' | 'mistake' | 'corpus';
  text: string;
  /** What the mistake is (the file's first comment line). */
  what: string;
  /** 0-based lines marked `# MISTAKE`. */
  marked: number[];
}

interface Finding {
  line: number;
  endLine: number;
  severity: Severity;
  code?: string;
  message: string;
}

function readCases(): Case[] {
  const out: Case[] = [];
  for (const [dir, group] of [['ok', 'correct'], ['mistakes', 'mistake']] as const) {
    for (const f of readdirSync(join(CASES, dir)).filter((x) => x.endsWith('.yml')).sort()) {
      const text = readFileSync(join(CASES, dir, f), 'utf8');
      const lines = text.split('\n');
      const marked = lines.flatMap((l, i) => (/#\s*MISTAKE\b/.test(l) ? [i] : []));
      if (group === 'mistake' && marked.length === 0) throw new Error(`${dir}/${f} marks no line with # MISTAKE`);
      out.push({ name: f.replace(/\.yml$/, ''), group, text, what: lines[0].replace(/^#\s*(Mistake:\s*)?/, ''), marked });
    }
  }
  const corpus = CORPUS_DIR;
  if (existsSync(corpus)) {
    for (const f of readdirSync(corpus).filter((x) => /zerops\.ya?ml$/.test(x)).sort()) {
      out.push({ name: f.replace(/__zerops\.ya?ml$/, ''), group: 'corpus', text: readFileSync(join(corpus, f), 'utf8'), what: 'real file', marked: [] });
    }
  }
  return out;
}

/** The last line a range covers: one that ends at column 0 does not reach into that line. */
const lastLine = (r: Diagnostic['range']) => (r.end.line > r.start.line && r.end.character === 0 ? r.end.line - 1 : r.end.line);

/** A mistake is caught by an error or warning on a marked line (a range that starts or ends there counts). */
function caught(c: Case, findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => (f.severity === 'error' || f.severity === 'warning') && c.marked.some((m) => f.line === m || f.endLine === m));
}

/** Our CLI, once over every case (each written as <tmp>/<case>/zerops.yml), JSON output. */
async function runOurs(cases: readonly Case[], dir: string): Promise<Map<string, Finding[]>> {
  const paths = cases.map((c) => {
    const d = join(dir, `${c.group}-${c.name}`);
    mkdirSync(d, { recursive: true });
    const p = join(d, 'zerops.yml');
    writeFileSync(p, c.text);
    return p;
  });
  const stdout = await new Promise<string>((resolvePromise, reject) => {
    execFile(process.execPath, [join(ROOT, 'dist/cli.js'), '-f', 'json', ...paths], { maxBuffer: 64 * 1024 * 1024 }, (err, out) => {
      // Exit 1 only says some file has an error; 2 is a failure of the run.
      if (err && (err as { code?: number }).code !== 1) reject(new Error(`zerops-lint failed: ${err.message}`));
      else resolvePromise(out);
    });
  });
  const report = JSON.parse(stdout) as { file: string; diagnostics: { code?: string; severity: Severity; message: string; range: Diagnostic['range'] }[] }[];
  const out = new Map<string, Finding[]>();
  cases.forEach((c, i) => {
    const r = report.find((x) => resolve(x.file) === paths[i]);
    if (!r) throw new Error(`zerops-lint reported nothing for ${paths[i]}`);
    out.set(c.group + c.name, r.diagnostics.map((d) => ({ line: d.range.start.line, endLine: lastLine(d.range), severity: d.severity, code: d.code, message: d.message })));
  });
  return out;
}

/** yaml-language-server with `schema` mapped to zerops.yml: each case opened as …/<case>/zerops.yml. */
async function runYamlLs(cases: readonly Case[], schema: string): Promise<Map<string, Finding[]>> {
  const server = await start(yamlLs(pathToFileURL(schema).href, ['zerops.yml', 'zerops.yaml']));
  const out = new Map<string, Finding[]>();
  try {
    for (const c of cases) {
      const uri = `file:///compare/${c.group}-${c.name}/zerops.yml`;
      const { first } = await open(server, uri, c.text);
      // A later publish for the same version replaces the first; give it the time yaml-ls debounces by.
      await sleep(250);
      const last = server.published.filter((p) => p.uri === uri).at(-1) ?? first;
      out.set(c.group + c.name, last.diagnostics.map((d) => ({
        line: d.range.start.line, endLine: lastLine(d.range), severity: SEVERITIES[(d.severity ?? 1) - 1], code: d.code === undefined ? undefined : String(d.code), message: d.message,
      })));
      await server.notify('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    await server.stop();
  }
  return out;
}

const counts = (fs: readonly Finding[]) => {
  const e = fs.filter((f) => f.severity === 'error').length;
  const w = fs.filter((f) => f.severity === 'warning').length;
  return { e, w, text: e + w === 0 ? '0' : [e ? `${e} error${e > 1 ? 's' : ''}` : '', w ? `${w} warning${w > 1 ? 's' : ''}` : ''].filter(Boolean).join(', ') };
};

const firstLine = (m: string) => m.split('\n')[0].slice(0, 100);

async function main(): Promise<void> {
  for (const s of SCHEMAS) {
    if (!existsSync(join(SCHEMAS_DIR, s.file))) {
      console.error(`npm run compare needs Zerops' published zerops.yml schemas (ZEROPS_SCHEMAS, else ../shared/schemas beside the clone): ${join(SCHEMAS_DIR, s.file)} is missing.\nThey are kept outside the repository (see README, "zerops.yml against yaml-language-server").`);
      process.exitCode = 2;
      return;
    }
  }
  if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const cases = readCases();
  const dir = mkdtempSync(join(tmpdir(), 'zerops-compare-'));
  const columns: { column: string; results: Map<string, Finding[]> }[] = [];
  try {
    columns.push({ column: 'zerops-lint', results: await runOurs(cases, dir) });
    for (const s of SCHEMAS) columns.push({ column: s.column, results: await runYamlLs(cases, join(SCHEMAS_DIR, s.file)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const get = (col: (typeof columns)[number], c: Case) => col.results.get(c.group + c.name) ?? [];

  const mistakes = cases.filter((c) => c.group === 'mistake');
  const correct = cases.filter((c) => c.group === 'correct');
  const corpus = cases.filter((c) => c.group === 'corpus');
  const header = `| file | ${columns.map((c) => c.column).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---').join('|')}|`;
  console.log(`zerops.yml comparison — zerops-lint ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} and yaml-language-server 1.25.0, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('Mistakes (one per file): caught = an error or warning on the line of the mistake; the cell gives its severity and rule.\n');
  console.log(header);
  console.log(rule);
  for (const c of mistakes) {
    console.log(`| ${c.what} | ${columns.map((col) => {
      const hit = caught(c, get(col, c));
      return hit ? `✔ ${hit.severity}${hit.code && col.column === 'zerops-lint' ? ` \`${hit.code}\`` : ''}` : '✘';
    }).join(' | ')} |`);
  }
  console.log(`| **caught** | ${columns.map((col) => `**${mistakes.filter((c) => caught(c, get(col, c))).length} / ${mistakes.length}**`).join(' | ')} |`);
  console.log('\nCorrect files: errors and warnings reported. On our own correct files each one is a false alarm; on the real files (corpus) a warning may be a real finding (zerops-yml-spec.md §5 lists those it expects), an error is a false alarm.\n');
  console.log(header);
  console.log(rule);
  for (const c of [...correct, ...corpus]) {
    console.log(`| ${c.group === 'corpus' ? `corpus: ${c.name}` : c.name} | ${columns.map((col) => counts(get(col, c)).text).join(' | ')} |`);
  }
  for (const [label, group] of [['own correct files', correct], ['real files (corpus)', corpus]] as const) {
    if (!group.length) continue;
    console.log(`| **${label}: files with a false error** | ${columns.map((col) => `**${group.filter((c) => counts(get(col, c)).e > 0).length} / ${group.length}**`).join(' | ')} |`);
  }
  if (!corpus.length) console.log('\n(../shared/corpus not found: real files not compared.)');

  console.log('\nWhat was reported on correct files (distinct first lines):');
  for (const col of columns) {
    const messages = new Map<string, number>();
    for (const c of [...correct, ...corpus]) {
      for (const f of get(col, c)) if (f.severity === 'error' || f.severity === 'warning') messages.set(`${f.severity}: ${firstLine(f.message)}`, (messages.get(`${f.severity}: ${firstLine(f.message)}`) ?? 0) + 1);
    }
    console.log(`- ${col.column}: ${messages.size ? '' : 'none'}`);
    for (const [m, n] of [...messages].sort((a, b) => b[1] - a[1])) console.log(`  - ${n}× ${m}`);
  }

  const at = process.argv.indexOf('--json');
  if (at >= 0 && process.argv[at + 1]) {
    const json = Object.fromEntries(columns.map((col) => [col.column, Object.fromEntries(cases.map((c) => [`${c.group}/${c.name}`, get(col, c)]))]));
    writeFileSync(process.argv[at + 1], `${JSON.stringify(json, null, 2)}\n`);
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(killAll);
process.on('exit', killAll);
