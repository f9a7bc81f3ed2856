import { portsOfBase } from './ports';
import { KEYDB, VALKEY } from './valkey';

// How Valkey and KeyDB behave once running: what hovers explain and snippets act on (the keep-alive).
// Facts: shared/zerops-facts.md §3, §6.2 and §7.

export const VALKEY_BEHAVIOUR = {
  /** HA: one primary, the rest replicas. */
  replicas: VALKEY.nodes.ha - 1,
  /** Replicas receive writes after the primary acknowledged them, so a failover can drop the newest. */
  replication: 'asynchronous',
  /** Seconds writes pause while a replica is promoted (current docs). */
  failoverWritePause: { min: 10, max: 15 },
  /** Zerops closes client connections idle for this many seconds; clients PING more often. */
  idleTimeoutSeconds: 300,
  /** `maxmemory` as a share of the service's RAM. */
  maxmemoryPercent: 80,
  defaultMaxmemoryPolicy: 'allkeys-lru',
  defaultProfile: 'staging',
  /** TLS certificates on the TLS ports come from the Zerops internal CA. */
  tlsIssuer: 'the Zerops internal CA',
} as const;

/** What choosing HA costs, for every hover that offers it: asynchronous replication and the failover pause. */
export const VALKEY_HA_TRADEOFF = `Replication is ${VALKEY_BEHAVIOUR.replication}: writes the primary acknowledged just before a failover can be lost, and writes pause for ${VALKEY_BEHAVIOUR.failoverWritePause.min}–${VALKEY_BEHAVIOUR.failoverWritePause.max} s while a replica takes over.`;

export const KEYDB_BEHAVIOUR = {
  /** The one port (plain text; KeyDB has no TLS port), from the port table. */
  port: portsOfBase(KEYDB.type)!.ports[0].port,
  /** KeyDB HA runs two containers on separate machines. */
  nodes: { single: 1, ha: 2 },
} as const;
