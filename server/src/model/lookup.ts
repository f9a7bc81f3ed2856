import type { ServiceModel, ZeropsModel } from './types';

/** The hostname a service declares, when it is a non-empty string. */
export function hostnameOf(s: ServiceModel | undefined): string | undefined {
  const h = s?.hostname?.value;
  return typeof h === 'string' && h !== '' ? h : undefined;
}

/**
 * The service a hostname names: the file's own services first, then `extra`, the services other files of
 * the workspace define (how a zerops.yml reaches the Valkey of the import file beside it).
 */
export function serviceByHostname(model: ZeropsModel, host: string | undefined, extra: readonly ServiceModel[] = []): ServiceModel | undefined {
  if (!host) return undefined;
  return model.byHostname.get(host)?.[0] ?? extra.find((s) => hostnameOf(s) === host);
}

/**
 * The import-file model each service of the workspace was read from, so a zerops.yml check can see the
 * project variables beside a service. Filled by the workspace index as it takes in files.
 */
const OWNERS = new WeakMap<ServiceModel, ZeropsModel>();

export function registerServiceOwners(model: ZeropsModel): void {
  for (const s of model.services) OWNERS.set(s, model);
}

/** The model a service was read from, when the workspace index registered it. */
export function ownerOf(s: ServiceModel): ZeropsModel | undefined {
  return OWNERS.get(s);
}
