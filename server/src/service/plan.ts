import { entryConnections, serviceMode } from '../analysis/connections';
import { shortRole } from '../catalog/ports';
import { canonicalTypeOf, categoryOfType, nodeCount } from '../catalog/types';
import { GENERIC_VARIABLES } from '../catalog/valkey';
import { variableListOf } from '../catalog/variables';
import { preprocessorOn } from '../model/directive';
import { fileKind } from '../model/kind';
import { hostnameOf } from '../model/lookup';
import { rootMapOf } from '../model/levels';
import { asMap, pairOf, plainOf, scalarValue } from '../model/scalars';
import type { EnvEntry, EnvMap, ServiceModel, SetupModel, ZeropsModel } from '../model/types';
import { inlineZeropsOf, mergedAt, resolvedOf, resolveSetups, type ResolvedSetup } from '../model/zerops-yml';
import type { RuleFinding, Severity } from '../rules/rule';
import { Project } from './project';
import { DEFAULT_SETTINGS } from './settings';
import { folderParts, sharedDepth } from './workspace';
import {
  PLAN_VERSION, type Plan, type PlanCategory, type PlanConnection, type PlanFinding, type PlanFindings, type PlanInput, type PlanOptions,
  type PlanProject, type PlanService,
} from './plan-types';

export * from './plan-types';

// The plan: what importing a project would create, computed from the files alone (no disk, no network),
// for `zerops-lint plan`, the editor's preview (the `zerops/plan` request) and the MCP server. One project
// is an import file with the zerops.yml files that belong to it (those nearest it in the folder tree).
// Variables appear by name only: no value of any variable, secret or not, is ever part of a plan, and
// finding messages are cleared of the secret values the files hold. docs/plan.md describes the shape.

interface ParsedFile {
  input: PlanInput;
  name: string;
  model: ZeropsModel;
  findings: RuleFinding[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** 1-based line of an offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Lines of many offsets of one text, without rescanning it for each. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function scalarAt(text: string, svc: ServiceModel, key: string): unknown {
  return scalarValue(text, pairOf(svc.node, key)?.value)?.value;
}

/** The zerops.yml files each import file owns: every zerops.yml goes to the import files nearest it. */
function owners(imports: readonly ParsedFile[], ymls: readonly ParsedFile[]): Map<ParsedFile, ParsedFile[]> {
  const out = new Map(imports.map((f) => [f, [] as ParsedFile[]]));
  for (const y of ymls) {
    const here = folderParts(y.input.fileName);
    const depth = Math.max(...imports.map((i) => sharedDepth(here, folderParts(i.input.fileName))));
    for (const i of imports) if (sharedDepth(here, folderParts(i.input.fileName)) === depth) out.get(i)!.push(y);
  }
  return out;
}

interface FoundSetup {
  file: ParsedFile;
  model: ZeropsModel;
  resolved: ResolvedSetup;
  inline: boolean;
}

/** Setups by name across the project's zerops.yml files, the first of a name winning (as zcli picks). */
function setupsByName(ymls: readonly ParsedFile[]): Map<string, FoundSetup> {
  const out = new Map<string, FoundSetup>();
  for (const file of ymls) {
    for (const resolved of resolvedOf(file.model)) {
      const name = resolved.setup.name?.value;
      if (typeof name === 'string' && !out.has(name)) out.set(name, { file, model: file.model, resolved, inline: false });
    }
  }
  return out;
}

function inlineSetup(file: ParsedFile, svc: ServiceModel, name: string): FoundSetup | undefined {
  const model = inlineZeropsOf(file.model, svc);
  if (!model) return undefined;
  const resolved = resolveSetups(model.setups, undefined).find((r) => r.setup.name?.value === name);
  return resolved && { file, model, resolved, inline: true };
}

/** A setup's env maps with those of the setups it extends, parents first. */
function envMapsOf(found: FoundSetup, byName: ReadonlyMap<string, FoundSetup>): EnvMap[] {
  const seen = new Set<SetupModel>();
  const out: EnvMap[] = [];
  const visit = (r: ResolvedSetup) => {
    if (seen.has(r.setup)) return;
    seen.add(r.setup);
    for (const p of r.parents) {
      const name = p.name?.value;
      const parent = typeof name === 'string' ? byName.get(name) : undefined;
      if (parent?.resolved.setup === p) visit(parent.resolved);
    }
    out.push(...r.setup.envMaps);
  };
  visit(found.resolved);
  return out;
}

function plainStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function httpPorts(found: FoundSetup | undefined): number[] {
  const ports = plainOf(mergedAt(found?.resolved.root, 'run', 'ports')?.node);
  if (!Array.isArray(ports)) return [];
  return ports.filter((p) => p && typeof p === 'object' && (p as Record<string, unknown>).httpSupport === true)
    .map((p) => num((p as Record<string, unknown>).port)).filter((p): p is number => p !== null);
}

function runVariables(found: FoundSetup | undefined): string[] {
  return [...(mergedAt(found?.resolved.root, 'run', 'envVariables')?.map?.keys() ?? [])];
}

const GENERIC = new Set(GENERIC_VARIABLES.map((v) => v.name));

/**
 * A finding's message with every secret value of the files replaced, so no output can show one: the
 * values of envSecrets and dotEnvSecrets, of keys whose names say secret, and passwords written in URLs.
 * The plan, and the MCP server's findings, pass every message through it.
 */
export function secretRedactor(models: readonly ZeropsModel[]): (message: string) => string {
  const secrets = new Set<string>();
  const SECRET_KEY = /pass|secret|token|key|salt|auth|credential|private/i;
  for (const model of models) {
    for (const map of model.envMaps) {
      for (const e of map.entries) {
        const secret = map.kind === 'envSecrets' || map.kind === 'dotEnvSecrets' || SECRET_KEY.test(e.key);
        if (secret) for (const v of [e.source, typeof e.value === 'string' ? e.value : '']) if (v.trim().length >= 3) secrets.add(v.trim());
        for (const u of e.urls) {
          const colon = u.userinfo?.indexOf(':') ?? -1;
          const password = colon >= 0 ? u.userinfo!.slice(colon + 1) : '';
          if (password.length >= 3) secrets.add(password);
        }
      }
    }
  }
  // A value that is only references or preprocessor calls names a secret; it is not one.
  const list = [...secrets].filter((v) => v.replace(/\$\{[^{}]*\}|<@[^>]*>/g, '').trim().length >= 3).sort((a, b) => b.length - a.length);
  return (message) => list.reduce((m, s) => (m.includes(s) ? m.split(s).join('•••') : m), message);
}

function findingsOf(files: readonly ParsedFile[]): PlanFindings {
  const redact = secretRedactor(files.map((f) => f.model));
  const items: PlanFinding[] = [];
  for (const f of files) {
    const line = lineCounter(f.model.text);
    for (const x of f.findings) {
      const l = line(x.span.start);
      const lineStart = f.model.text.lastIndexOf('\n', x.span.start - 1) + 1;
      items.push({ file: f.name, line: l, column: x.span.start - lineStart + 1, severity: x.severity, rule: x.rule, message: redact(x.message) });
    }
  }
  items.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const count = (s: Severity[]) => items.filter((i) => s.includes(i.severity)).length;
  return { errors: count(['error']), warnings: count(['warning']), others: count(['info', 'hint']), items };
}

function roleOf(c: ReturnType<typeof entryConnections>[number]): string {
  if (c.row) return shortRole(c.row);
  if (c.port !== undefined) return 'port';
  const kinds = new Map((c.service.type ? variableListOf(c.service.type) ?? [] : []).map((v) => [v.name, v.kind]));
  if (c.through.some((v) => kinds.get(v) === 'password')) return 'credentials';
  if (c.through.some((v) => kinds.get(v) === 'url')) return 'URL';
  return 'reference';
}

const DROPPED_ENV = 'service-level envVariables are accepted by the import and silently discarded; use envSecrets, or run.envVariables in zerops.yml';
const IGNORED_MODE = 'runtimes ignore mode; minContainers sets how many containers run';
const IGNORED_ZY_KEY = 'not a zerops.yml key: the platform ignores it';

function planOne(file: ParsedFile, ymls: readonly ParsedFile[]): PlanProject {
  const { model } = file;
  const text = model.text;
  const line = lineCounter(text);
  const root = rootMapOf(model);
  const projectMap = root && asMap(pairOf(root, 'project')?.value);
  const name = projectMap && scalarValue(text, pairOf(projectMap, 'name')?.value)?.value;
  const byName = setupsByName(ymls);
  const preprocessed = preprocessorOn(text);
  const connections: PlanConnection[] = [];
  const seenEdges = new Set<string>();
  const connect = (from: string, entry: EnvEntry, m: ZeropsModel, external: readonly ServiceModel[], section: PlanConnection['section']) => {
    for (const c of entryConnections(m, external, entry)) {
      const to = hostnameOf(c.service);
      if (!to) continue;
      const edge: PlanConnection = { from, to, port: c.port ?? null, role: roleOf(c), variable: entry.key, through: c.through, section };
      const key = JSON.stringify([from, to, edge.port, entry.key, section]);
      if (seenEdges.has(key)) continue;
      seenEdges.add(key);
      connections.push(edge);
    }
  };

  for (const map of model.envMaps) {
    if (map.kind === 'envVariables' || map.kind === 'build.envVariables' || map.kind === 'run.envVariables') continue;
    const from = map.service ? hostnameOf(map.service) : 'project';
    if (!from) continue;
    const section = map.kind === 'project.envVariables' ? 'project' : map.kind;
    for (const entry of map.entries) connect(from, entry, model, [], section);
  }

  const unknownKeys = (found: FoundSetup): { key: string; reason: string }[] => {
    if (found.inline) return [];
    const { start, end } = found.resolved.setup.span;
    return found.file.findings
      .filter((f) => f.rule === 'schema-unknown-key' && f.span.start >= start && f.span.end <= end)
      .map((f) => ({ key: `${found.file.name}: ${found.model.text.slice(f.span.start, f.span.end)}`, reason: IGNORED_ZY_KEY }));
  };

  const services = model.services.map((svc): PlanService => {
    const hostname = hostnameOf(svc) ?? null;
    const category: PlanCategory = categoryOfType(svc.type) ?? 'unknown';
    const runtime = category === 'runtime' || category === 'static';
    const scaled = category === 'managed' || category === 'shared-storage';
    const mode = svc.type ? serviceMode(svc) : 'single';
    const setupName = runtime ? str(scalarAt(text, svc, 'zeropsSetup')) ?? hostname : null;
    const found = setupName ? inlineSetup(file, svc, setupName) ?? byName.get(setupName) : undefined;
    const dropped: { key: string; reason: string }[] = [];
    if (svc.envMaps.some((m) => m.kind === 'envVariables')) dropped.push({ key: 'envVariables', reason: DROPPED_ENV });
    if (runtime && svc.mode) dropped.push({ key: 'mode', reason: IGNORED_MODE });
    if (found) dropped.push(...unknownKeys(found));
    const vertical = plainOf(pairOf(svc.node, 'verticalAutoscaling')?.value);
    const scalars = vertical && typeof vertical === 'object' && !Array.isArray(vertical)
      ? Object.fromEntries(Object.entries(vertical).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v))) as Record<string, number | string | boolean>
      : null;
    const secrets = svc.envMaps.filter((m) => m.kind === 'envSecrets' || m.kind === 'dotEnvSecrets')
      .flatMap((m) => m.entries.map((e) => ({ name: e.key, generated: preprocessed && e.source.includes('<@') })));
    const variables = runtime
      ? runVariables(found)
      : (svc.type ? variableListOf(svc.type, scaled ? mode : undefined) ?? [] : []).map((v) => v.name).filter((n) => !GENERIC.has(n));
    if (found) {
      for (const map of envMapsOf(found, byName)) {
        const section = map.kind === 'build.envVariables' ? 'build' : 'run';
        for (const entry of map.entries) connect(hostname ?? '', entry, found.model, model.services, section);
      }
    }
    const build = found && plainOf(mergedAt(found.resolved.root, 'build', 'base')?.node);
    const run = found && plainOf(mergedAt(found.resolved.root, 'run', 'base')?.node);
    return {
      hostname,
      line: line(svc.hostname?.span.start ?? svc.span.start),
      type: svc.type?.raw ?? null,
      canonicalType: svc.type ? canonicalTypeOf(svc.type, mode) ?? null : null,
      category,
      mode: scaled ? mode : null,
      nodes: scaled ? nodeCount(svc.type!.base, mode) ?? null : null,
      minContainers: runtime ? num(scalarAt(text, svc, 'minContainers')) ?? 1 : null,
      maxContainers: runtime ? num(scalarAt(text, svc, 'maxContainers')) : null,
      verticalAutoscaling: scalars && Object.keys(scalars).length ? scalars : null,
      profile: str(scalarAt(text, svc, 'profile')),
      public: runtime ? { subdomain: scalarAt(text, svc, 'enableSubdomainAccess') === true, httpPorts: httpPorts(found) } : null,
      objectStorage: category === 'object-storage'
        ? { size: num(scalarAt(text, svc, 'objectStorageSize')), policy: str(scalarAt(text, svc, 'objectStoragePolicy')) }
        : null,
      setup: setupName
        ? {
          name: setupName,
          file: found?.file.name ?? null,
          line: found ? lineAt(found.model.text, found.resolved.setup.name?.span.start ?? found.resolved.setup.span.start) : null,
          inline: !!found?.inline,
        }
        : null,
      buildFromGit: str(scalarAt(text, svc, 'buildFromGit')),
      bases: found ? { build: plainStrings(build), run: str(run) } : null,
      variables,
      secrets,
      dropped,
    };
  });
  // Connections from a setup named after a hostname with no service of this project are not the project's.
  const hostnames = new Set(services.map((s) => s.hostname));
  return {
    file: file.name,
    project: { name: typeof name === 'string' ? name : null },
    zeropsYml: ymls.map((y) => y.name),
    services,
    connections: connections.filter((c) => c.from === 'project' || hostnames.has(c.from)),
    findings: findingsOf([file, ...ymls]),
  };
}

/**
 * The plan of every project the files make up (or only the one `options.only` belongs to). Pure: reads
 * nothing but its arguments, so the CLI, the language server and the MCP server give the same answer.
 */
export function planProject(files: readonly PlanInput[], options: PlanOptions = {}): Plan {
  const project = new Project();
  for (const f of files) project.open(f.fileName, f.text, 0, { fileName: f.fileName });
  const parsed: ParsedFile[] = [];
  for (const f of files) {
    const a = project.analysis(f.fileName);
    if (!a || a.model.kind === 'other') continue;
    parsed.push({ input: f, name: f.display ?? f.fileName, model: a.model, findings: project.diagnostics(f.fileName, { ...DEFAULT_SETTINGS, ...f.settings }) });
  }
  // A project is an import file (the kind that defines services) with the files checked against it.
  const imports = parsed.filter((f) => fileKind(f.model.kind)?.definesServices);
  const byImport = owners(imports, parsed.filter((f) => fileKind(f.model.kind)?.checkedAgainstImports));
  let chosen = imports;
  if (options.only !== undefined) {
    chosen = imports.filter((i) => i.input.fileName === options.only || byImport.get(i)!.some((y) => y.input.fileName === options.only)).slice(0, 1);
  }
  return { version: PLAN_VERSION, projects: chosen.map((i) => planOne(i, byImport.get(i)!)) };
}
