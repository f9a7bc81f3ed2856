import { YAMLSeq, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { classify, fileKind, kindOfListKey } from './kind';
import { addHostname, emptyModel, projectEnvMap, pushReferences } from './env';
import { MAX_ANALYSED_LENGTH, parseYaml, parseZerops, readService, type ParseOptions } from './parse';
import { PARSE_OPTIONS, detach, moveService, moveSetup, parseEntry, shiftNode, splitImport, type ListKey } from './pieces';
import { pairOf } from './scalars';
import { signatureOf } from './lookup';
import type { EnvMap, Reference, ServiceModel, SetupModel, UrlRef, ZeropsModel } from './types';
import { readSetup } from './zerops-yml';
import { lastAtOrBefore } from '../util/search';

// Parses successive versions of one import file, re-parsing only what an edit touched. A zerops.yml goes
// the same way, one piece per setup (the `zerops:` list's entries); its checks still read the whole model.
//
// The text is cut into pieces (model/pieces.ts): the head (project and the `services:` line) and one
// piece per service. A new version is compared with the last one piece by piece from both ends; the
// pieces in between are parsed again, the others are kept and, after the change, moved by the change in
// length. Besides the model, each parse says what changed (`takeChanges`): the pieces whose findings may
// differ now (the changed ones plus the services that share a hostname with a changed one or name it, and,
// when the set of hostnames changes, those naming a hostname nobody has) and how the kept pieces moved.
// The checker (service/check/incremental.ts) keeps findings per piece and re-checks what this says.
//
// The model is always what `parseZerops(text)` gives. Anything the pieces cannot represent exactly (a
// parse error, anchors, several documents, a file recognised by content only) is parsed whole, and the
// pieces of the last good version stay for the next one.

/**
 * The longest text parsed piece by piece. Past MAX_ANALYSED_LENGTH a file is parsed only this way, since
 * an edit then costs what the changed service costs; a piece itself is never longer than that limit.
 */
export const MAX_PIECEWISE_LENGTH = 2 * 1024 * 1024;

export interface Piece {
  text: string;
  start: number;
  /** The list entry (not for the head). */
  node?: Node;
  /** The range of a list holding this entry alone: where the whole list ends when this entry is last. */
  listRange?: [number, number, number];
  docEnd?: number;
  /** The service read from the entry, when it is a map. */
  service?: ServiceModel;
  /** In a zerops.yml, the setup read from the entry, when it is a map. */
  setup?: SetupModel;
  envMaps: EnvMap[];
  references: Reference[];
  urls: UrlRef[];
  /** Hostnames the piece's values name. */
  names: Set<string>;
  /** What other pieces' findings may read of this one: hostname, type and mode. */
  signature?: string;
}

interface Head extends Piece {
  doc: Document.Parsed;
  root: YAMLMap;
  servicesPair: Pair;
}

function namesOf(references: readonly Reference[], urls: readonly UrlRef[]): Set<string> {
  const names = new Set<string>();
  for (const r of references) if (r.host) names.add(r.host);
  for (const u of urls) if (u.hostname) names.add(u.hostname);
  return names;
}

function pieceFrom(text: string, start: number, maps: EnvMap[], extra: Partial<Piece>): Piece {
  const refs = { references: [] as Reference[], urls: [] as UrlRef[] };
  pushReferences(maps, refs);
  return { text, start, envMaps: maps, ...refs, names: namesOf(refs.references, refs.urls), ...extra };
}

/** The head piece: the document up to the first entry, whose `services` (`zerops`) value the entries fill in. */
function headPiece(text: string, doc: Document.Parsed, root: YAMLMap, servicesPair: Pair, key: ListKey): Head {
  const project = key === 'services' ? projectEnvMap(text, root) : undefined;
  return { ...pieceFrom(text, 0, project ? [project] : [], {}), doc, root, servicesPair };
}

/** Reads an entry's map as a service (import file) or a setup (zerops.yml). */
type Reader = { key: 'services'; read: (map: YAMLMap) => ServiceModel } | { key: 'zerops'; read: (map: YAMLMap) => SetupModel };

/** An entry's piece: the service (in a zerops.yml, the setup) read from it when it is a map. */
function entryPiece(text: string, start: number, node: Node, reader: Reader, extra: Partial<Piece>): Piece {
  if (!isMap(node)) return pieceFrom(text, start, [], { node, ...extra });
  if (reader.key === 'zerops') {
    const setup = reader.read(node);
    return pieceFrom(text, start, setup.envMaps, { node, setup, ...extra });
  }
  const service = reader.read(node);
  return pieceFrom(text, start, service.envMaps, { node, service, signature: signatureOf(service), ...extra });
}

function parseHead(headText: string, key: ListKey): Head | undefined {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(headText, PARSE_OPTIONS);
  } catch {
    return undefined;
  }
  if (doc.errors.length || !isMap(doc.contents)) return undefined;
  const root = doc.contents;
  const servicesPair = pairOf(root, key);
  if (!servicesPair || !(servicesPair.value === null || (isScalar(servicesPair.value) && servicesPair.value.value === null))) return undefined;
  return headPiece(headText, doc, root, servicesPair as Pair, key);
}

function parsePiece(pieceText: string, start: number, indent: number, index: number, key: ListKey): Piece | undefined {
  const entry = parseEntry(pieceText, start, indent);
  if (!entry) return undefined;
  const { node, local, at, listRange, docEnd } = entry;
  // Read from the piece's own text, then moved into place: nothing of it refers to this version's text.
  if (!isMap(node)) shiftNode(node, at);
  const reader: Reader = key === 'zerops'
    ? { key, read: (map) => { const setup = readSetup(local, map, index); moveSetup(setup, at); return setup; } }
    : { key, read: (map) => { const service = readService(local, map, index); moveService(service, at); return service; } };
  return entryPiece(local.slice(indent), start, node, reader, { listRange, docEnd });
}

/** The piece that holds `offset` (the last one starting at or before it). */
export const pieceAt = (pieces: readonly Piece[], offset: number): number => lastAtOrBefore(pieces.length, (i) => pieces[i].start, offset);

/** How the kept pieces moved in one edit: spans in [from, to) changed, spans from `to` on moved by `shift`. */
export interface PieceMove {
  from: number;
  to: number;
  shift: number;
}

/** What changed since the last `takeChanges`. */
export interface PieceChanges {
  /** Pieces whose findings may have changed. */
  dirty: Set<Piece>;
  /** The edits, in order, that moved the pieces kept through them. */
  moves: PieceMove[];
  /** How many pieces were parsed again (1 for a whole parse). */
  parsed: number;
}

export class IncrementalParser {
  /** The text the pieces hold (the last one taken piece by piece). */
  private text = '';
  /** The column of the entries' `-` in that text. */
  private indent = 0;
  private pieces: Piece[] = [];
  private changes: PieceChanges = { dirty: new Set(), moves: [], parsed: 0 };
  /** Services by hostname, in file order: the model's `byHostname`, updated as pieces come and go. */
  private readonly byHostname = new Map<string, ServiceModel[]>();
  /** The pieces whose values name a hostname, updated as pieces come and go. */
  private readonly namedBy = new Map<string, Set<Piece>>();
  private readonly pieceOf = new WeakMap<ServiceModel, Piece>();

  /** The last text parsed, its model, and whether it was parsed piece by piece. */
  private current?: { text: string; model: ZeropsModel; pieces: boolean };

  constructor(private readonly options: ParseOptions) {}

  /**
   * The model of `text`, a new version of the document, parsed piece by piece where it can be (and then
   * at most MAX_PIECEWISE_LENGTH long), else whole. The model is valid until the next call: unchanged
   * services are shared with it and moved in place.
   */
  parse(text: string): ZeropsModel {
    if (this.current?.text === text) return this.current.model;
    const piecewise = this.update(text);
    if (!('model' in piecewise)) this.changes.parsed++;
    this.current = 'model' in piecewise
      ? { text, model: piecewise.model, pieces: true }
      : { text, model: parseZerops(text, this.options, piecewise.fallback), pieces: false };
    return this.current.model;
  }

  /** Whether the last text parsed was taken piece by piece (else its model is a whole parse). */
  get piecewise(): boolean {
    return !!this.current?.pieces;
  }

  /** The pieces of the last text taken piece by piece, in file order. */
  get currentPieces(): readonly Piece[] {
    return this.pieces;
  }

  /** What changed since the last call (see PieceChanges); the next call starts afresh. */
  takeChanges(): PieceChanges {
    const c = this.changes;
    this.changes = { dirty: new Set(), moves: [], parsed: 0 };
    return c;
  }

  /**
   * The list the pieces are entries of, for a file known without parsing (by its name, its first line, or
   * the caller's say-so) as an import file (`services`) or a zerops.yml (`zerops`).
   */
  private listKey(text: string): ListKey | undefined {
    const { forceKind, fileName } = this.options;
    const kind = forceKind ?? classify(fileName, text, undefined);
    return fileKind(kind)?.listKey as ListKey | undefined;
  }

  /**
   * Brings the pieces to `text`: parses the changed ones, moves the rest, updates the maps, and forgets
   * the findings of every piece they may have changed. When the text cannot be taken piece by piece,
   * nothing changes, and the whole text's documents come back if they were parsed on the way.
   */
  private update(text: string): { model: ZeropsModel } | { fallback?: Document.Parsed[] | Error } {
    const key = this.listKey(text);
    if (text.length > MAX_PIECEWISE_LENGTH || !key) return {};
    // A zerops.yml over MAX_ANALYSED_LENGTH is refused: only an import file is read past it, piece by piece.
    if (key === 'zerops' && text.length > MAX_ANALYSED_LENGTH) return {};
    const split = splitImport(text, key);
    if (!split) return {};
    const { starts } = split;
    const texts = starts.map((s, i) => text.slice(s, starts[i + 1] ?? text.length));
    // A piece is parsed whole: one too big to parse at every keystroke sends the file to the whole path,
    // which refuses it.
    if (texts.some((t) => t.length > MAX_ANALYSED_LENGTH)) return {};

    // The pieces unchanged at both ends; the ones between are parsed again.
    const old = this.pieces;
    let pre = 0;
    while (pre < old.length && pre < texts.length && old[pre].text === texts[pre]) pre++;
    let suf = 0;
    while (suf < old.length - pre && suf < texts.length - pre && old[old.length - 1 - suf].text === texts[texts.length - 1 - suf]) suf++;
    // A piece's text starts at its `-`, so an entry moved to another column reads the same, yet its keys now
    // sit elsewhere relative to its first one (`- a: 1` at column 1 with `b: 2` at column 4 does not parse):
    // when the list's column changes, no entry is kept. The head ends with that column, so it changed too.
    if (split.indent !== this.indent) suf = 0;

    let added: Piece[] = [];
    let head = old[0] as Head | undefined;
    if (old.length === 0 || texts.length - suf - pre > Math.max(16, texts.length >> 2)) {
      // Most of the file is new (opening it, a big paste): one parse of the whole text is cheaper than
      // a parse per piece, and gives the same nodes.
      const docs = parseYaml(text, key === 'services');
      const whole = this.piecesFromWhole(text, texts, starts, docs, key);
      if (!whole) return { fallback: docs };
      added = whole;
      head = whole[0] as Head;
      pre = 0;
      suf = 0;
    } else {
      for (let i = pre; i < texts.length - suf; i++) {
        if (i === 0) {
          // The head starts the file, so its own offsets are the file's.
          head = parseHead(detach(texts[0]), key);
          if (!head) return {};
          added.push(head);
          continue;
        }
        const p = parsePiece(texts[i], starts[i], split.indent, i - 1, key);
        if (!p) return {};
        added.push(p);
      }
    }
    if (!head) return {};
    this.indent = split.indent;

    // From here on the new version is taken: nothing below can fail.
    const removed = old.slice(pre, old.length - suf);
    const kept = [...old.slice(0, pre), ...old.slice(old.length - suf)];
    const delta = text.length - this.text.length;
    const changedFrom = pre < old.length ? old[pre].start : this.text.length;
    const changedTo = suf > 0 ? old[old.length - suf].start : this.text.length;
    const pieces = [...old.slice(0, pre), ...added, ...old.slice(old.length - suf)];
    if (delta !== 0) {
      for (let i = pieces.length - suf; i < pieces.length; i++) {
        const p = pieces[i];
        p.start += delta;
        const r = p.listRange;
        if (r) p.listRange = [r[0] + delta, r[1] + delta, r[2] + delta];
        if (p.docEnd !== undefined) p.docEnd += delta;
        if (p.service) moveService(p.service, delta);
        else if (p.setup) moveSetup(p.setup, delta);
        else if (p.node) shiftNode(p.node, delta);
      }
    }
    // Findings kept must not point into what changed (a related location, a fix's edit); the rest move.
    if (kept.length) this.changes.moves.push({ from: changedFrom, to: changedTo, shift: delta });
    for (const p of this.updateIndexes(removed, added)) this.changes.dirty.add(p);
    this.changes.parsed += added.length;
    this.text = text;
    this.pieces = pieces;
    // Numbered as the whole parse numbers them: entries that are not maps do not count.
    for (let i = 1, n = 0; i < pieces.length; i++) {
      const { setup, service: svc } = pieces[i];
      if (setup) setup.index = n++;
      if (!svc) continue;
      // A service without a hostname is called "service #N" in messages: its number changed, so must they.
      if (svc.index !== n) {
        svc.index = n;
        if (typeof svc.hostname?.value !== 'string') this.changes.dirty.add(pieces[i]);
      }
      n++;
    }
    return { model: this.assemble(text, head, pieces, key) };
  }

  /**
   * Takes the removed pieces out of the maps and puts the added ones in, and gives the pieces whose
   * findings may have changed with them.
   */
  private updateIndexes(removed: readonly Piece[], added: readonly Piece[]): Set<Piece> {
    const dirty = new Set<Piece>(added);
    // Net count per signature: a service re-read with the same hostname, type and mode cancels out.
    const counts = new Map<string, { hostname: string; n: number }>();
    const definedBefore = new Map<string, boolean>();
    const count = (p: Piece, n: number, hostname: string) => {
      if (!definedBefore.has(hostname)) definedBefore.set(hostname, this.byHostname.has(hostname));
      const c = counts.get(p.signature!) ?? { hostname, n: 0 };
      c.n += n;
      counts.set(p.signature!, c);
    };
    for (const p of removed) {
      for (const name of p.names) {
        const set = this.namedBy.get(name);
        set?.delete(p);
        if (set && !set.size) this.namedBy.delete(name);
      }
      const svc = p.service;
      const h = svc?.hostname?.value;
      if (!svc || typeof h !== 'string') continue;
      count(p, -1, h);
      const list = (this.byHostname.get(h) ?? []).filter((s) => s !== svc);
      if (list.length) this.byHostname.set(h, list);
      else this.byHostname.delete(h);
    }
    for (const p of added) {
      for (const name of p.names) {
        let set = this.namedBy.get(name);
        if (!set) this.namedBy.set(name, (set = new Set()));
        set.add(p);
      }
      const svc = p.service;
      if (!svc) continue;
      this.pieceOf.set(svc, p);
      const h = svc.hostname?.value;
      if (typeof h !== 'string') continue;
      count(p, 1, h);
      addHostname(this.byHostname, svc);
      const list = this.byHostname.get(h)!;
      if (list.length > 1) list.sort((a, b) => a.span.start - b.span.start);
    }
    // Whatever shares or names a hostname whose services changed is checked again.
    let namesChanged = false;
    for (const { hostname, n } of counts.values()) {
      if (n === 0) continue;
      for (const s of this.byHostname.get(hostname) ?? []) dirty.add(this.pieceOf.get(s)!);
      for (const p of this.namedBy.get(hostname) ?? []) dirty.add(p);
      if (definedBefore.get(hostname) !== this.byHostname.has(hostname)) namesChanged = true;
    }
    // A name nobody has gets a "did you mean" from the set of hostnames, which just changed.
    if (namesChanged) for (const [name, set] of this.namedBy) if (!this.byHostname.has(name)) for (const p of set) dirty.add(p);
    return dirty;
  }

  /**
   * Every piece from one parse of the whole text, when it parses cleanly into exactly the entries the
   * split found. Only the last entry learns where a list ending with it ends; the others learn it if they
   * ever become the last (see `assemble`).
   */
  private piecesFromWhole(text: string, texts: readonly string[], starts: readonly number[], docs: Document.Parsed[] | Error, key: ListKey): Piece[] | undefined {
    if (docs instanceof Error) return undefined;
    const doc = docs[0];
    if (docs.length !== 1 || doc.errors.length || !isMap(doc.contents)) return undefined;
    const root = doc.contents;
    const servicesPair = pairOf(root, key);
    const list = servicesPair?.value;
    if (!servicesPair || !isSeq(list) || list.items.length !== starts.length - 1 || !list.range) return undefined;
    const pieces: Piece[] = [headPiece(texts[0], doc, root, servicesPair, key)];
    for (let i = 1; i < starts.length; i++) {
      const node = list.items[i - 1] as Node;
      const at = node.range?.[0] ?? -1;
      if (at < starts[i] || (i + 1 < starts.length && at >= starts[i + 1])) return undefined;
      const ends = i === starts.length - 1 ? { listRange: list.range, docEnd: doc.range[2] } : {};
      const reader: Reader = key === 'zerops' ? { key, read: (map) => readSetup(text, map, i - 1) } : { key, read: (map) => readService(text, map, i - 1) };
      pieces.push(entryPiece(texts[i], starts[i], node, reader, ends));
    }
    return pieces;
  }

  private assemble(text: string, head: Head, pieces: readonly Piece[], key: ListKey): ZeropsModel {
    const model = emptyModel(text, kindOfListKey(key)?.id ?? 'other');
    const seq = new YAMLSeq();
    const entries = pieces.slice(1);
    seq.items = entries.map((p) => p.node);
    const lastPiece = entries[entries.length - 1];
    if (!lastPiece.listRange) {
      // It came from a whole parse and was not last then: where a list ending with it ends, from its own parse.
      const entry = parseEntry(lastPiece.text, lastPiece.start, this.indent);
      lastPiece.listRange = entry?.listRange ?? [lastPiece.start, lastPiece.node!.range![1], lastPiece.node!.range![2]];
      lastPiece.docEnd = entry?.docEnd ?? lastPiece.listRange[2];
    }
    const last = lastPiece.listRange;
    // As the whole parse has it: the list runs from its first `-` to where the last entry's list ends
    // (trailing comments indented like the list included); the root map and the document end there too.
    const end = last[2];
    // The list starts at its first `-`, where the first entry's piece starts.
    seq.range = [entries[0].start, last[1], end];
    head.servicesPair.value = seq;
    head.root.range = [head.root.range![0], end, end];
    head.doc.range = [head.doc.range[0], end, lastPiece.docEnd!];
    model.documents = [head.doc];
    if (key === 'services') model.byHostname = this.byHostname;
    return fill(model, pieces);
  }

  /**
   * The model cut down to some pieces, for the rules that read service by service (setup by setup). The
   * project's env map stays in it: every service's env reads it as its own (a password there answers
   * valkey-no-auth). A zerops.yml keeps every setup, for `extends` and names, and says which to check.
   */
  part(model: ZeropsModel, dirty: ReadonlySet<Piece>): ZeropsModel {
    const head = this.pieces[0];
    const pieces = this.pieces.filter((p, i) => dirty.has(p) || i === 0);
    if (model.kind === 'zerops-yml') {
      const setups = new Set(pieces.filter((p) => dirty.has(p) && p.setup).map((p) => p.setup!));
      const part = fill({ ...model, setups: [], services: [], envMaps: [], references: [], urls: [] }, pieces);
      return { ...part, setups: model.setups, part: { setups, head: dirty.has(head) } };
    }
    return fill({ ...model, services: [], envMaps: [], references: [], urls: [] }, pieces);
  }
}

/** Appends the pieces' services, env maps, references and URLs to the model's lists, in file order. */
function fill(model: ZeropsModel, pieces: readonly Piece[]): ZeropsModel {
  for (const p of pieces) {
    if (p.service) model.services.push(p.service);
    if (p.setup) model.setups.push(p.setup);
    for (const m of p.envMaps) model.envMaps.push(m);
    for (const x of p.references) model.references.push(x);
    for (const x of p.urls) model.urls.push(x);
  }
  return model;
}

/** A file's model as the checker would build it (piece by piece where it can), for files only indexed. */
export function parseFile(text: string, options: ParseOptions): ZeropsModel {
  return new IncrementalParser(options).parse(text);
}
