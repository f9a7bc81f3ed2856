import type { Plan, PlanConnection, PlanFindings, PlanProject, PlanService } from './plan';

// The plan as text (a terminal), Markdown (a pull-request comment) and Mermaid (a diagram GitHub and the
// editor's preview render). Each reads only the plan object, so every format says the same thing, and
// none can show a value: the plan holds none.

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "nodejs@22", or "valkey@7.2 → valkey:ha@7.2" when the canonical spelling differs. */
export function typeLabel(s: PlanService): string {
  if (!s.type) return '(no type)';
  return s.canonicalType && s.canonicalType !== s.type ? `${s.type} → ${s.canonicalType}` : s.type;
}

/** How the service runs: "HA, 3 nodes", "1 node", "1–4 containers", "10 GB, private". */
export function scaleLabel(s: PlanService): string {
  if (s.category === 'object-storage') {
    const o = s.objectStorage!;
    return [o.size !== null ? `${o.size} GB` : 'no size', o.policy].filter(Boolean).join(', ');
  }
  if (s.mode) {
    const nodes = s.nodes !== null ? plural(s.nodes, 'node') : 'nodes unknown';
    return s.mode === 'ha' ? `HA, ${nodes}` : nodes;
  }
  if (s.minContainers !== null) {
    if (s.maxContainers === null) return `at least ${plural(s.minContainers, 'container')}`;
    return s.minContainers === s.maxContainers ? plural(s.minContainers, 'container') : `${s.minContainers}–${s.maxContainers} containers`;
  }
  return '';
}

function verticalLabel(s: PlanService): string | undefined {
  const v = s.verticalAutoscaling;
  if (!v) return undefined;
  const range = (what: string, unit: string, a: string, b: string) => (v[a] !== undefined || v[b] !== undefined ? `${what} ${v[a] ?? '?'}–${v[b] ?? '?'}${unit}` : undefined);
  const parts = [range('CPU', '', 'minCpu', 'maxCpu'), range('RAM', ' GB', 'minRam', 'maxRam'), range('disk', ' GB', 'minDisk', 'maxDisk')].filter(Boolean);
  const rest = Object.keys(v).filter((k) => !['minCpu', 'maxCpu', 'minRam', 'maxRam', 'minDisk', 'maxDisk'].includes(k)).map((k) => `${k} ${v[k]}`);
  return [...parts, ...rest].join(', ');
}

function publicLabel(s: PlanService): string | undefined {
  if (!s.public) return undefined;
  const parts = [s.public.subdomain ? 'zerops.app subdomain' : '', s.public.httpPorts.length ? `HTTP ${s.public.httpPorts.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

function buildLabel(s: PlanService): string | undefined {
  if (!s.setup) return undefined;
  const where = s.setup.file ? `${s.setup.inline ? 'inline zeropsYaml in ' : ''}${s.setup.file}${s.setup.line ? `:${s.setup.line}` : ''}` : 'not in these files';
  const parts = [`setup ${s.setup.name} (${where})`];
  if (s.buildFromGit) parts.push(`from ${s.buildFromGit}`);
  if (s.bases?.build.length) parts.push(`builds on ${s.bases.build.join(' + ')}`);
  if (s.bases?.run) parts.push(`runs on ${s.bases.run}`);
  return parts.join(', ');
}

function secretsLabel(s: PlanService): string | undefined {
  return s.secrets.length ? s.secrets.map((x) => (x.generated ? `${x.name} (generated)` : x.name)).join(', ') : undefined;
}

export function connectionLabel(c: PlanConnection): string {
  return c.port !== null ? `${c.port} ${c.role}` : c.role;
}

function through(c: PlanConnection): string {
  return c.through.length ? ` (${c.through.map((v) => `${c.to}_${v}`).join(', ')})` : '';
}

function findingsSummary(f: PlanFindings): string {
  if (f.errors + f.warnings + f.others === 0) return 'no problems';
  return [plural(f.errors, 'error'), plural(f.warnings, 'warning'), f.others ? `${f.others} info/hint` : ''].filter(Boolean).join(', ');
}

function headline(p: PlanProject): string {
  const name = p.project.name !== null ? `"${p.project.name}"` : '(no project: a service import)';
  return `Project ${name} from ${p.file}: ${plural(p.services.length, 'service')}, ${plural(p.connections.length, 'connection')}; ${findingsSummary(p.findings)}`;
}

// ---- text ---------------------------------------------------------------------------------------------

export function planText(plan: Plan): string {
  const out: string[] = [];
  for (const p of plan.projects) {
    if (out.length) out.push('');
    out.push(headline(p));
    if (p.zeropsYml.length) out.push(`with ${p.zeropsYml.join(', ')}`);
    out.push('', 'Services');
    for (const s of p.services) {
      out.push(`  ${s.hostname ?? '(no hostname)'}  ${typeLabel(s)}  ${scaleLabel(s)}`.trimEnd());
      const lines: [string, string | undefined][] = [
        ['scaling', verticalLabel(s)], ['profile', s.profile ?? undefined], ['public', publicLabel(s)], ['build', buildLabel(s)],
        ['gives', s.variables.join(', ') || undefined], ['secrets', secretsLabel(s)],
      ];
      for (const [k, v] of lines) if (v) out.push(`    ${k}: ${v}`);
      for (const d of s.dropped) out.push(`    dropped: ${d.key}: ${d.reason}`);
    }
    if (p.connections.length) {
      out.push('', 'Connections');
      for (const c of p.connections) out.push(`  ${c.from} → ${c.to}  ${connectionLabel(c)}  via ${c.variable}${through(c)}`);
    }
    if (p.findings.items.length) {
      out.push('', `Findings: ${findingsSummary(p.findings)}`);
      for (const f of p.findings.items) out.push(`  ${f.file}:${f.line}:${f.column} ${f.severity} ${f.message.replace(/\s*\r?\n\s*/g, ' ')} [${f.rule}]`);
    }
  }
  if (plan.projects.length === 0) out.push('No import file among the files: nothing to plan.');
  return `${out.join('\n')}\n`;
}

// ---- Markdown -----------------------------------------------------------------------------------------

/** Text for a table cell: no line breaks, `|` escaped, Markdown specials left as text. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|])/g, '\\$1');
}

export function planMarkdown(plan: Plan): string {
  const out: string[] = [];
  for (const p of plan.projects) {
    const name = p.project.name !== null ? cell(p.project.name) : '(service import)';
    out.push(`### Zerops plan: ${name} (\`${p.file}\`)`, '');
    out.push(`${plural(p.services.length, 'service')}, ${plural(p.connections.length, 'connection')}; ${p.findings.errors ? '**' : ''}${findingsSummary(p.findings)}${p.findings.errors ? '**' : ''}.`, '');
    out.push('| service | type | runs as | public | builds with | gives | secrets |', '|---|---|---|---|---|---|---|');
    for (const s of p.services) {
      out.push(`| ${[s.hostname ?? '(none)', typeLabel(s), [scaleLabel(s), verticalLabel(s)].filter(Boolean).join('; '), publicLabel(s) ?? '', buildLabel(s) ?? '', s.variables.join(', '), secretsLabel(s) ?? ''].map(cell).join(' | ')} |`);
    }
    out.push('');
    if (p.connections.length) {
      out.push('| from | to | port | role | variable |', '|---|---|---|---|---|');
      for (const c of p.connections) out.push(`| ${[c.from, c.to, c.port !== null ? String(c.port) : '', c.role, `${c.variable}${through(c)}`].map(cell).join(' | ')} |`);
      out.push('');
    }
    const dropped = p.services.flatMap((s) => s.dropped.map((d) => `- **${cell(s.hostname ?? '(none)')}**: \`${d.key}\`: ${cell(d.reason)}`));
    if (dropped.length) out.push('Dropped or ignored:', '', ...dropped, '');
    out.push('```mermaid', planMermaid({ ...plan, projects: [p] }).trimEnd(), '```', '');
    if (p.findings.items.length) {
      out.push('<details><summary>Findings</summary>', '');
      for (const f of p.findings.items) out.push(`- ${f.severity === 'error' ? '**error**' : f.severity} \`${f.file}:${f.line}:${f.column}\` ${cell(f.message)} (\`${f.rule}\`)`);
      out.push('', '</details>', '');
    }
  }
  if (plan.projects.length === 0) out.push('No import file among the files: nothing to plan.', '');
  return `${out.join('\n').trimEnd()}\n`;
}

// ---- Mermaid ------------------------------------------------------------------------------------------

const GROUPS: { id: string; title: string; has: (s: PlanService) => boolean }[] = [
  { id: 'runtimes', title: 'Runtimes', has: (s) => s.category === 'runtime' || s.category === 'static' },
  { id: 'data', title: 'Databases and caches', has: (s) => s.category === 'managed' },
  { id: 'storage', title: 'Storage', has: (s) => s.category === 'object-storage' || s.category === 'shared-storage' },
  { id: 'other', title: 'Unknown types', has: (s) => s.category === 'unknown' },
];

/** Mermaid text inside double quotes: `"` and the characters Mermaid reads as markup become entities. */
function quoted(s: string): string {
  return `"${s.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`)}"`;
}

/** The diagram's node id of each service: `svc_` and its hostname, unique even for repeated or odd names. */
export function nodeIds(services: readonly PlanService[]): string[] {
  const used = new Set<string>();
  return services.map((s, i) => {
    let id = `svc_${(s.hostname ?? `unnamed${i}`).replace(/[^A-Za-z0-9]/g, '_')}`;
    while (used.has(id)) id += '_';
    used.add(id);
    return id;
  });
}

export function planMermaid(plan: Plan): string {
  const out: string[] = ['flowchart LR'];
  plan.projects.forEach((p, pi) => {
    const prefix = plan.projects.length > 1 ? `p${pi}_` : '';
    const ids = nodeIds(p.services).map((id) => prefix + id);
    const idOf = new Map<string, string>();
    p.services.forEach((s, i) => { if (s.hostname && !idOf.has(s.hostname)) idOf.set(s.hostname, ids[i]); });
    const indent = plan.projects.length > 1 ? '    ' : '  ';
    if (plan.projects.length > 1) out.push(`  subgraph ${prefix}project[${quoted(p.project.name ?? p.file)}]`);
    for (const g of GROUPS) {
      const members = p.services.map((s, i) => ({ s, id: ids[i] })).filter(({ s }) => g.has(s));
      if (!members.length) continue;
      out.push(`${indent}subgraph ${prefix}${g.id}[${quoted(g.title)}]`);
      for (const { s, id } of members) {
        const label = quoted(`${s.hostname ?? '(no hostname)'}\n${s.canonicalType ?? s.type ?? '?'}${scaleLabel(s) ? `\n${scaleLabel(s)}` : ''}`).replace(/\n/g, '<br/>');
        const shape = g.id === 'runtimes' || g.id === 'other' ? `[${label}]` : `[(${label})]`;
        out.push(`${indent}  ${id}${shape}`);
      }
      out.push(`${indent}end`);
    }
    if (p.connections.some((c) => c.from === 'project')) out.push(`${indent}${prefix}project_vars{{${quoted('project variables')}}}`);
    const drawn = new Set<string>();
    for (const c of p.connections) {
      const from = c.from === 'project' ? `${prefix}project_vars` : idOf.get(c.from);
      const to = idOf.get(c.to);
      const label = connectionLabel(c);
      const key = `${from}>${to}>${label}`;
      if (!from || !to || drawn.has(key)) continue;
      drawn.add(key);
      out.push(`${indent}${from} ${c.port !== null ? '-->' : '-.->'}|${quoted(label)}| ${to}`);
    }
    if (plan.projects.length > 1) out.push('  end');
    const ha = p.services.map((s, i) => (s.mode === 'ha' ? ids[i] : '')).filter(Boolean);
    if (ha.length) out.push(`  class ${ha.join(',')} ha`);
  });
  out.push('  classDef ha stroke-width:4px');
  return `${out.join('\n')}\n`;
}
