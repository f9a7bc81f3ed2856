import type { Rule } from '../rule';
import { valkeyNoAuth, valkeyReplicaOnly, valkeyReplicaPort, valkeySchemePort, valkeyTlsInternal } from './connections';
import { valkeyModeConflict, valkeyModeMissing, valkeyModeRedundant, valkeyModeValue } from './mode';
import { valkeyProfile } from './profile';
import { keydbDeprecated, valkeyVersion } from './version';

// The Valkey family, by concern: version, mode, connections, profile. The order is the order findings are listed.

export const VALKEY_RULES: readonly Rule[] = [
  valkeyVersion, valkeyModeValue, valkeyModeMissing, valkeyModeConflict, valkeyModeRedundant,
  valkeyReplicaPort, valkeyTlsInternal, valkeySchemePort, valkeyReplicaOnly, valkeyNoAuth,
  keydbDeprecated, valkeyProfile,
];
