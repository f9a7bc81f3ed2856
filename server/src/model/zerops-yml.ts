import { isAlias, isMap, isScalar, isSeq, visit, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { emptyModel, envMapFromMap, pushReferences } from './env';
import { asSeqItems, keySpanOf, nodeSpan, pairOf, scalarValue } from './scalars';
import { libraryMap } from './parsed';
import type { TreeMap, TreeNode, TreePair } from './tree';
import type { ScalarValue, ServiceModel, SetupModel, Span, ZeropsModel } from './types';

// zerops.yml: a top-level `zerops:` list of setups, each with `build` and `run` sections. What the
// checks need from it are the env maps (where most Valkey connections are written) and the setup names.

const SECTIONS = [['build', 'build.envVariables'], ['run', 'run.envVariables']] as const;

export function readSetup(text: string, node: TreeMap, index: number): SetupModel {
  const setup: SetupModel = { index, node, span: nodeSpan(node) ?? { start: 0, end: 0 }, envMaps: [] };
  const name = pairOf(node, 'setup');
  if (name) setup.name = scalarValue(text, name.value);
  readExtends(text, setup);
  for (const [section, kind] of SECTIONS) {
    const body = libraryMap(pairOf(node, section)?.value);
    const env = body && pairOf(body, 'envVariables');
    if (!env) continue;
    const map = envMapFromMap(text, kind, env, undefined);
    map.setup = setup;
    setup.envMaps.push(map);
  }
  return setup;
}

/** The setups of a zerops.yml's root map (its `zerops:` list's maps), in order. */
export function readSetups(text: string, root: YAMLMap): SetupModel[] {
  const out: SetupModel[] = [];
  for (const item of asSeqItems(pairOf(root, 'zerops')?.value)) if (isMap(item)) out.push(readSetup(text, item, out.length));
  return out;
}

/** Fills `model` with the setups of a zerops.yml document and the references and URLs in their env maps. */
export function readZeropsYml(text: string, doc: Document.Parsed, model: ZeropsModel): ZeropsModel {
  const root = libraryMap(doc.contents);
  return root ? withSetups(model, readSetups(text, root)) : model;
}

function withSetups(model: ZeropsModel, setups: SetupModel[]): ZeropsModel {
  for (const setup of setups) {
    model.setups.push(setup);
    for (const map of setup.envMaps) model.envMaps.push(map);
  }
  pushReferences(model.envMaps, model);
  return model;
}

/**
 * The inline `zeropsYaml` of an import file's service (a whole `zerops:` document, read by the parser) as a
 * zerops.yml model of its own over the import's text, so the zerops.yml checks and features run on it and
 * report in the import file; undefined when the service has none that is a map, or with `orEmpty` an empty
 * zerops.yml model.
 */
export function inlineZeropsOf(parent: ZeropsModel, service: ServiceModel, orEmpty?: 'orEmpty'): ZeropsModel | undefined {
  const inline = service.zeropsYaml;
  if (!inline) return orEmpty ? emptyModel(parent.text, 'zerops-yml') : undefined;
  const model = emptyModel(parent.text, 'zerops-yml');
  // A document of the inline map alone: what the checks read of a zerops.yml's document is its contents.
  model.documents = [{ contents: inline.node }];
  model.lineBreak = parent.lineBreak;
  // A list of its own: what is resolved from it is kept per list, and per version (spans move between versions).
  return withSetups(model, [...inline.setups]);
}

// ---- extends ---------------------------------------------------------------------------------------
// A setup may start from others (`extends: base` or a list). The platform's docs say sections merge;
// official recipes rely on key-level merging inside `run` and its `envVariables` (spec §1.2), so maps
// merge deeply, parents first in the order written, then the setup itself; lists and scalars are
// replaced (how lists merge is undocumented). Every merged value keeps the node it came from, so a check
// on the merged setup reports at the text the user wrote.

/** The setup-level keys a child inherits. `setup` and `extends` are the child's own. */
const INHERITED = new Set(['build', 'deploy', 'run']);

/** One key of a merged setup: the pair that supplied it last, and for a map value its merged keys. */
export interface MergedNode {
  key: string;
  pair: TreePair;
  node: TreeNode | null;
  /** The setup whose text holds `pair`. */
  from: SetupModel;
  /** For a map value: its keys, merged. */
  map?: Map<string, MergedNode>;
}

export interface ResolvedSetup {
  setup: SetupModel;
  /** The setup's keys after merging its parents: `build`, `deploy`, `run` (and its own others); merged on first read. */
  readonly root: Map<string, MergedNode>;
  /** The parents `extends` names that exist, in order. */
  parents: SetupModel[];
  /** `extends` names that match no setup. */
  unknown: ScalarValue[];
  /** A cycle through this setup's `extends`, as the chain of setups, when there is one. */
  cycle?: SetupModel[];
  /** Named in another setup's `extends`: a template, so checks for what a deployable setup needs skip it. */
  template: boolean;
}

/** An alias (`build: *common`) as the node its anchor names; anything else as it is. */
type Deref = (node: Node | null) => Node | null;

function derefIn(root: unknown): Deref {
  // One pass over the document, in order: each alias names the anchor last defined before it. (The
  // library's own resolve walks the whole document per alias: quadratic on a large file.)
  let targets: Map<Node, Node> | undefined;
  const index = () => {
    const out = new Map<Node, Node>();
    const anchors = new Map<string, Node>();
    if (root) {
      visit(root as Node, {
        Alias: (_k, a) => { const t = anchors.get(a.source); if (t) out.set(a, t); },
        Node: (_k, n) => { if (n.anchor) anchors.set(n.anchor, n); },
      });
    }
    return out;
  };
  return (node) => {
    if (!isAlias(node)) return node;
    targets ??= index();
    return targets.get(node) ?? null;
  };
}

const MERGE_KEY = '<<';

/**
 * Merges `map` into `into`. YAML aliases are followed, and merge keys (`<<: *base`, which Go's YAML
 * parser applies) bring in their maps first, so the keys written beside them win, as YAML says.
 */
function mergeMap(into: Map<string, MergedNode>, map: TreeMap, from: SetupModel, deref: Deref, depth = 0): void {
  if (depth > 64) return;
  const pairs = map.items as readonly Pair[];
  const keyOf = (pair: Pair) => (isScalar(pair.key) && pair.key.value != null ? String(pair.key.value) : undefined);
  for (const pair of pairs) {
    if (keyOf(pair) !== MERGE_KEY) continue;
    const v = deref(pair.value as Node | null);
    // In a list of maps the first one wins: merge the others first.
    const sources = isSeq(v) ? (v.items as Node[]).map(deref).reverse() : [v];
    for (const src of sources) if (isMap(src)) mergeMap(into, src, from, deref, depth + 1);
  }
  for (const pair of pairs) {
    const key = keyOf(pair);
    if (key === undefined || key === MERGE_KEY) continue;
    const value = deref(pair.value as Node | null);
    const prev = into.get(key);
    if (isMap(value)) {
      const merged = new Map<string, MergedNode>(prev?.map ? cloneMap(prev.map) : []);
      mergeMap(merged, value, from, deref, depth + 1);
      into.set(key, { key, pair, node: value, from, map: merged });
    } else {
      into.set(key, { key, pair, node: value, from });
    }
  }
}

function cloneMap(map: Map<string, MergedNode>): [string, MergedNode][] {
  return [...map].map(([k, v]) => [k, v.map ? { ...v, map: new Map(cloneMap(v.map)) } : v]);
}

function readExtends(text: string, setup: SetupModel): void {
  const pair = pairOf(setup.node, 'extends');
  if (!pair) return;
  setup.extendsPair = pair;
  const v = pair.value;
  const items = isSeq(v) ? (v.items as Node[]) : [v as Node];
  setup.extends = items.map((n) => scalarValue(text, n)).filter((x): x is ScalarValue => !!x && typeof x.value === 'string');
}

/**
 * Every setup with `extends` resolved. First setup of a name wins, as zcli picks the first match
 * (setup-duplicate reports the others). With the document's root node, aliases and `<<` merge keys are
 * followed.
 */
export function resolveSetups(setups: readonly SetupModel[], root?: unknown): ResolvedSetup[] {
  const deref = derefIn(root);
  const byName = new Map<string, SetupModel>();
  for (const s of setups) {
    const n = s.name?.value;
    if (typeof n === 'string' && !byName.has(n)) byName.set(n, s);
  }
  const parentNames = new Set<string>();
  for (const s of setups) for (const e of s.extends ?? []) parentNames.add(String(e.value));
  // Depth-first over `extends`, with an explicit stack: a chain thousands of setups deep must not
  // overflow the call stack. A parent is merged once it is finished; one still on the path is a cycle.
  const out = new Map<SetupModel, ResolvedSetup>();
  const state = new Map<SetupModel, 'open' | 'done'>();
  const roots = new Map<ResolvedSetup, Map<string, MergedNode>>();
  const make = (s: SetupModel): ResolvedSetup => {
    const r: ResolvedSetup = {
      setup: s, parents: [], unknown: [],
      template: typeof s.name?.value === 'string' && parentNames.has(s.name.value),
      // Merged on first use: a check of a few setups merges those and their parents, not the file.
      get root() {
        return roots.get(r) ?? mergeRoots(r);
      },
    };
    out.set(s, r);
    return r;
  };
  /** Merges `r` after its parents, parents first, with an explicit stack (a chain may be thousands deep). */
  const mergeRoots = (start: ResolvedSetup): Map<string, MergedNode> => {
    const stack = [start];
    while (stack.length) {
      const top = stack[stack.length - 1];
      if (roots.has(top)) { stack.pop(); continue; }
      const pending = top.parents.map((p) => out.get(p)!).filter((p) => !roots.has(p));
      if (pending.length) { stack.push(...pending); continue; }
      const root = new Map<string, MergedNode>();
      for (const parent of top.parents) {
        for (const [k, v] of roots.get(out.get(parent)!)!) if (INHERITED.has(k)) root.set(k, v.map ? { ...v, map: new Map(cloneMap(v.map)) } : v);
      }
      mergeMap(root, top.setup.node, top.setup, deref);
      roots.set(top, root);
      stack.pop();
    }
    return roots.get(start)!;
  };
  for (const start of setups) {
    if (state.has(start)) continue;
    const stack: { r: ResolvedSetup; next: number }[] = [{ r: make(start), next: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      const names = top.r.setup.extends ?? [];
      if (top.next < names.length) {
        const e = names[top.next++];
        const parent = byName.get(String(e.value));
        if (!parent) {
          top.r.unknown.push(e);
        } else if (state.get(parent) === 'open') {
          const at = stack.findIndex((f) => f.r.setup === parent);
          const chain = [...stack.slice(at).map((f) => f.r.setup), parent];
          for (const f of stack.slice(at)) f.r.cycle ??= chain;
        } else if (state.get(parent) === 'done') {
          top.r.parents.push(parent);
        } else {
          top.r.parents.push(parent);
          state.set(parent, 'open');
          stack.push({ r: make(parent), next: 0 });
        }
        continue;
      }
      state.set(top.r.setup, 'done');
      stack.pop();
    }
  }
  return setups.map((s) => out.get(s)!);
}

const RESOLVED = new WeakMap<readonly SetupModel[], ResolvedSetup[]>();

/**
 * The setups of a zerops.yml model with `extends` resolved, once per version of the document: the
 * models the incremental checker cuts from it share its list of setups, and so this result.
 */
export function resolvedOf(model: ZeropsModel): ResolvedSetup[] {
  let r = RESOLVED.get(model.setups);
  if (!r) RESOLVED.set(model.setups, (r = resolveSetups(model.setups, model.documents[0]?.contents)));
  return r;
}

/** The setups of a model to check, resolved: every one, or those of the cut the incremental checker made. */
export function checkedSetups(model: ZeropsModel): ResolvedSetup[] {
  return model.part ? resolvedOf(model).filter((r) => isChecked(model, r.setup)) : resolvedOf(model);
}

/** A setup that deploys: not a template (named in another's `extends`), not on an `extends` cycle. */
export function isDeployable(r: ResolvedSetup): boolean {
  return !r.template && !r.cycle;
}

/** Whether a setup is among those being checked (all of them, unless the checker cut the model down). */
export function isChecked(model: ZeropsModel, setup: SetupModel | undefined): boolean {
  if (!model.part) return true;
  return setup ? model.part.setups.has(setup) : model.part.head;
}

/** Where to report a whole setup: its `setup:` value, else its first key. */
export function setupSpan(s: SetupModel): Span {
  if (s.name) return s.name.nodeSpan;
  return keySpanOf(s.node.items[0]) ?? s.span;
}

/** The merged node at a path of keys (`get(r.root, 'run', 'healthCheck')`). */
export function mergedAt(root: Map<string, MergedNode> | undefined, ...path: string[]): MergedNode | undefined {
  let map = root;
  let node: MergedNode | undefined;
  for (const key of path) {
    node = map?.get(key);
    if (!node) return undefined;
    map = node.map;
  }
  return node;
}
