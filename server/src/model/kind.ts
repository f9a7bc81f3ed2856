import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { readDirective } from './directive';
import { pairOf } from './scalars';
import type { DocumentKind } from './types';

// File names Zerops import files go by in the wild (zerops-facts.md §1): import.yaml, zerops-import.yml,
// zerops-project-import.yml, zerops-project-production-import.yml, *.import.yml, …
const IMPORT_NAME = /^(?:import|zerops-import|zerops-.+-import|.+\.import)\.ya?ml$/i;
const ZEROPS_YML_NAME = /^zerops\.ya?ml$/i;

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
  if (ZEROPS_YML_NAME.test(base)) return 'zerops-yml';
  if (IMPORT_NAME.test(base)) return 'import';
  return undefined;
}

function looksLikeImport(contents: Node | null): boolean {
  if (!isMap(contents)) return false;
  const services = pairOf(contents, 'services');
  if (!services || !isSeq(services.value) || services.value.items.length === 0) return false;
  return services.value.items.every((item) => isMap(item) && !!pairOf(item, 'hostname') && !!pairOf(item, 'type'));
}

function looksLikeZeropsYml(contents: Node | null): boolean {
  if (!isMap(contents)) return false;
  const z = pairOf(contents, 'zerops');
  return !!z && isSeq(z.value) && z.value.items.every((i) => isMap(i) && isScalar(pairOf(i, 'setup')?.value));
}

/**
 * Which kind of file this is: by name first, then by unmistakable content. Anything else (workflows,
 * compose files, Kubernetes manifests) is 'other' and gets no diagnostics at all.
 */
export function classify(fileName: string, text: string, contents: Node | null | undefined): DocumentKind {
  const byName = kindByName(fileName);
  if (byName) return byName;
  if (readDirective(text)) return 'import';
  if (contents === undefined) return 'other';
  if (looksLikeImport(contents)) return 'import';
  if (looksLikeZeropsYml(contents)) return 'zerops-yml';
  return 'other';
}
