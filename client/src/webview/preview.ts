// The project preview's page script (runs in the webview, bundled to dist/preview.js). It builds the page
// from the plan with DOM calls (text only, never markup from the plan) and draws the diagram with the
// Mermaid bundled beside it (dist/mermaid.min.js, loaded first). Clicking a service asks the extension to
// reveal it in the import file.

import type { PlanAnswer as Plan, PlanService as Service } from '../../../server/src/service/plan-types';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
declare const mermaid: {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
};

const vscode = acquireVsCodeApi();
const root = document.getElementById('plan')!;
let last: Plan | null = null;
let renders = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function scale(s: Service): string {
  if (s.objectStorage) return [s.objectStorage.size !== null ? `${s.objectStorage.size} GB` : 'no size', s.objectStorage.policy].filter(Boolean).join(', ');
  if (s.mode) return `${s.mode === 'ha' ? 'HA, ' : ''}${s.nodes ?? '?'} node${s.nodes === 1 ? '' : 's'}`;
  if (s.minContainers !== null) return s.maxContainers !== null ? `${s.minContainers}–${s.maxContainers} containers` : `at least ${s.minContainers} container${s.minContainers === 1 ? '' : 's'}`;
  return '';
}

function reveal(file: string, line: number): void {
  const uri = last?.uris[file];
  if (uri) vscode.postMessage({ type: 'reveal', file: uri, line });
}

function revealService(s: Service): void {
  if (last) reveal(last.project.file, s.line);
}

function isDark(): boolean {
  return document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
}

async function drawDiagram(plan: Plan, into: HTMLElement): Promise<void> {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: isDark() ? 'dark' : 'default', flowchart: { htmlLabels: true } });
  const id = `plan-diagram-${++renders}`;
  try {
    const { svg } = await mermaid.render(id, plan.mermaid);
    into.innerHTML = svg; // Mermaid's own output, sanitised by it (securityLevel strict)
    into.dataset.rendered = String(renders);
    const byId = new Map(plan.nodeIds.map((n, i) => [n, plan.project.services[i]]));
    for (const node of into.querySelectorAll<SVGGElement>('g.node')) {
      const m = /flowchart-(svc_[A-Za-z0-9_]+)-\d+$/.exec(node.id);
      const svc = m ? byId.get(m[1]) : undefined;
      if (!svc) continue;
      node.classList.add('clickable');
      node.addEventListener('click', () => revealService(svc));
    }
  } catch (e) {
    into.textContent = `The diagram could not be drawn: ${(e as Error).message}`;
    document.getElementById(id)?.remove();
  }
}

function render(plan: Plan | null): void {
  last = plan;
  root.replaceChildren();
  if (!plan) {
    root.append(el('p', 'This file is not part of a Zerops project: open an import file (or a zerops.yml beside one).', 'muted'));
    return;
  }
  const p = plan.project;
  const f = p.findings;
  root.append(el('h1', p.project.name !== null ? `Project ${p.project.name}` : 'Service import'));
  const summary = el('p', `${p.file}${p.zeropsYml.length ? ` with ${p.zeropsYml.join(', ')}` : ''}: ${p.services.length} services, ${p.connections.length} connections; `, 'summary');
  summary.append(el('span', `${f.errors} errors`, f.errors ? 'error' : ''), el('span', `, ${f.warnings} warnings`));
  root.append(summary);

  const diagram = el('div', undefined, 'diagram');
  diagram.id = 'diagram';
  root.append(diagram);
  void drawDiagram(plan, diagram);

  root.append(el('h2', 'Services'));
  const list = el('div', undefined, 'services');
  for (const s of p.services) {
    const card = el('button', undefined, `service ${s.category}`);
    card.dataset.hostname = s.hostname ?? '';
    card.title = `Go to ${s.hostname ?? 'the service'} in ${p.file}`;
    card.addEventListener('click', () => revealService(s));
    const head = el('div', undefined, 'head');
    head.append(el('strong', s.hostname ?? '(no hostname)'), el('span', s.canonicalType && s.canonicalType !== s.type ? `${s.type} → ${s.canonicalType}` : s.type ?? '', 'type'));
    if (s.mode === 'ha') head.append(el('span', 'HA', 'badge'));
    card.append(head, el('div', scale(s), 'muted'));
    const facts: [string, string][] = [];
    if (s.public && (s.public.subdomain || s.public.httpPorts.length)) facts.push(['public', [s.public.subdomain ? 'subdomain' : '', s.public.httpPorts.length ? `HTTP ${s.public.httpPorts.join(', ')}` : ''].filter(Boolean).join('; ')]);
    if (s.setup) facts.push(['setup', `${s.setup.name}${s.setup.file ? ` (${s.setup.file}${s.setup.line ? `:${s.setup.line}` : ''})` : ' (not in these files)'}`]);
    if (s.bases?.build.length || s.bases?.run) facts.push(['bases', [s.bases.build.join(' + '), s.bases.run].filter(Boolean).join(' → ')]);
    if (s.variables.length) facts.push(['gives', s.variables.join(', ')]);
    if (s.secrets.length) facts.push(['secrets', s.secrets.map((x) => (x.generated ? `${x.name} (generated)` : x.name)).join(', ')]);
    for (const d of s.dropped) facts.push(['dropped', `${d.key}: ${d.reason}`]);
    const dl = el('dl');
    for (const [k, v] of facts) dl.append(el('dt', k), el('dd', v));
    card.append(dl);
    list.append(card);
  }
  root.append(list);

  if (p.connections.length) {
    root.append(el('h2', 'Connections'));
    const table = el('table');
    const head = el('tr');
    for (const h of ['from', 'to', 'port', 'role', 'variable']) head.append(el('th', h));
    table.append(head);
    for (const c of p.connections) {
      const tr = el('tr');
      for (const v of [c.from, c.to, c.port !== null ? String(c.port) : '', c.role, c.variable]) tr.append(el('td', v));
      table.append(tr);
    }
    root.append(table);
  }

  if (f.items.length) {
    root.append(el('h2', 'Findings'));
    const ul = el('ul', undefined, 'findings');
    for (const item of f.items) {
      const li = el('li', undefined, item.severity);
      const link = el('a', `${item.file}:${item.line}`);
      link.href = '#';
      link.addEventListener('click', (e) => { e.preventDefault(); reveal(item.file, item.line); });
      li.append(el('span', item.severity, 'severity'), ' ', link, ` ${item.message} `, el('code', item.rule));
      ul.append(li);
    }
    root.append(ul);
  }
}

window.addEventListener('message', (e: MessageEvent<{ type: string; plan?: Plan | null; message?: string }>) => {
  if (e.data.type === 'plan') render(e.data.plan ?? null);
  if (e.data.type === 'error') root.replaceChildren(el('p', `The plan could not be computed: ${e.data.message}`, 'error'));
});

// The theme changes the body's class: draw the diagram again in the matching Mermaid theme.
new MutationObserver(() => {
  const diagram = document.getElementById('diagram');
  if (last && diagram) void drawDiagram(last, diagram);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });
