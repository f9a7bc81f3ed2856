// Env maps as the model holds them: entries with their source offsets, the ${host_var} references and
// URLs scanned from each value, and the empty model both readers (import files and zerops.yml) fill.
// Both readers import from here, so neither imports the other.

import { isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { scanReferences, scanUrls } from './references';
import { asMap, keyName, nodeSpan, pairOf } from './scalars';
import { libraryMap } from './parsed';
import type { DocumentKind, EnvEntry, EnvMap, EnvMapKind, Reference, ServiceModel, UrlRef, ZeropsModel } from './types';

export function emptyModel(text: string, kind: DocumentKind): ZeropsModel {
  return {
    kind, text, documents: [], errors: [], services: [], setups: [], byHostname: new Map(), envMaps: [], references: [], urls: [],
    lineBreak: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

export function envMapFromMap(text: string, kind: EnvMapKind, pair: Pair, service: ServiceModel | undefined): EnvMap {
  const map: EnvMap = { kind, service, keySpan: nodeSpan(pair.key as Node) ?? { start: 0, end: 0 }, entries: [] };
  const m = asMap(pair.value);
  if (!m) return map;
  for (const item of m.items) {
    const key = keyName(item as Pair);
    const keySpan = nodeSpan(item.key as Node);
    const v = item.value as Node | null;
    if (key === undefined || !keySpan || !isScalar(v) || !v.range) continue;
    const [vs, ve] = v.range;
    addEntry(map, { key, keySpan, value: v.value, source: text.slice(vs, ve), sourceStart: vs, valueSpan: { start: vs, end: ve } });
  }
  return map;
}

type EntryInit = Omit<EnvEntry, 'map' | 'references' | 'urls'>;

function addEntry(map: EnvMap, init: EntryInit): void {
  // Written out rather than spread: this runs for every value of the file.
  const entry: EnvEntry = {
    key: init.key, keySpan: init.keySpan, value: init.value, source: init.source, sourceStart: init.sourceStart, valueSpan: init.valueSpan,
    map, references: [], urls: [],
  };
  entry.references = scanReferences(entry);
  entry.urls = scanUrls(entry);
  map.entries.push(entry);
}

// The value is trimmed in code: a lazy `(.*?)\s*$` backtracks quadratically over a long run of spaces.
const DOTENV_LINE = /^(\s*)(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=(.*)$/;

/** `dotEnvSecrets` is .env text in a string; each KEY=value line becomes an entry with source offsets. */
export function envMapFromDotEnv(text: string, pair: Pair, service: ServiceModel): EnvMap {
  const map: EnvMap = { kind: 'dotEnvSecrets', service, keySpan: nodeSpan(pair.key as Node) ?? { start: 0, end: 0 }, entries: [] };
  const v = pair.value as Node | null;
  if (!isScalar(v) || !v.range || typeof v.value !== 'string') return map;
  const [vs, ve] = v.range;
  const block = v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED';
  let pos = vs;
  let end = ve;
  if (block) {
    const nl = text.indexOf('\n', vs);
    pos = nl < 0 || nl >= ve ? ve : nl + 1;
  } else if (v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE') {
    // Inside the quotes: the closing one is not part of the last value.
    pos = vs + 1;
    end = Math.max(pos, ve - 1);
  }
  while (pos < end) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const m = DOTENV_LINE.exec(line);
    if (m && !line.trimStart().startsWith('#')) {
      const keyStart = pos + line.indexOf(m[2], m[1].length);
      const rest = m[3];
      const valueText = rest.trim();
      const valueStart = valueText ? pos + line.length - rest.trimStart().length : keyStart + m[2].length;
      addEntry(map, {
        key: m[2],
        keySpan: { start: keyStart, end: keyStart + m[2].length },
        value: valueText.replace(/^(["'])(.*)\1$/, '$2'),
        source: valueText,
        sourceStart: valueStart,
        valueSpan: { start: valueStart, end: valueStart + valueText.length },
      });
    }
    pos = lineEnd + 1;
  }
  return map;
}

/** Every reference and URL of the maps' entries, appended to `out` in order. */
export function pushReferences(maps: readonly EnvMap[], out: { references: Reference[]; urls: UrlRef[] }): void {
  for (const map of maps) {
    for (const e of map.entries) {
      // One at a time: spreading a value's 100 000 URLs into push() overflows the call stack.
      for (const r of e.references) out.references.push(r);
      for (const u of e.urls) out.urls.push(u);
    }
  }
}

/** `project.envVariables` of an import file's root map, if there is one. */
export function projectEnvMap(text: string, root: YAMLMap): EnvMap | undefined {
  const project = pairOf(root, 'project');
  const projectMap = project && libraryMap(project.value);
  const env = projectMap && pairOf(projectMap, 'envVariables');
  return env ? envMapFromMap(text, 'project.envVariables', env, undefined) : undefined;
}

/** Files a service under its hostname (after the others, so lists stay in file order when built in order). */
export function addHostname(byHostname: Map<string, ServiceModel[]>, svc: ServiceModel): void {
  const h = svc.hostname?.value;
  if (typeof h !== 'string') return;
  const list = byHostname.get(h);
  if (list) list.push(svc);
  else byHostname.set(h, [svc]);
}
