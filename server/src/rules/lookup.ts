import type { ServiceModel } from '../model/types';
import type { RuleContext } from './rule';

/**
 * The service a hostname names, as the checks see it: the file's own services first, then those the
 * workspace's other files define (how a zerops.yml reaches the Valkey of the import file beside it).
 */
export function serviceNamed(ctx: RuleContext, hostname: string | undefined): ServiceModel | undefined {
  if (!hostname) return undefined;
  const own = ctx.model.byHostname.get(hostname)?.[0];
  if (own || !ctx.external?.length) return own;
  const external = ctx.memo('external-by-hostname', () => {
    const map = new Map<string, ServiceModel>();
    for (const s of ctx.external ?? []) {
      const h = s.hostname?.value;
      if (typeof h === 'string' && !map.has(h)) map.set(h, s);
    }
    return map;
  });
  return external.get(hostname);
}
