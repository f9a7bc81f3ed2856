import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogueTables, type CatalogueTables } from './catalog/schema-tables';
import { LEGACY_TABLES, builtInTables } from './catalog/tables';
import { CatalogueError, META_FILE, SCHEMA_FILES, parseSchema, readCatalogueFolder, type CatalogueMeta } from './catalogue-folder';

// `zerops-lint catalog update` and the editor's "Zerops: Update Catalogue": the product's only network
// access, run only when a user asks. Downloads Zerops' two public schemas, checks each is the schema it
// claims to be, and only then writes them (each through a temporary file and a rename) into the folder,
// so any failure leaves the folder as it was. Says what changed against what the folder held before, or
// against the built-in catalogue for a new folder.

/** Where Zerops publishes the schemas, no login needed (zeropsio/zerops-go sdk/GetSettings*JsonSchemaJson.go). */
export const DEFAULT_BASE = 'https://api.app-prg1.zerops.io/api/rest/public/settings/';
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface UpdateOptions {
  out: string;
  base?: string;
  timeoutMs?: number;
  /** ISO time to record; now unless a test fixes it. */
  now?: () => Date;
}

export interface UpdateResult {
  dir: string;
  /** `unchanged`: the server answered 304 (or sent the same bytes) for both; nothing was written. */
  status: 'updated' | 'unchanged';
  /** What the folder held before: `folder` or the built-in catalogue. */
  comparedWith: 'folder' | 'built-in';
  /** Lines for people: `types added: mysql:ha@8.0`, `zerops.yml keys removed: run.foo`. */
  changes: string[];
}

type Which = keyof typeof SCHEMA_FILES;

/** The base URL, checked: http or https, ending in a slash so file names join onto it. */
export function baseUrl(base: string): URL {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new CatalogueError(`--url takes an http(s) address, not "${base}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CatalogueError(`--url takes an http(s) address, not "${base}"`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

async function download(url: URL, etag: string | undefined, timeoutMs: number): Promise<{ text?: string; etag?: string }> {
  let res: Response;
  try {
    res = await fetch(url, { headers: etag ? { 'if-none-match': etag } : {}, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : err.cause?.code ?? err.cause?.message ?? err.message;
    throw new CatalogueError(`cannot download ${url.href}: ${why}`);
  }
  if (res.status === 304 && etag) return {};
  if (res.status !== 200) {
    await res.body?.cancel();
    throw new CatalogueError(`cannot download ${url.href}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new CatalogueError(`cannot download ${url.href}: ${(e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (e as Error).message}`);
  }
  return { text, etag: res.headers.get('etag') ?? undefined };
}

function listChange(what: string, before: readonly string[], after: readonly string[]): string[] {
  const b = new Set(before);
  const a = new Set(after);
  const added = after.filter((x) => !b.has(x));
  const removed = before.filter((x) => !a.has(x));
  return [
    ...(added.length ? [`${what} added: ${added.join(', ')}`] : []),
    ...(removed.length ? [`${what} removed: ${removed.join(', ')}`] : []),
  ];
}

const keyPaths = (levels: Record<string, Record<string, unknown>>) =>
  Object.entries(levels).flatMap(([level, keys]) => Object.keys(keys).map((k) => `${level}.${k}`));

/** What differs between two catalogues: types (with their versions), bases, keys; empty when nothing. */
export function describeChanges(before: CatalogueTables, after: CatalogueTables): string[] {
  return [
    ...listChange('types', before.compositeTypes, after.compositeTypes),
    ...listChange('zerops.yml build bases', before.zyCompositeBases.build, after.zyCompositeBases.build),
    ...listChange('zerops.yml run bases', before.zyCompositeBases.run, after.zyCompositeBases.run),
    ...listChange('import keys', keyPaths(before.schemaKeys), keyPaths(after.schemaKeys)),
    ...listChange('zerops.yml keys', keyPaths(before.zyLevels), keyPaths(after.zyLevels)),
  ];
}

/** Downloads, checks and writes the two schemas; throws a CatalogueError, leaving the folder as it was. */
export async function updateCatalogue(opts: UpdateOptions): Promise<UpdateResult> {
  const dir = resolve(opts.out);
  const base = baseUrl(opts.base ?? DEFAULT_BASE);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // What the folder holds now, if it is a usable catalogue: the ETags to ask with and the tables to compare.
  let previous: ReturnType<typeof readCatalogueFolder> | undefined;
  try {
    previous = readCatalogueFolder(dir);
  } catch {
    previous = undefined;
  }
  const fetched = {} as Record<Which, { text?: string; etag?: string }>;
  const names = Object.keys(SCHEMA_FILES) as Which[];
  // Both at once; a failure is reported in a fixed order (the import schema first), whichever came first.
  const settled = await Promise.allSettled(names.map((which) => download(new URL(SCHEMA_FILES[which], base), previous?.meta?.etags[which], timeoutMs)));
  names.forEach((which, i) => {
    const r = settled[i];
    if (r.status === 'rejected') throw r.reason;
    fetched[which] = r.value;
  });
  const texts = {} as Record<Which, string>;
  const schemas = {} as Record<Which, unknown>;
  for (const which of names) {
    texts[which] = fetched[which].text ?? previous!.texts[which];
    schemas[which] = parseSchema(which, texts[which], new URL(SCHEMA_FILES[which], base).href);
  }
  const tables = catalogueTables(schemas.import, schemas.zeropsYml, LEGACY_TABLES);
  const comparedWith = previous ? 'folder' : 'built-in';
  const changes = describeChanges(previous?.tables ?? builtInTables(), tables);
  if (previous && names.every((w) => texts[w] === previous!.texts[w])) {
    return { dir, status: 'unchanged', comparedWith, changes: [] };
  }
  const meta: CatalogueMeta = {
    taken: (opts.now?.() ?? new Date()).toISOString(),
    base: base.href,
    etags: Object.fromEntries(names.map((w) => [w, fetched[w].etag ?? previous?.meta?.etags[w]]).filter(([, e]) => e)),
  };
  writeAtomically(dir, { ...Object.fromEntries(names.map((w) => [SCHEMA_FILES[w], texts[w]])), [META_FILE]: `${JSON.stringify(meta, null, 2)}\n` });
  return { dir, status: 'updated', comparedWith, changes };
}

/** Each file through a temporary one beside it and a rename; the temporaries go if anything fails. */
function writeAtomically(dir: string, files: Record<string, string>): void {
  const temps: [string, string][] = [];
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      temps.push([temp, join(dir, name)]);
      writeFileSync(temp, text);
    }
    for (const [temp, final] of temps) renameSync(temp, final);
  } catch (e) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw new CatalogueError(`cannot write the catalogue into ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
