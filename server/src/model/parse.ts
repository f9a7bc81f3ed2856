import {
  isAlias, isCollection, isMap, isNode, isPair, isScalar, parseAllDocuments, visit, type Document, type Node, type Pair, type YAMLMap,
} from 'yaml';
import { unescapePreprocessor } from './directive';
import { classify, kindByName } from './kind';
import { splitType } from './type-name';
import { addHostname, emptyModel, envMapFromDotEnv, envMapFromMap, projectEnvMap, pushReferences } from './env';
import { PARSE_OPTIONS } from './pieces';
import { readSetups, readZeropsYml } from './zerops-yml';
import { asSeqItems, nodeSpan, pairOf, scalarValue } from './scalars';
import { libraryMap } from './parsed';
import type {
  DocumentKind, ParseError, ServiceModel, ServiceType, ZeropsModel,
} from './types';

/**
 * Beyond this many characters the file is not parsed at all: Zerops refuses anything over 100 KB, and
 * parsing megabytes on every keystroke would stall the editor for a file nobody can import anyway (a
 * dense 2 MB file took 8 s to parse and check; half a megabyte takes about one). The incremental checker
 * goes further for files that split into services (MAX_PIECEWISE_LENGTH): an edit there costs one service.
 */
export const MAX_ANALYSED_LENGTH = 512 * 1024;

export function parseServiceType(value: NonNullable<ReturnType<typeof scalarValue>>): ServiceType | undefined {
  if (typeof value.value !== 'string') return undefined;
  const raw = value.value;
  const name = splitType(raw);
  if (!name) return { raw, base: raw, value };
  const { os, base, variant, version } = name;
  const t: ServiceType = { raw, base, os, variant, version, value };
  if (value.verbatim) {
    const s = value.span.start;
    const baseStart = s + (os !== undefined ? os.length + 1 : 0);
    t.baseSpan = { start: baseStart, end: baseStart + base.length };
    let next = t.baseSpan.end;
    if (variant !== undefined) {
      t.variantSpan = { start: next + 1, end: next + 1 + variant.length };
      next = t.variantSpan.end;
    }
    if (version !== undefined) t.versionSpan = { start: next + 1, end: next + 1 + version.length };
  }
  return t;
}

export function readService(text: string, node: YAMLMap, index: number): ServiceModel {
  const span = nodeSpan(node) ?? { start: 0, end: 0 };
  const svc: ServiceModel = { index, node, span, envMaps: [] };
  // One pass over the pairs, each key taking its first pair as pairOf would, instead of a scan per key.
  let hostPair: Pair | undefined;
  let typePair: Pair | undefined;
  let modePair: Pair | undefined;
  let profilePair: Pair | undefined;
  let overrides: Pair | undefined;
  let secrets: Pair | undefined;
  let variables: Pair | undefined;
  let dot: Pair | undefined;
  let inline: Pair | undefined;
  for (const item of node.items as Pair[]) {
    if (!isScalar(item.key)) continue;
    switch (item.key.value) {
      case 'hostname': hostPair ??= item; break;
      case 'type': typePair ??= item; break;
      case 'mode': modePair ??= item; break;
      case 'profile': profilePair ??= item; break;
      case 'profileOverrides': overrides ??= item; break;
      case 'envSecrets': secrets ??= item; break;
      case 'envVariables': variables ??= item; break;
      case 'dotEnvSecrets': dot ??= item; break;
      case 'zeropsYaml': inline ??= item; break;
    }
  }
  if (hostPair) svc.hostname = scalarValue(text, hostPair.value);
  if (typePair) {
    svc.typePair = typePair;
    const v = scalarValue(text, typePair.value);
    if (v) svc.type = parseServiceType(v);
  }
  if (modePair) {
    svc.mode = {
      pair: modePair,
      value: scalarValue(text, modePair.value),
      keySpan: nodeSpan(modePair.key as Node) ?? span,
      node: (modePair.value as Node | null) ?? null,
      scalar: isScalar(modePair.value),
      tagged: isScalar(modePair.value) && !!modePair.value.tag,
    };
  }
  if (profilePair) svc.profile = scalarValue(text, profilePair.value);
  if (overrides) svc.profileOverrides = { pair: overrides, node: (overrides.value as Node | null) ?? null };
  if (secrets) svc.envMaps.push(envMapFromMap(text, 'envSecrets', secrets, svc));
  if (variables) svc.envMaps.push(envMapFromMap(text, 'envVariables', variables, svc));
  if (dot) svc.envMaps.push(envMapFromDotEnv(text, dot, svc));
  if (inline && isMap(inline.value)) svc.zeropsYaml = { node: inline.value, setups: readSetups(text, inline.value) };
  return svc;
}

/**
 * More nodes than this once every alias is expanded is an alias bomb ("billion laughs"): nothing here
 * expands aliases, but any tool that loads the file as data does, and no import file needs so many.
 */
export const MAX_ALIAS_EXPANSION = 100_000;

/**
 * How many nodes the document would hold with every alias expanded, counted without expanding anything
 * (each anchored node's size is kept), and the alias that expands to the most. An alias to a node still
 * being read (a cycle) counts as one.
 */
function aliasExpansion(doc: Document.Parsed): { nodes: number; worst?: Node } {
  const sizes = new Map<string, number>();
  let worst: { node: Node; size: number } | undefined;
  const walk = (node: unknown): number => {
    if (isAlias(node)) {
      const size = sizes.get(node.source) ?? 1;
      if (!worst || size > worst.size) worst = { node, size };
      return size;
    }
    if (!isNode(node)) return 0;
    const anchor = node.anchor;
    if (anchor) sizes.set(anchor, 1);
    let n = 1;
    if (isCollection(node)) {
      for (const item of node.items) n += isPair(item) ? walk(item.key) + walk(item.value) : walk(item);
    }
    if (anchor) sizes.set(anchor, n);
    return n;
  };
  try {
    return { nodes: walk(doc.contents), worst: worst?.node };
  } catch {
    // Nesting deep enough to overflow this walk has already been reported by the parser.
    return { nodes: 0 };
  }
}

function aliasErrors(docs: Document.Parsed[], text: string): ParseError[] {
  if (!text.includes('*')) return [];
  const out: ParseError[] = [];
  for (const d of docs) {
    const { nodes, worst } = aliasExpansion(d);
    if (nodes <= MAX_ALIAS_EXPANSION) continue;
    const span = nodeSpan(worst) ?? { start: 0, end: Math.min(text.length, 1) };
    out.push({
      span,
      message: `With its aliases expanded this document holds about ${nodes.toExponential(1)} nodes: an alias bomb. Anything that loads it as data runs out of memory; copy the values instead of nesting aliases`,
      code: 'ALIAS_BOMB',
    });
  }
  return out;
}

function parseErrors(docs: Document.Parsed[], textLength: number): ParseError[] {
  const out: ParseError[] = [];
  for (const d of docs) {
    for (const e of d.errors) {
      const start = Math.min(e.pos[0], textLength);
      const end = Math.min(Math.max(e.pos[1], start), textLength);
      out.push({ span: { start, end }, message: e.message, code: e.code });
    }
  }
  return out;
}

export interface ParseOptions {
  /** The file name (a path or URI); decides the kind together with the content. */
  fileName: string;
  /** Treat the file as this kind whatever its name says (the CLI does, for files named on its command line). */
  forceKind?: DocumentKind;
  /** The kind to use when neither name nor content is recognised (instead of 'other'). */
  fallbackKind?: DocumentKind;
}

export function kindOf(options: ParseOptions, text: string, contents: Node | null | undefined): DocumentKind {
  if (options.forceKind) return options.forceKind;
  const k = classify(options.fileName, text, contents);
  return k === 'other' && options.fallbackKind ? options.fallbackKind : k;
}

/**
 * The documents of `text` as every parse here reads them, or what the parser threw (absurd nesting
 * exhausts its stack). With the preprocessor on, YAML reads the text after its escapes are undone, at
 * the same offsets (`unescapePreprocessor`), and every scalar holds its unescaped value. `preprocessed`
 * is false for a zerops.yml: the preprocessor runs over import files only (zerops-yml-spec.md).
 */
export function parseYaml(text: string, preprocessed = true): Document.Parsed[] | Error {
  try {
    const unescaped = preprocessed ? unescapePreprocessor(text) : undefined;
    const parsed = parseAllDocuments(unescaped?.text ?? text, PARSE_OPTIONS);
    const docs = Array.isArray(parsed) ? parsed : [];
    if (unescaped) for (const d of docs) stripFiller(d, unescaped.filler);
    return docs;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

function stripFiller(doc: Document.Parsed, filler: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes(filler)) node.value = node.value.split(filler).join('');
      if (typeof node.source === 'string' && node.source.includes(filler)) node.source = node.source.split(filler).join('');
    },
  });
}

/**
 * Text -> model. Called once per document version; everything downstream reads the result. `parsed` is
 * `parseYaml(text)` when the caller already has it.
 */
export function parseZerops(text: string, options: ParseOptions, parsed?: Document.Parsed[] | Error): ZeropsModel {
  if (text.length > MAX_ANALYSED_LENGTH) {
    const m = emptyModel(text, kindOf(options, text, undefined));
    m.skipped = 'too-large';
    return m;
  }
  const docs = parsed ?? parseYaml(text, (options.forceKind ?? kindByName(options.fileName)) !== 'zerops-yml');
  if (docs instanceof Error) {
    // Report it, never throw.
    const m = emptyModel(text, kindOf(options, text, undefined));
    m.errors.push({ span: { start: 0, end: Math.min(text.length, 1) }, message: `The YAML could not be parsed: ${docs.message}`, code: 'PARSER_FAILURE' });
    return m;
  }
  const first = docs[0];
  const kind = kindOf(options, text, first?.contents ?? null);
  const model = emptyModel(text, kind);
  model.documents = docs;
  model.errors = [...parseErrors(docs, text.length), ...aliasErrors(docs, text)];
  if (kind === 'zerops-yml' && first) return readZeropsYml(text, first, model);
  if (kind !== 'import' || !first) return model;

  const root = libraryMap(first.contents);
  if (!root) return model;
  const project = projectEnvMap(text, root);
  if (project) model.envMaps.push(project);
  const services = pairOf(root, 'services');
  asSeqItems(services?.value).forEach((item) => {
    if (!isMap(item)) return;
    const svc = readService(text, item, model.services.length);
    model.services.push(svc);
    model.envMaps.push(...svc.envMaps);
    addHostname(model.byHostname, svc);
  });
  pushReferences(model.envMaps, model);
  return model;
}
