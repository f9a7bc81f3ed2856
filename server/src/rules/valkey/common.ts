import { isValkey } from '../../catalog/services';
import { type ValkeyMode } from '../../catalog/valkey';
import type { ServiceModel, ServiceType } from '../../model/types';
import type { RuleContext } from '../rule';
import type { EnvGroup } from '../../analysis/connections';

// What the Valkey rules share: the kinds they read, the file's Valkey services, and message wording.

/** Connection rules read env values, which zerops.yml holds too (against the workspace's services). */
export const CONNECTIONS = ['import', 'zerops-yml'] as const;

/** The file's Valkey services, found once for the rules that check each. */
export function valkeyServices(ctx: RuleContext): (ServiceModel & { type: ServiceType })[] {
  return ctx.memo('valkey-services', (model) => model.services.filter((s): s is ServiceModel & { type: ServiceType } => !!s.type && isValkey(s.type)));
}

export const modeLabel = (m: ValkeyMode): string => (m === 'ha' ? 'three nodes' : 'one node');

export function whose(group: EnvGroup): string {
  if (group.setup) return `the ${group.maps[0]?.kind.startsWith('build') ? 'build' : 'run'} environment of this setup`;
  return group.service ? 'this service' : 'the project';
}

export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function name(s: ServiceModel): string {
  return typeof s.hostname?.value === 'string' ? `"${s.hostname.value}"` : 'this Valkey service';
}
