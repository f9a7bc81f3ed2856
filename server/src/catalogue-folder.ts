import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogueTables, importSchemaProblem, zeropsYmlSchemaProblem, type CatalogueTables } from './catalog/schema-tables';
import { LEGACY_TABLES, useCatalogue, type CatalogueInfo } from './catalog/tables';

// A catalogue folder: Zerops' two published schemas as `zerops-lint catalog update` writes them (or as
// a user saved them), read at start when a front end is pointed at it (`--schemas DIR`, `schemas` in
// .zeropslintrc.json, the `zerops.schemas` setting). Read only, bounded, and checked: anything wrong is
// a CatalogueError naming the folder or the file, and the catalogue in use stays as it was.

/** The file names Zerops publishes the schemas under (shared/zerops-facts.md §8, §12). */
export const SCHEMA_FILES = {
  import: 'import-project-yml-json-schema.json',
  zeropsYml: 'zerops-yml-json-schema.json',
} as const;

/** What `catalog update` records beside the schemas: when, from where, and the ETags for the next update. */
export const META_FILE = 'zerops-catalogue.json';

export interface CatalogueMeta {
  /** ISO time the schemas were downloaded. */
  taken: string;
  base: string;
  etags: Partial<Record<keyof typeof SCHEMA_FILES, string>>;
}

/** Zerops' schemas are about 100 KB each; anything far larger is not one. */
const MAX_BYTES = 8 * 1024 * 1024;

export class CatalogueError extends Error {}

export interface CatalogueFolder {
  dir: string;
  tables: CatalogueTables;
  info: CatalogueInfo;
  meta?: CatalogueMeta;
  /** The two schema texts as read. */
  texts: Record<keyof typeof SCHEMA_FILES, string>;
}

const reason = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? (e as Error)?.message ?? String(e);

/** Parses and checks one schema text; `where` names it in the error. */
export function parseSchema(which: keyof typeof SCHEMA_FILES, text: string, where: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new CatalogueError(`${where} is not valid JSON (${(e as Error).message})`);
  }
  const problem = which === 'import' ? importSchemaProblem(json) : zeropsYmlSchemaProblem(json);
  if (problem) throw new CatalogueError(`${where} is not Zerops' ${which === 'import' ? 'import' : 'zerops.yml'} schema: ${problem}`);
  return json;
}

function readMeta(dir: string): CatalogueMeta | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, META_FILE), 'utf8')) as CatalogueMeta;
    return typeof m?.taken === 'string' && /^\d{4}-\d{2}-\d{2}/.test(m.taken) ? { taken: m.taken, base: String(m.base ?? ''), etags: m.etags ?? {} } : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks a catalogue folder; throws a CatalogueError that names what is wrong. */
export function readCatalogueFolder(folder: string): CatalogueFolder {
  const dir = resolve(folder);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    throw new CatalogueError(`the catalogue folder ${dir} cannot be read (${reason(e)})`);
  }
  if (!isDir) throw new CatalogueError(`the catalogue folder ${dir} is not a folder`);
  const texts = {} as Record<keyof typeof SCHEMA_FILES, string>;
  const schemas = {} as Record<keyof typeof SCHEMA_FILES, unknown>;
  let newest = 0;
  for (const which of Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]) {
    const path = join(dir, SCHEMA_FILES[which]);
    try {
      const st = statSync(path);
      if (st.size > MAX_BYTES) throw new CatalogueError(`${path} is ${st.size} bytes, too large for a schema`);
      newest = Math.max(newest, st.mtimeMs);
      texts[which] = readFileSync(path, 'utf8');
    } catch (e) {
      if (e instanceof CatalogueError) throw e;
      throw new CatalogueError(`${path} cannot be read (${reason(e)}); a catalogue folder holds ${SCHEMA_FILES.import} and ${SCHEMA_FILES.zeropsYml} (zerops-lint catalog update --out ${folder} writes them)`);
    }
    schemas[which] = parseSchema(which, texts[which], path);
  }
  const meta = readMeta(dir);
  const date = (meta?.taken ?? new Date(newest).toISOString()).slice(0, 10);
  return {
    dir,
    tables: catalogueTables(schemas.import, schemas.zeropsYml, LEGACY_TABLES),
    info: { source: 'folder', dir, date },
    meta,
    texts,
  };
}

/** Reads a catalogue folder and puts it in use; on a CatalogueError the catalogue in use stays. */
export function useCatalogueFolder(folder: string): CatalogueInfo {
  const read = readCatalogueFolder(folder);
  useCatalogue(read.tables, read.info);
  return read.info;
}
