import type { Node, Pair, YAMLMap } from 'yaml';
import type { ImportKeyLevel } from '../catalog/keys';
import { asMap, nodeSpan, pairOf } from '../model/scalars';
import type { ServiceModel, Span, ZeropsModel } from '../model/types';

// Where the maps of an import file are, level by level, so schema-like rules walk them in one way.

export function rootMap(model: ZeropsModel): YAMLMap | undefined {
  return asMap(model.documents[0]?.contents);
}

export function projectMap(model: ZeropsModel): YAMLMap | undefined {
  const root = rootMap(model);
  return root && asMap(pairOf(root, 'project')?.value);
}

export interface LevelMap {
  level: ImportKeyLevel;
  map: YAMLMap;
  service?: ServiceModel;
}

/** Root, project, every service and every service's verticalAutoscaling, in file order. */
export function levelMaps(model: ZeropsModel): LevelMap[] {
  const root = rootMap(model);
  if (!root) return [];
  const out: LevelMap[] = [{ level: 'root', map: root }];
  const project = projectMap(model);
  if (project) out.push({ level: 'project', map: project });
  for (const service of model.services) {
    out.push({ level: 'service', map: service.node, service });
    const va = asMap(pairOf(service.node, 'verticalAutoscaling')?.value);
    if (va) out.push({ level: 'verticalAutoscaling', map: va, service });
  }
  return out;
}

/** The span to report a whole map at: its first key, or the map itself. */
export function headSpan(map: YAMLMap): Span {
  const first = map.items[0] as Pair | undefined;
  return nodeSpan(first?.key as Node) ?? nodeSpan(map) ?? { start: 0, end: 0 };
}

export function hostLabel(s: ServiceModel): string {
  return typeof s.hostname?.value === 'string' ? `"${s.hostname.value}"` : `service #${s.index + 1}`;
}
