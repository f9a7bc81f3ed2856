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
