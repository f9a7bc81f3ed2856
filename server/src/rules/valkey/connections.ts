import { endpointFor, endpointWith, schemeOf } from '../../catalog/valkey';
import { isOwnService, ownerOf } from '../../model/lookup';
import type { EnvEntry, ServiceModel, SetupModel } from '../../model/types';
import { servicesRunning } from '../zerops-yml/cross';
import { insertLineAfter, insertPairAfter, replace } from '../edits';
import { defineRule, type Fix, type RuleContext } from '../rule';
import type { EnvGroup, ValkeyUse } from '../../analysis/connections';
import { describeUse, retarget, valkeyConnections } from './use-edits';
import { CONNECTIONS, cap, name, whose } from './common';

// How env values connect to a Valkey (through analysis/connections.ts): replica ports on a single node,
// TLS inside the project, scheme and port disagreeing, writes to a read-only port, a missing password.

interface GroupInContext { group: EnvGroup; seen: ValkeyUse[]; passwords: ReadonlySet<ServiceModel> }

/**
 * Each group that uses a Valkey with what the same container sees besides it: the uses and passwords of
 * the group plus the project's, which every service inherits. Worked out once for the rules that need it.
 */
function groupsInContext(ctx: RuleContext): GroupInContext[] {
  return ctx.memo('valkey-groups-in-context', () => {
    const { groups, project } = valkeyConnections(ctx);
    const out: GroupInContext[] = [];
    for (const group of groups) {
      if (!group.uses.length) continue;
      const inherited = group.service && project ? project : undefined;
      const seen = inherited ? [...group.uses, ...inherited.uses] : group.uses;
      const passwords = inherited ? new Set([...group.passwords, ...inherited.passwords]) : group.passwords;
      out.push({ group, seen, passwords });
    }
    return out;
  });
}

export const valkeyReplicaPort = defineRule({
  id: 'valkey-replica-port',
  severity: 'error',
  summary: 'A read-replica endpoint (7000/7001, `${x_portReplicas}`, `${x_connectionStringReplicas}` …) of a single-node Valkey: only HA has replicas.',
  fix: 'The primary equivalent (7000→6379, 7001→6380, `…Replicas` → without).',
  kinds: CONNECTIONS,
  perService(ctx, report) {
    for (const use of valkeyConnections(ctx).uses) {
      if (use.mode !== 'single' || !use.endpoint?.readOnly) continue;
      const primary = endpointWith(use.endpoint, { readOnly: false });
      // A variable is replaced by a variable: name the one to write, not its port.
      const ref = use.ref;
      const instead = ref
        ? `${ctx.model.text.slice(ref.span.start, ref.variableSpan.start)}${use.kind === 'url-variable' ? primary.urlVar : primary.portVar}}`
        : `port ${primary.port}`;
      const fixes: Fix[] = [{ title: `Use the primary endpoint (${ref ? instead : primary.port})`, edits: retarget(use, primary), preferred: true }];
      // Replicas asked for on purpose (REDIS_READ_URL, REPLICA_PORT): making the service HA is the other way.
      if (/read|replica/i.test(use.entry.key)) {
        const ha = makeHa(ctx, use.service);
        if (ha) fixes.push(ha);
      }
      report({
        span: use.kind === 'url' && use.url?.portSpan ? use.url.portSpan : use.span,
        message: `${cap(describeUse(use, ctx.model.text))} is the read-only replica endpoint, which exists only on HA Valkey; ${name(use.service)} is a single node, so nothing answers there. Use ${instead}, the read/write endpoint${/read|replica/i.test(use.entry.key) ? ', or make the service HA before it is created' : ''}.`,
        fixes,
      });
    }
  },
});

/**
 * The edit that makes a single-node Valkey of this file HA: `:single` becomes `:ha`, `mode: NON_HA` becomes
 * HA, or `mode: HA` is added to a legacy type. Not for a service of another file (the edit would be there).
 */
function makeHa(ctx: RuleContext, s: ServiceModel): Fix | undefined {
  if (!isOwnService(ctx.model, s) || !s.type) return undefined;
  const title = `Make ${name(s)} HA (three nodes; only before it is created: the mode is fixed)`;
  if (s.type.variant === 'single' && s.type.variantSpan) return { title, edits: [replace(s.type.variantSpan, 'ha')] };
  if (s.type.variant !== undefined) return undefined;
  if (s.mode) return s.mode.value?.value === 'NON_HA' ? { title, edits: [replace(s.mode.value.span, 'HA')] } : undefined;
  const edit = s.typePair ? insertPairAfter(ctx.model, s.node, s.typePair, 'mode', 'HA') : undefined;
  return edit ? { title, edits: [edit] } : undefined;
}

export const valkeyTlsInternal = defineRule({
  id: 'valkey-tls-internal',
  severity: 'warning',
  summary: 'A connection inside the project uses TLS (6380/7001, `rediss://`, `${x_portTls}`, `${x_connectionTlsString}`): TLS is for access from outside.',
  fix: 'The non-TLS equivalent.',
  kinds: CONNECTIONS,
  perService(ctx, report) {
    for (const use of valkeyConnections(ctx).uses) {
      const tlsScheme = use.url?.scheme.toLowerCase() === 'rediss';
      if (!use.endpoint?.tls && !tlsScheme) continue;
      // A single node has no replicas: its plain equivalent is the primary, whatever endpoint was named.
      const target = use.endpoint ? endpointWith(use.endpoint, use.mode === 'single' ? { tls: false, readOnly: false } : { tls: false }) : undefined;
      const edits = target ? retarget(use, target) : use.url ? [replace(use.url.schemeSpan, 'redis')] : [];
      const plain = target?.readOnly ? `port ${target.port}, the replicas' plain-text port` : `port ${target?.port ?? 6379}`;
      report({
        span: use.span,
        message: `${name(use.service)} is a service of this project, and services reach each other over the private network in plain text: here that is ${plain}. The TLS endpoints, with certificates from the Zerops internal CA, are for access from outside, such as over the VPN.`,
        fixes: edits.length ? [{ title: target ? `Connect without TLS (port ${target.port})` : 'Connect without TLS', edits, preferred: true }] : [],
      });
    }
  },
});

export const valkeySchemePort = defineRule({
  id: 'valkey-scheme-port',
  severity: 'error',
  summary: 'URL scheme and port disagree: `redis://…:6380` or `:7001`, `rediss://…:6379` or `:7000`.',
  fix: 'Change the scheme to match the port.',
  kinds: CONNECTIONS,
  perService(ctx, report) {
    for (const use of valkeyConnections(ctx).uses) {
      if (use.kind !== 'url' || !use.url || !use.endpoint) continue;
      const tlsScheme = use.url.scheme.toLowerCase() === 'rediss';
      if (tlsScheme === use.endpoint.tls) continue;
      const scheme = schemeOf(use.endpoint);
      report({
        span: use.span,
        message: use.endpoint.tls
          ? `Port ${use.endpoint.port} speaks TLS only, but redis:// makes the client talk plain text to it; the connection fails. Use rediss:// for this port, or the plain port.`
          : `Port ${use.endpoint.port} speaks plain text, but rediss:// makes the client start a TLS handshake; the connection fails. Use redis:// for this port.`,
        fixes: [{ title: `Use ${scheme}://`, edits: [replace(use.url.schemeSpan, scheme)], preferred: true }],
      });
    }
  },
});

export const valkeyReplicaOnly = defineRule({
  id: 'valkey-replica-only',
  severity: 'warning',
  summary: 'The only connection a service (or the project) has to a Valkey goes to a read-only port: every write fails with READONLY.',
  fix: 'Switch that connection to the read/write port.',
  kinds: CONNECTIONS,
  // A service inherits the project's env variables: a connection or a password there counts for it.
  dependsOn: ['project'],
  perService(ctx, report) {
    for (const { group, seen } of groupsInContext(ctx)) {
      for (const use of group.uses) {
        if (use.mode !== 'ha' || !use.endpoint?.readOnly) continue;
        const others = seen.filter((u) => u.service === use.service);
        const readWrite = others.some((u) => u.endpoint && !u.endpoint.readOnly);
        // A hostname on its own (REDIS_HOST) may be used with the default port, unless the same map pairs
        // it with a read-only port (REDIS_PORT: "7000").
        const looseHost = others.some((u) => u.kind === 'hostname'
          && !others.some((p) => p.entry.map === u.entry.map && p.endpoint?.readOnly && (p.kind === 'bare-port' || p.kind === 'port-variable')));
        if (readWrite || looseHost) continue;
        const primary = endpointWith(use.endpoint, { readOnly: false });
        report({
          span: use.span,
          message: `${cap(describeUse(use, ctx.model.text))} reaches the read-only replicas of ${name(use.service)}, and ${whose(group)} has no other connection to it: every write will fail with READONLY. Connect writes to port ${primary.port} and keep the replicas for reads.`,
          fixes: [{ title: `Use the read/write endpoint (${primary.port})`, edits: retarget(use, primary) }],
        });
      }
    }
  },
});

/**
 * For a discrete pair (`REDIS_HOST: ${redis_hostname}`, `REDIS_PORT: ${redis_port}`): a line adding
 * `REDIS_PASSWORD: ${redis_password}` under the pair, the prefix taken from the host's key. Not
 * preferred: the application must be made to read it. Only in a block map with a `PREFIX_` key, and
 * only when the map has no such key yet.
 */
function passwordBesidePair(text: string, use: ValkeyUse, host: string, lineBreak: string): Fix | undefined {
  const { entry } = use;
  const map = entry.map;
  const cut = entry.key.lastIndexOf('_');
  if (map.kind === 'dotEnvSecrets' || cut <= 0) return undefined;
  const prefix = entry.key.slice(0, cut + 1);
  const key = `${prefix}${prefix === prefix.toUpperCase() ? 'PASSWORD' : 'password'}`;
  if (map.entries.some((e) => e.key === key)) return undefined;
  // After the last entry of the pair: the keys of the map with the same prefix.
  let last = entry.valueSpan.end;
  for (const e of map.entries) if (e.key.startsWith(prefix) && e.valueSpan.end > last) last = e.valueSpan.end;
  // A block scalar's range ends after its line break: no line to append to. A flow map has no lines.
  if (text[last - 1] === '\n' || !/^[ -]*$/.test(text.slice(text.lastIndexOf('\n', entry.keySpan.start - 1) + 1, entry.keySpan.start))) return undefined;
  const edit = insertLineAfter(text, lineBreak, entry.keySpan.start, last, key, `\${${host}_password}`);
  return { title: `Add ${key}: \${${host}_password} (the application must read it)`, edits: [edit] };
}

/** The words of an env key: `REDIS_HOST` → redis, host; `cacheHost` → cache, host. */
const keyWords = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/**
 * The keys of the variables through which the import hands a Valkey's password to the containers running
 * the zerops.yml setup `setup`: a secret (`envSecrets`, `dotEnvSecrets`) of a service running it, or a
 * project variable, whose value references `${host_password}` (or a connection string, which carries it).
 */
function importedPasswordKeys(ctx: RuleContext, setup: SetupModel, host: string): string[] {
  const keys: string[] = [];
  const carries = (e: EnvEntry) => e.references.some((r) => r.host === host && /^(password|connection(Tls)?String)$/.test(r.variable));
  for (const svc of servicesRunning(ctx, setup)) {
    for (const m of svc.envMaps) if ((m.kind === 'envSecrets' || m.kind === 'dotEnvSecrets') && m.service === svc) for (const e of m.entries) if (carries(e)) keys.push(e.key);
    for (const m of ownerOf(svc)?.envMaps ?? []) if (m.kind === 'project.envVariables') for (const e of m.entries) if (carries(e)) keys.push(e.key);
  }
  return keys;
}

/**
 * Whether the client behind `use` gets the password from a variable the import supplies: a discrete
 * host/port pair leaves the password to the client, which reads such a variable; a URL without one does
 * only when the variable is named for the same connection (`REDIS_URL` with `REDIS_PASSWORD`).
 */
function passwordFromImport(ctx: RuleContext, use: ValkeyUse, setup: SetupModel | undefined, host: string): boolean {
  // Secrets and project variables reach the run container; the build container reads them only as ${RUNTIME_…}.
  if (!setup || ctx.model.kind !== 'zerops-yml' || use.entry.map.kind !== 'run.envVariables') return false;
  const keys = importedPasswordKeys(ctx, setup, host);
  if (!keys.length) return false;
  if (use.kind === 'hostname') return true;
  const prefix = keyWords(use.entry.key)[0];
  return keys.some((k) => keyWords(k)[0] === prefix);
}

export const valkeyNoAuth = defineRule({
  id: 'valkey-no-auth',
  severity: 'warning',
  summary: 'A Valkey connection built from `${x_hostname}`/`${x_port}` without `${x_password}`: services created since June 2026 require AUTH.',
  fix: 'Use `${x_connectionString}`; beside a discrete host/port pair, add `PREFIX_PASSWORD: ${x_password}` (not preferred: the application must read it).',
  kinds: CONNECTIONS,
  // A service inherits the project's env variables: a connection or a password there counts for it.
  dependsOn: ['project'],
  perService(ctx, report) {
    for (const { group, seen, passwords } of groupsInContext(ctx)) {
      for (const use of group.uses) {
        if (use.kind !== 'url' && use.kind !== 'hostname') continue;
        if (passwords.has(use.service) || seen.some((u) => u.service === use.service && u.auth)) continue;
        const host = String(use.service.hostname?.value ?? '');
        // The import gives the password to the containers running this setup (a secret or project variable).
        if (passwordFromImport(ctx, use, group.setup, host)) continue;
        const fixes: Fix[] = [];
        if (use.url) {
          const tls = use.url.scheme.toLowerCase() === 'rediss';
          const endpoint = use.endpoint ?? (use.url.port === undefined ? endpointFor({ tls, readOnly: false }) : undefined);
          if (endpoint) {
            fixes.push({
              title: `Use \${${host}_${endpoint.urlVar}}`,
              edits: [replace(use.url.authoritySpan, `\${${host}_${endpoint.urlVar}}`)],
              preferred: true,
            });
          }
        } else if (use.kind === 'hostname') {
          const add = passwordBesidePair(ctx.model.text, use, host, ctx.model.lineBreak);
          if (add) fixes.push(add);
        }
        report({
          span: use.span,
          message: `Nothing here gives the password of ${name(use.service)}. Valkey services created since mid-June 2026 require AUTH, so the client is refused with NOAUTH. Use \${${host}_connectionString}, which carries user and password, or add \${${host}_password}.`,
          fixes,
        });
      }
    }
  },
});
