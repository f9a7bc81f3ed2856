import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { readDirective } from './directive';
import { pairOf } from './scalars';
import type { DocumentKind } from './types';

// The file kinds Zerops has, as data: what each is called, how it is recognised by name and by content,
// and the list its entries (services, setups) sit in. The parser, the incremental parser, the CLI, the
// snippets and the editor features read this table instead of branching on a kind's name; a new kind is
// a new row here, its reader in the parser, and its features registered in the service layer.

/** A kind of Zerops file (everything else is 'other' and gets nothing). */
export type ZeropsKind = Exclude<DocumentKind, 'other'>;

export interface FileKind {
  id: ZeropsKind;
  /** How one file of the kind is called in messages: `import file`, `zerops.yml`. */
  label: string;
  /** How files of the kind are called together (docs, severity labels): `import files`, `zerops.yml`. */
  plural: string;
  /** File names that make a file this kind, whatever it holds. */
  names: RegExp;
  /** The root key whose list is cut into pieces, one per entry (services, setups). */
  listKey: string;
  /** What one entry of that list is, for snippets and outlines. */
  entry: 'service' | 'setup';
  /** The `#yamlPreprocessor=on` directive on line 1 makes a file of this kind. */
  directive?: boolean;
  /** True when the parsed root is unmistakably this kind. */
  sniff(contents: Node | null): boolean;
  /** Its checks compare it with the import files around it (the CLI reads those even when not asked to check them). */
  checkedAgainstImports?: boolean;
  /** It defines the services other files are checked against. */
  definesServices?: boolean;
  /** Its entries name one another (`extends`): an edit re-checks every entry linked to the one it changed. */
  linkedEntries?: boolean;
  /** The names zcli reads a file of the kind by at the root of a repository, in the order it tries them. */
  repositoryNames?: readonly string[];
  /** The name a file of the kind is given when it has none (a text checked on its own). */
  defaultName: string;
  /** The paths (as locate() writes them, `-` for an item) of the env maps written in the file. */
  envMapPaths: readonly string[];
}

// File names Zerops import files go by in the wild (zerops-facts.md §1): import.yaml, zerops-import.yml,
// zerops-project-import.yml, zerops-project-production-import.yml, *.import.yml, …
const IMPORT_KIND: FileKind = {
  id: 'import',
  label: 'import file',
  plural: 'import files',
  names: /^(?:import|zerops-import|zerops-.+-import|.+\.import)\.ya?ml$/i,
  listKey: 'services',
  entry: 'service',
  directive: true,
  definesServices: true,
  defaultName: 'zerops-project-import.yml',
  sniff(contents) {
    if (!isMap(contents)) return false;
    const services = pairOf(contents, 'services');
    if (!services || !isSeq(services.value) || services.value.items.length === 0) return false;
    return services.value.items.every((item) => isMap(item) && !!pairOf(item, 'hostname') && !!pairOf(item, 'type'));
  },
  envMapPaths: ['project/envVariables', 'services/-/envSecrets', 'services/-/envVariables'],
};

const ZEROPS_YML_KIND: FileKind = {
  id: 'zerops-yml',
  label: 'zerops.yml',
  plural: 'zerops.yml',
  names: /^zerops\.ya?ml$/i,
  listKey: 'zerops',
  entry: 'setup',
  checkedAgainstImports: true,
  linkedEntries: true,
  repositoryNames: ['zerops.yaml', 'zerops.yml'],
  defaultName: 'zerops.yml',
  sniff(contents) {
    if (!isMap(contents)) return false;
    const z = pairOf(contents, 'zerops');
    return !!z && isSeq(z.value) && z.value.items.every((i) => isMap(i) && isScalar(pairOf(i, 'setup')?.value));
  },
  envMapPaths: ['zerops/-/run/envVariables'],
};

/** Every kind, in the order content sniffing tries them. */
export const FILE_KINDS: readonly FileKind[] = [IMPORT_KIND, ZEROPS_YML_KIND];

/** The names are tried most specific first: `zerops.yml` before the import patterns. */
const BY_NAME: readonly FileKind[] = [ZEROPS_YML_KIND, IMPORT_KIND];

export function fileKind(kind: DocumentKind): FileKind | undefined {
  return FILE_KINDS.find((k) => k.id === kind);
}

/** True for the id of a Zerops file kind (`import`, `zerops-yml`). */
export function isZeropsKind(id: string): id is ZeropsKind {
  return FILE_KINDS.some((k) => k.id === id);
}

/** The kind whose entries sit in the root list `listKey`. */
export function kindOfListKey(listKey: string): FileKind | undefined {
  return FILE_KINDS.find((k) => k.listKey === listKey);
}

export function baseName(fileName: string): string {
  let name = fileName;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(name) && !/^[a-z]:[\\/]/i.test(name)) name = decodeURIComponent(new URL(name).pathname);
  } catch {
    // Not a URI after all; use it as a path.
  }
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

export function kindByName(fileName: string): DocumentKind | undefined {
  const base = baseName(fileName);
  return BY_NAME.find((k) => k.names.test(base))?.id;
}

/**
 * Which kind of file this is: by name first, then by unmistakable content. Anything else (workflows,
 * compose files, Kubernetes manifests) is 'other' and gets no diagnostics at all.
 */
export function classify(fileName: string, text: string, contents: Node | null | undefined): DocumentKind {
  const byName = kindByName(fileName);
  if (byName) return byName;
  const directive = FILE_KINDS.find((k) => k.directive);
  if (directive && readDirective(text)) return directive.id;
  if (contents === undefined) return 'other';
  return FILE_KINDS.find((k) => k.sniff(contents))?.id ?? 'other';
}
