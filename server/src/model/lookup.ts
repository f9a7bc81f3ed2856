import type { ServiceModel, Span, ZeropsModel } from './types';

/** The hostname a service declares, when it is a non-empty string. */
export function hostnameOf(s: ServiceModel | undefined): string | undefined {
  const h = s?.hostname?.value;
  return typeof h === 'string' && h !== '' ? h : undefined;
}

/**
 * The service a hostname names: the file's own services first, then `external`, the services other files of
 * the workspace define (how a zerops.yml reaches the Valkey of the import file beside it).
 */
export function serviceByHostname(model: ZeropsModel, host: string | undefined, external: readonly ServiceModel[] = []): ServiceModel | undefined {
  if (!host) return undefined;
  return model.byHostname.get(host)?.[0] ?? external.find((s) => hostnameOf(s) === host);
}

/**
 * What other services' and other files' findings may read of a service: its hostname, type and mode (the
 * service signature; undefined for a service no one can name).
 */
export function signatureOf(svc: ServiceModel | undefined): string | undefined {
  if (typeof svc?.hostname?.value !== 'string') return undefined;
  return JSON.stringify([svc.hostname.value, svc.type?.raw, svc.mode?.value?.value]);
}

/**
 * Every service of the file (from `byHostname`, which a model cut down to the services to check keeps
 * whole), then those of `external`.
 */
export function* everyService(model: ZeropsModel, external: readonly ServiceModel[] = []): Iterable<ServiceModel> {
  for (const list of model.byHostname.values()) yield* list;
  yield* external;
}

/** Whether `s` is one of the file's own services (and not one of another file's). */
export function isOwnService(model: ZeropsModel, s: ServiceModel): boolean {
  const host = hostnameOf(s);
  return !!host && !!model.byHostname.get(host)?.includes(s);
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

/** The entry of a list in file order (services, setups) whose span holds `offset`: a binary search. */
export function entryAt<T extends { span: Span }>(list: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid].span;
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return list[mid];
  }
  return undefined;
}
