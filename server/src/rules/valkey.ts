import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { isKeydb, isValkey, typeVariant } from '../catalog/services';
import {
  KEYDB, MODES, VALKEY, endpointFor, endpointWith, isModeValue, modeValueFor, schemeOf, type ValkeyMode,
} from '../catalog/valkey';
import { isOwnService } from '../model/lookup';
import { nodeSpan, scalarValue } from '../model/scalars';
import type { ServiceModel, ServiceType } from '../model/types';
import { nearest } from '../util/nearest';
import { insertLineAfter, insertPairAfter, removePair, replace } from './edits';
import type { Fix, Report, Rule, RuleContext } from './rule';
import type { EnvGroup, ValkeyUse } from '../analysis/connections';
import { describeUse, retarget, valkeyConnections } from './valkey-connections';

const IMPORT = ['import'] as const;
/** Connection rules read env values, which zerops.yml holds too (against the workspace's services). */
const CONNECTIONS = ['import', 'zerops-yml'] as const;

/** The file's Valkey services, found once for the rules that check each. */
function valkeyServices(ctx: RuleContext): (ServiceModel & { type: ServiceType })[] {
  return ctx.memo('valkey-services', (model) => model.services.filter((s): s is ServiceModel & { type: ServiceType } => !!s.type && isValkey(s.type)));
}

const modeLabel = (m: ValkeyMode): string => (m === 'ha' ? 'three nodes' : 'one node');

function whose(group: EnvGroup): string {
  if (group.setup) return `the ${group.maps[0]?.kind.startsWith('build') ? 'build' : 'run'} environment of this setup`;
  return group.service ? 'this service' : 'the project';
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function name(s: ServiceModel): string {
  return typeof s.hostname?.value === 'string' ? `"${s.hostname.value}"` : 'this Valkey service';
}

export const valkeyVersion: Rule = {
  id: 'valkey-version',
  severity: 'error',
  summary: 'A Valkey type with a version other than 7.2 (`valkey@8`, `valkey:ha@8`, bare `valkey`): the import is rejected.',
  fix: 'Replace the version with 7.2, keeping the spelling.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      const t = s.type;
      if (t.version === VALKEY.version) continue;
      const fixes: Fix[] = [];
      if (t.versionSpan) {
        fixes.push({ title: `Use Valkey ${VALKEY.version}`, edits: [replace(t.versionSpan, VALKEY.version)], preferred: true });
      } else if (t.version === undefined && t.value.verbatim) {
        const end = t.value.span.end;
        fixes.push({ title: `Use Valkey ${VALKEY.version}`, edits: [replace({ start: end, end }, `@${VALKEY.version}`)], preferred: true });
      }
      const what = t.version === undefined ? 'has no version' : `asks for version "${t.version}"`;
      report({
        span: t.versionSpan ?? t.value.span,
        message: `This Valkey type ${what}, but Zerops offers Valkey ${VALKEY.version} only. The import fails with serviceStackTypeNotFound even though the file looks valid; use @${VALKEY.version}.`,
        fixes,
      });
    }
  },
};

const HA_WORDS = new Set(['ha', 'highavailability', 'highlyavailable', 'cluster', 'replicated', 'multi', 'multinode']);
const SINGLE_WORDS = new Set(['nonha', 'single', 'singlenode', 'standalone', 'none', 'noha', 'non']);

/** What a mistyped mode most likely meant. */
export function intendedMode(raw: unknown): 'HA' | 'NON_HA' | undefined {
  const w = String(raw ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (HA_WORDS.has(w)) return 'HA';
  if (SINGLE_WORDS.has(w)) return 'NON_HA';
  return undefined;
}

/** Where a wrong `mode` value is, what it most likely meant, and the fixes that set it (shared with mode-invalid). */
export function modeValueFixes(text: string, mode: NonNullable<ServiceModel['mode']>): { span: { start: number; end: number }; intended?: 'HA' | 'NON_HA'; fixes: Fix[] } {
  const span = mode.value?.nodeSpan ?? nodeSpan(mode.node) ?? mode.keySpan;
  const intended = intendedMode(mode.value?.value);
  const choices = intended ? [intended] : (['NON_HA', 'HA'] as const);
  // Inside the quotes, if any: a fix keeps the author's quoting. A tagged value (`!!str HA`) is left to
  // its author: the node's range starts after the tag, and an edit there would run into it.
  const tagged = isScalar(mode.node) && !!mode.node.tag;
  const at = mode.value?.span ?? span;
  // `mode:` with nothing after it: the value needs its space, or it would join the key (`mode:HA`).
  const gap = at.start === at.end && text[at.start - 1] === ':' ? ' ' : '';
  const fixes = !tagged && (mode.value || isScalar(mode.node)) ? choices.map((c) => ({ title: `Set mode to ${c}`, edits: [replace(at, gap + c)], preferred: !!intended })) : [];
  return { span, intended, fixes };
}

export const valkeyModeValue: Rule = {
  id: 'valkey-mode',
  severity: 'error',
  summary: '`mode` on a Valkey service is not exactly `HA` or `NON_HA` (`ha`, `non-ha`, `single`).',
  fix: 'The intended value.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      const mode = s.mode;
      if (!mode || isModeValue(mode.value?.value)) continue;
      const { span, intended, fixes } = modeValueFixes(ctx.model.text, mode);
      report({
        span,
        message: `Zerops takes \`mode\` only as HA or NON_HA, written exactly so${intended ? `; this looks like ${intended}` : ''}. Any other value fails the import.`,
        fixes,
      });
    }
  },
};

export const valkeyModeMissing: Rule = {
  id: 'valkey-mode-missing',
  severity: 'warning',
  summary: 'Legacy `valkey@7.2` with no `mode`: Zerops creates a single node, and the mode can never be changed later.',
  fix: 'Add `mode: NON_HA`; add `mode: HA`; or convert to `valkey:single@7.2`.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      if (s.mode || s.type.variant !== undefined || !s.typePair) continue;
      const fixes: Fix[] = [];
      for (const m of ['NON_HA', 'HA'] as const) {
        const edit = insertPairAfter(ctx.model, s.node, s.typePair, 'mode', m);
        if (edit) fixes.push({ title: `Add mode: ${m}${m === 'NON_HA' ? ' (what Zerops does now)' : ''}`, edits: [edit], preferred: m === 'NON_HA' });
      }
      if (s.type.baseSpan) {
        const end = s.type.baseSpan.end;
        fixes.push({ title: 'Convert to valkey:single', edits: [replace({ start: end, end }, ':single')] });
      }
      report({
        span: s.type.value.span,
        message: `No mode is set, so Zerops creates ${name(s)} as a single node, and it can never become HA afterwards. Say which you want: mode NON_HA or HA, or the valkey:single / valkey:ha type.`,
        fixes,
      });
    }
  },
};

/** Valkey services that name a variant in the type and also carry a valid `mode`. */
function* variantWithMode(ctx: RuleContext) {
  for (const s of valkeyServices(ctx)) {
    const variant = typeVariant(s.type);
    const mode = s.mode?.value?.value;
    if (variant && s.mode?.value && isModeValue(mode)) yield { s, variant, mode, modeNode: s.mode, modeValue: s.mode.value };
  }
}

export const valkeyModeConflict: Rule = {
  id: 'valkey-mode-conflict',
  severity: 'error',
  summary: 'A composite type and `mode` disagree (`valkey:single@7.2` with `mode: HA`).',
  fix: 'Remove `mode`; or change the variant to match it.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const { s, variant, mode, modeNode, modeValue } of variantWithMode(ctx)) {
      if (modeValueFor(variant) === mode) continue;
      const wanted = MODES[mode];
      const fixes: Fix[] = [];
      const remove = removePair(ctx.model, s.node, modeNode.pair);
      if (remove) fixes.push({ title: `Remove mode (keep valkey:${variant})`, edits: [remove] });
      if (s.type.variantSpan) fixes.push({ title: `Change the type to valkey:${wanted}`, edits: [replace(s.type.variantSpan, wanted)] });
      report({
        span: modeValue.span,
        message: `The type says valkey:${variant} (${modeLabel(variant)}) but mode says ${mode} (${modeLabel(wanted)}). Keep one: the variant in the type is the current way, mode is deprecated next to it.`,
        fixes,
        related: [{ span: s.type.variantSpan ?? s.type.value.span, message: `the type names the ${variant} variant` }],
      });
    }
  },
};

export const valkeyModeRedundant: Rule = {
  id: 'valkey-mode-redundant',
  severity: 'hint',
  summary: 'A composite type with an agreeing `mode`: `mode` is deprecated next to variants.',
  fix: 'Remove `mode`.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const { s, variant, mode, modeNode, modeValue } of variantWithMode(ctx)) {
      if (modeValueFor(variant) !== mode) continue;
      const remove = removePair(ctx.model, s.node, modeNode.pair);
      report({
        span: { start: modeNode.keySpan.start, end: modeValue.nodeSpan.end },
        message: `valkey:${variant} already says ${mode}; mode is deprecated next to a variant and can go.`,
        fixes: remove ? [{ title: 'Remove mode', edits: [remove], preferred: true }] : [],
        tags: ['unnecessary'],
      });
    }
  },
};

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

export const valkeyReplicaPort: Rule = {
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
};

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

export const valkeyTlsInternal: Rule = {
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
};

export const valkeySchemePort: Rule = {
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
};

export const valkeyReplicaOnly: Rule = {
  id: 'valkey-replica-only',
  severity: 'warning',
  summary: 'The only connection a service (or the project) has to a Valkey goes to a read-only port: every write fails with READONLY.',
  fix: 'Switch that connection to the read/write port.',
  kinds: CONNECTIONS,
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
};

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

export const valkeyNoAuth: Rule = {
  id: 'valkey-no-auth',
  severity: 'warning',
  summary: 'A Valkey connection built from `${x_hostname}`/`${x_port}` without `${x_password}`: services created since June 2026 require AUTH.',
  fix: 'Use `${x_connectionString}`; beside a discrete host/port pair, add `PREFIX_PASSWORD: ${x_password}` (not preferred: the application must read it).',
  kinds: CONNECTIONS,
  perService(ctx, report) {
    for (const { group, seen, passwords } of groupsInContext(ctx)) {
      for (const use of group.uses) {
        if (use.kind !== 'url' && use.kind !== 'hostname') continue;
        if (passwords.has(use.service) || seen.some((u) => u.service === use.service && u.auth)) continue;
        const host = String(use.service.hostname?.value ?? '');
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
};

export const keydbDeprecated: Rule = {
  id: 'keydb-deprecated',
  severity: 'warning',
  summary: '`keydb@…`: KeyDB is no longer offered for new services; Valkey replaces it on the same port.',
  fix: 'Replace the type with `valkey@7.2` (keeping `mode`).',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const s of ctx.model.services) {
      const t = s.type;
      if (!t || !isKeydb(t)) continue;
      const variant = typeVariant(t);
      const target = variant ? `valkey:${variant}@${VALKEY.version}` : KEYDB.replacement;
      report({
        span: t.value.span,
        message: `Zerops no longer offers KeyDB for new services. Valkey ${VALKEY.version} is the drop-in replacement: same Redis protocol, same port 6379.`,
        fixes: t.value.verbatim ? [{ title: `Replace with ${target}`, edits: [replace(t.value.span, target)] }] : [],
        tags: ['deprecated'],
      });
    }
  },
};

function checkChoice(report: Report, value: ReturnType<typeof scalarValue>, span: { start: number; end: number }, allowed: readonly string[], what: string, severity?: 'warning'): void {
  const raw = value?.value;
  if (typeof raw === 'string' && allowed.includes(raw)) return;
  const guess = typeof raw === 'string' ? nearest(raw, allowed) : undefined;
  const choices = guess ? [guess] : allowed;
  report({
    span,
    message: `${what} must be one of ${allowed.join(', ')}${guess ? `; did you mean ${guess}?` : '.'}`,
    fixes: value ? choices.map((c) => ({ title: `Change to ${c}`, edits: [replace(value.span, c)], preferred: !!guess })) : [],
    severity,
  });
}

export const valkeyProfile: Rule = {
  id: 'valkey-profile',
  severity: 'error',
  summary: '`profile` not `hobby`, `staging` or `production`; an unknown `maxmemory-policy` in `profileOverrides` (another override key is a warning).',
  fix: 'The nearest valid value.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      if (s.profile) checkChoice(report, s.profile, s.profile.nodeSpan, VALKEY.profiles, 'A Valkey profile');
      const overrides = s.profileOverrides?.node;
      if (!isMap(overrides)) continue;
      for (const item of overrides.items as Pair[]) {
        const key = scalarValue(ctx.model.text, item.key);
        if (!key) continue;
        if (key.value === 'maxmemory-policy') {
          const v = scalarValue(ctx.model.text, item.value);
          const span = v?.nodeSpan ?? nodeSpan(item.value as Node) ?? key.nodeSpan;
          checkChoice(report, v, span, VALKEY.maxmemoryPolicies, 'maxmemory-policy');
        } else {
          const guess = typeof key.value === 'string' ? nearest(key.value, VALKEY.profileOverrideKeys) : undefined;
          report({
            span: key.nodeSpan,
            message: `Valkey takes one profile override, maxmemory-policy; "${String(key.value)}" is not one it knows${guess ? `. Did you mean ${guess}?` : ' and will have no effect.'}`,
            fixes: guess ? [{ title: `Change to ${guess}`, edits: [replace(key.span, guess)], preferred: true }] : [],
            severity: 'warning',
          });
        }
      }
    }
  },
};

export const VALKEY_RULES: readonly Rule[] = [
  valkeyVersion, valkeyModeValue, valkeyModeMissing, valkeyModeConflict, valkeyModeRedundant,
  valkeyReplicaPort, valkeyTlsInternal, valkeySchemePort, valkeyReplicaOnly, valkeyNoAuth,
  keydbDeprecated, valkeyProfile,
];

