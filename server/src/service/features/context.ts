import { categoryOfType, type TypeCategory } from '../../catalog/types';
import { VALKEY, VALKEY_ENDPOINTS, type ServiceVariable, type ValkeyEndpoint, type ValkeyMode } from '../../catalog/valkey';
import type { ServiceModel } from '../../model/types';

// What hover and completion both ask of a service: its category, what a Valkey service exposes.

export function categoryOf(s: ServiceModel | undefined): TypeCategory | undefined {
  return categoryOfType(s?.type);
}

/** The endpoints a Valkey service in this mode listens on. */
export function endpointsIn(mode: ValkeyMode): ValkeyEndpoint[] {
  return VALKEY_ENDPOINTS.filter((e) => e.modes.includes(mode));
}

/** The variables a Valkey service in this mode exposes: the replica ones only on HA. */
export function valkeyVariablesIn(mode: ValkeyMode): ServiceVariable[] {
  return VALKEY.variables.filter((v) => !v.endpoint || v.endpoint.modes.includes(mode));
}

const CATEGORY_LABELS: Record<TypeCategory, string> = {
  runtime: 'runtimes',
  static: 'static sites',
  managed: 'managed services (databases, caches, search, queues)',
  'object-storage': 'object storage',
  'shared-storage': 'shared storage',
};

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as TypeCategory[];

export function categoryLabel(c: TypeCategory): string {
  return CATEGORY_LABELS[c];
}
