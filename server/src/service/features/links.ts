import { docsTitle, keyDocsPage } from '../../catalog/docs-pages';
import { childLevel, isSchemaKind, keyInfo } from '../../catalog/schema';
import { levelMaps, type LevelMap } from '../../model/levels';
import { asSeqItems, scalarValue } from '../../model/scalars';
import type { ZeropsModel } from '../../model/types';
import type { FileAccess } from '../../rules/rule';
import type { LinkEntry } from './feature';

// Document links, in offsets: each key the schema knows to its page of Zerops' documentation, in every
// kind; and what a kind adds (registered in kinds.ts): an import service's `buildFromGit` repository, a
// zerops.yml path that names a file that exists beside it (`siteConfigPath`, `envReplace.target`,
// `deployFiles`, `cache`), read through the bounded, read-only file access the checks use. Nothing is
// fetched: a link is only a target for the editor to open.

/** The maps of the file by schema level (model/levels.ts), each key with what the schema knows of it. */
function schemaLevels(model: ZeropsModel): LevelMap[] {
  const kind = model.kind;
  if (!isSchemaKind(kind)) return [];
  return levelMaps(model, { info: (level, key) => keyInfo(kind, level, key), child: (info) => childLevel(kind, info.level, info.key) });
}

/** Each key the schema knows, to the page of Zerops' documentation that describes it. */
export function keyDocLinks(model: ZeropsModel): LinkEntry[] {
  const kind = model.kind;
  if (!isSchemaKind(kind)) return [];
  const out: LinkEntry[] = [];
  for (const m of schemaLevels(model)) {
    for (const p of m.pairs) {
      const page = p.info === undefined ? undefined : keyDocsPage(kind, m.level, p.key);
      if (page) out.push({ span: p.keySpan, target: page, tooltip: `\`${p.key}\` in ${docsTitle(kind)}` });
    }
  }
  return out;
}

/** `https://…` as written; `git@host:owner/repo(.git)` as the https page of the repository. */
export function repositoryUrl(raw: string): string | undefined {
  const s = raw.trim();
  if (/^https?:\/\/[^\s/]+\/\S+$/i.test(s)) return s;
  const ssh = /^(?:ssh:\/\/)?git@([^\s:/]+)[:/]([^\s]+?)(?:\.git)?$/i.exec(s);
  return ssh ? `https://${ssh[1]}/${ssh[2]}` : undefined;
}

/** An import file's own links: the repository each service builds from (registered for the kind in kinds.ts). */
export function importLinks(model: ZeropsModel): LinkEntry[] {
  const out: LinkEntry[] = [];
  for (const m of schemaLevels(model)) {
    if (m.level !== 'service') continue;
    for (const p of m.pairs) {
      if (p.key !== 'buildFromGit') continue;
      const v = scalarValue(model.text, p.pair.value);
      const url = typeof v?.value === 'string' && v.verbatim ? repositoryUrl(v.value) : undefined;
      if (url) out.push({ span: v!.span, target: url, tooltip: 'The repository Zerops builds this service from' });
    }
  }
  return out;
}

/** Keys whose values name files or folders beside the zerops.yml, by schema level. */
const PATH_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  build: new Set(['deployFiles', 'cache', 'addToRunPrepare']),
  run: new Set(['siteConfigPath']),
  'run.envReplace': new Set(['target']),
};

/** A zerops.yml's own links: the paths that name a file beside it (registered for the kind in kinds.ts). */
export function zeropsYmlLinks(model: ZeropsModel, uri: string | undefined, files: FileAccess | undefined): LinkEntry[] {
  const out: LinkEntry[] = [];
  if (!uri || !files) return out;
  for (const m of schemaLevels(model)) {
    for (const p of m.pairs) {
      if (!PATH_KEYS[m.level]?.has(p.key)) continue;
      for (const node of [p.pair.value, ...asSeqItems(p.pair.value)]) {
        const v = scalarValue(model.text, node);
        const path = typeof v?.value === 'string' && v.verbatim ? v.value.trim() : '';
        // Plain relative paths only: no globs, wildcards (`~`), absolute paths or parents.
        if (!path || /[*?~{}[\]\\]|^\/|(^|\/)\.\.(\/|$)/.test(path)) continue;
        const found = files.read(path);
        if (found === undefined || found === 'missing') continue;
        out.push({ span: v!.span, target: new URL(path, uri).href, tooltip: `Open ${path}` });
      }
    }
  }
  return out;
}
