import { IMPORT_DOCS, zeropsYmlDocsPage } from '../../catalog/docs-pages';
import type { ImportKeyLevel } from '../../catalog/keys';
import { keyInfo } from '../../catalog/schema';
import { asSeqItems, entriesOf, scalarValue } from '../../model/scalars';
import type { ZeropsModel } from '../../model/types';
import type { FileAccess } from '../../rules/rule';
import type { LinkEntry } from './feature';

// Document links, in offsets: an import service's `buildFromGit` repository; a zerops.yml path that names
// a file that exists beside it (`siteConfigPath`, `envReplace.target`, `deployFiles`, `cache`), read
// through the bounded, read-only file access the checks use; and each key to its page of Zerops'
// documentation. Nothing is fetched: a link is only a target for the editor to open.

/** `https://…` as written; `git@host:owner/repo(.git)` as the https page of the repository. */
export function repositoryUrl(raw: string): string | undefined {
  const s = raw.trim();
  if (/^https?:\/\/[^\s/]+\/\S+$/i.test(s)) return s;
  const ssh = /^(?:ssh:\/\/)?git@([^\s:/]+)[:/]([^\s]+?)(?:\.git)?$/i.exec(s);
  return ssh ? `https://${ssh[1]}/${ssh[2]}` : undefined;
}

/** An import file's links (registered for the kind in kinds.ts). */
export function importLinks(model: ZeropsModel): LinkEntry[] {
  const out: LinkEntry[] = [];
  const keyLinks = (node: unknown, level: ImportKeyLevel) => {
    for (const e of entriesOf(node)) {
      if (keyInfo('import', level, e.key)) out.push({ span: e.keySpan, target: IMPORT_DOCS, tooltip: `\`${e.key}\` in Zerops' import reference` });
    }
  };
  const root = model.documents[0]?.contents;
  keyLinks(root, 'root');
  for (const e of entriesOf(root)) if (e.key === 'project') keyLinks(e.value, 'project');
  for (const s of model.services) {
    keyLinks(s.node, 'service');
    for (const e of entriesOf(s.node)) {
      if (e.key === 'verticalAutoscaling') keyLinks(e.value, 'verticalAutoscaling');
      if (e.key !== 'buildFromGit') continue;
      const v = scalarValue(model.text, e.value);
      const url = typeof v?.value === 'string' && v.verbatim ? repositoryUrl(v.value) : undefined;
      if (url) out.push({ span: v!.span, target: url, tooltip: 'The repository Zerops builds this service from' });
    }
  }
  return out;
}

/** Keys whose values name files or folders beside the zerops.yml. */
const PATH_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  build: new Set(['deployFiles', 'cache', 'addToRunPrepare']),
  run: new Set(['siteConfigPath']),
  'run.envReplace': new Set(['target']),
};

/** A zerops.yml's links (registered for the kind in kinds.ts). */
export function zeropsYmlLinks(model: ZeropsModel, uri: string | undefined, files: FileAccess | undefined): LinkEntry[] {
  const out: LinkEntry[] = [];
  const pathLink = (value: unknown) => {
    for (const node of [value, ...asSeqItems(value)]) {
      const v = scalarValue(model.text, node);
      const path = typeof v?.value === 'string' && v.verbatim ? v.value.trim() : '';
      // Plain relative paths only: no globs, wildcards (`~`), absolute paths or parents.
      if (!path || !uri || !files || /[*?~{}[\]\\]|^\/|(^|\/)\.\.(\/|$)/.test(path)) continue;
      const found = files.read(path);
      if (found === undefined || found === 'missing') continue;
      out.push({ span: v!.span, target: new URL(path, uri).href, tooltip: `Open ${path}` });
    }
  };
  const walk = (node: unknown, level: string) => {
    for (const e of entriesOf(node)) {
      const page = zeropsYmlDocsPage(level, e.key);
      if (page) out.push({ span: e.keySpan, target: page, tooltip: `\`${e.key}\` in Zerops' zerops.yml specification` });
      if (PATH_KEYS[level]?.has(e.key)) pathLink(e.value);
      if (level === 'setup' && (e.key === 'build' || e.key === 'deploy' || e.key === 'run')) walk(e.value, e.key);
      if (level === 'run' && e.key === 'envReplace') walk(e.value, 'run.envReplace');
    }
  };
  for (const s of model.setups) walk(s.node, 'setup');
  return out;
}
