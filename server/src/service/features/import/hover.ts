import { KEYDB_BEHAVIOUR, VALKEY_BEHAVIOUR, VALKEY_HA_TRADEOFF } from '../../../catalog/cache-behaviour';
import { keyInfo } from '../../../catalog/schema';
import { typeInfo } from '../../../catalog/types';
import { isKeydb, isValkey, typeVariant } from '../../../catalog/services';
import { KEYDB, VALKEY, endpointFor, isModeValue, modeValueFor, schemeOf, type ValkeyEndpoint, type ValkeyMode } from '../../../catalog/valkey';
import { entryAt, hostnameOf } from '../../../model/lookup';
import type { ServiceModel, ZeropsModel } from '../../../model/types';
import { modeOf, valkeyConnectionsOf } from '../../../analysis/connections';
import { flowLocus } from '../../../model/flow-locus';
import type { Locus } from '../../../model/locate';
import { categoryLabel, categoryOf, endpointsIn, valkeyVariablesIn } from '../context';
import type { HoverResult } from '../feature';
import { count, keydbVariables, modeWord, nodesLabel } from '../hover-words';
import { zeropsYmlHover } from '../zerops-yml/hover';
import { code } from '../markdown';
import { keyHover, levelOfPath } from '../schema-keys';
import { inlineZeropsYml } from '../zerops-yml/locus';

// Hover in an import file, beyond what every kind shares (references, the preprocessor, ports of a URL):
// a service's type, mode and hostname, Valkey's ports, the import keys, and an inline `zeropsYaml`
// answered as the zerops.yml it is. Registered for the import kind in features/kinds.ts.

/** How a client connects to an endpoint, written with the service's own references. */
function urlPattern(host: string, e: ValkeyEndpoint): string {
  return `${schemeOf(e)}://${VALKEY.user}:\${${host}_password}@\${${host}_hostname}:${e.port}`;
}

function derivation(s: ServiceModel, mode: ValkeyMode): string {
  const t = s.type!;
  const variant = typeVariant(t);
  const composite = `${VALKEY.type}:${mode}@${VALKEY.version}`;
  if (variant) return `The ${code(`:${variant}`)} variant in the type decides: ${modeWord(mode)}.`;
  const m = s.mode?.value?.value;
  if (isModeValue(m)) return `${code(t.raw)} with ${code(`mode: ${m}`)}: ${modeWord(mode)}, the same as ${code(composite)}.`;
  if (s.mode) return `${code('mode')} is not ${code('HA')} or ${code('NON_HA')}, so nothing asks for HA: Zerops creates a single node.`;
  return `No ${code('mode')} is given, so Zerops creates the default, a single node (the same as ${code(composite)}).`;
}

function portTable(mode: ValkeyMode, host: string): string {
  const rows = endpointsIn(mode).map((e) => `| ${e.port} | ${e.role} | ${code(`\${${host}_${e.portVar}}`)} | ${code(`\${${host}_${e.urlVar}}`)} |`);
  return ['| Port | What it is | Port variable | URL variable |', '|---:|---|---|---|', ...rows].join('\n');
}

function connectionPatterns(mode: ValkeyMode, host: string): string {
  const plain = endpointFor({ tls: false, readOnly: false });
  const tls = endpointFor({ tls: true, readOnly: false });
  const replicas = endpointFor({ tls: false, readOnly: true });
  const lines = [
    `- Inside the project: ${code(`\${${host}_${plain.urlVar}}`)}, that is ${code(urlPattern(host, plain))}`,
    `- From outside (VPN, a laptop), over TLS: ${code(urlPattern(host, tls))}`,
    replicas.modes.includes(mode)
      ? `- Reads spread over the replicas: ${code(urlPattern(host, replicas))} (read-only; writes go to ${plain.port})`
      : `- No read replicas (port ${replicas.port}): they need HA.`,
  ];
  return lines.join('\n');
}

/**
 * The hover of a Valkey `type`: one summary line (version, mode, nodes, ports), then why this mode, the
 * port table, how to connect, and what to keep in mind, each as short as it can be.
 */
function valkeyTypeHover(s: ServiceModel): string {
  const t = s.type!;
  const mode = modeOf(s);
  const host = hostnameOf(s) ?? 'cache';
  const nodes = VALKEY.nodes[mode];
  const ports = endpointsIn(mode).map((e) => e.port).join(', ');
  const out: string[] = [];
  if (t.version === VALKEY.version) {
    out.push(`### Valkey ${VALKEY.version}, ${modeWord(mode)} (${nodesLabel(nodes)}) · ports ${ports}`);
  } else {
    // Say what was asked and what exists: the rest of the hover describes the 7.2 service it would become.
    const asked = t.version ? `Valkey ${t.version}` : 'Valkey without a version';
    out.push(`### ${code(t.raw)}: ${asked} is not offered`);
    out.push(`⚠ Zerops offers Valkey ${VALKEY.version} only; ${code(t.raw)} fails at import. With the version fixed, this is Valkey ${VALKEY.version}, ${modeWord(mode)} (${nodesLabel(nodes)}), ports ${ports}:`);
  }
  out.push(`${derivation(s, mode)} ${mode === 'ha'
    ? `One primary and ${count(VALKEY_BEHAVIOUR.replicas, 'replica')}; if the primary fails, a replica is promoted and clients keep using the hostname.`
    : 'No replicas and no failover.'}`);
  out.push(portTable(mode, host));
  out.push(`**Connecting** (user ${code(VALKEY.user)}, always; TLS only from outside, certificates from ${VALKEY_BEHAVIOUR.tlsIssuer})\n${connectionPatterns(mode, host)}`);
  const notes = [
    '- The mode is fixed when the service is created: changing it means a new service.',
    `- Idle connections are closed after ${VALKEY_BEHAVIOUR.idleTimeoutSeconds} s: let the client PING more often.`,
  ];
  if (mode === 'ha') notes.push(`- ${VALKEY_HA_TRADEOFF}`);
  out.push(`**Keep in mind**\n${notes.join('\n')}`);
  out.push(`Also: ${valkeyVariablesIn(mode).filter((v) => !v.endpoint).map((v) => code(`\${${host}_${v.name}}`)).join(' ')}.`);
  return out.join('\n\n');
}

/** Any other type: what it is, which spelling, what Zerops offers of it. */
function otherTypeHover(s: ServiceModel): string | undefined {
  const t = s.type!;
  const info = typeInfo(t.base);
  if (!info) return undefined;
  const lines = [`### ${info.label}${t.version ? ` ${t.version}` : ''}${t.variant === 'ha' ? ', HA' : t.variant === 'single' ? ', single node' : ''}`];
  const spelling = info.composite.includes(t.raw) && info.legacy.includes(t.raw) ? 'The same in both spellings.'
    : info.composite.includes(t.raw) ? 'Composite spelling, the current one.'
      : info.legacy.includes(t.raw) ? 'Legacy spelling, still accepted.' : '';
  lines.push(`Kind: ${categoryLabel(info.category)}.${spelling ? ` ${spelling}` : ''}`);
  const versions = info.versions.filter((v) => v !== '');
  if (info.removed) lines.push(`⚠ ${info.label} is removed from the platform: an import naming it fails.`);
  else if (!info.offered) lines.push(`⚠ Zerops no longer offers ${info.label} for new services.`);
  else if (versions.length) lines.push(`Versions Zerops offers: ${versions.map(code).join(', ')}.`);
  return lines.join('\n\n');
}

function keydbMode(s: ServiceModel): ValkeyMode {
  return s.mode?.value?.value === 'HA' ? 'ha' : 'single';
}

function keydbTypeHover(s: ServiceModel): string {
  const host = hostnameOf(s) ?? 'cache';
  const mode = keydbMode(s);
  const port = KEYDB_BEHAVIOUR.port;
  const nodes = KEYDB_BEHAVIOUR.nodes[mode];
  const target = mode === 'ha' ? `${VALKEY.type}:ha@${VALKEY.version}` : `${VALKEY.type}:single@${VALKEY.version}`;
  return [
    `### KeyDB ${s.type!.version ?? ''}, ${mode === 'ha' ? 'HA' : 'single node'} (${nodesLabel(nodes)})`.replace(' ,', ','),
    s.mode && isModeValue(s.mode.value?.value) ? `${code(`mode: ${s.mode.value!.value}`)} decides.` : `No ${code('mode: HA')}, so a single container.`,
    ['| Port | What it is | Port variable | URL variable |', '|---:|---|---|---|',
      `| ${port} | read/write, plain (KeyDB has no TLS) | ${code(`\${${host}_port}`)} | ${code(`\${${host}_connectionString}`)} |`].join('\n'),
    `**Variables** ${keydbVariables().map((v) => code(`\${${host}_${v.name}}`)).join(' ')}`,
    `**Connecting** ${code(`\${${host}_connectionString}`)}, which is ${code(`redis://${host}:${port}`)}. KeyDB has no TLS, so there is nothing to reach from outside over TLS, and no read-replica port.`,
    `**Why move to Valkey** KeyDB is removed from the platform, and its development has slowed. ${code(KEYDB.replacement)} speaks the same protocol on the same port ${port}, and adds TLS for outside access, read replicas on HA, and profiles. Here that is ${code(target)}: a new service (the type of an existing one cannot change), then point ${code(`\${${host}_…}`)} references at it.`,
    '**Keep in mind** the mode is fixed when the service is created.',
  ].join('\n\n');
}

function modeHover(s: ServiceModel | undefined): string {
  const t = s?.type;
  if (t && isValkey(t)) {
    const mode = modeOf(s!);
    const variant = typeVariant(t);
    const lines = [
      '### `mode` on Valkey',
      `- ${code('HA')}: ${nodesLabel(VALKEY.nodes.ha)}, one primary and ${count(VALKEY_BEHAVIOUR.replicas, 'replica')}, automatic failover, read-only replica ports ${endpointsIn('ha').filter((e) => e.readOnly).map((e) => e.port).join(' and ')}. ${VALKEY_HA_TRADEOFF}\n- ${code('NON_HA')}: ${nodesLabel(VALKEY.nodes.single)}, ports ${endpointsIn('single').map((e) => e.port).join(' and ')} only. The default when ${code('mode')} is missing.`,
      `This service: ${modeWord(mode)}. The mode is fixed when the service is created.`,
    ];
    if (variant) lines.push(`The type already names the ${code(`:${variant}`)} variant, which is what counts; ${code('mode')} next to it is deprecated (${code(modeValueFor(variant))} would agree).`);
    return lines.join('\n\n');
  }
  if (t && isKeydb(t)) {
    return [
      '### `mode` on KeyDB',
      `- ${code('HA')}: ${nodesLabel(KEYDB_BEHAVIOUR.nodes.ha)} on separate machines, repaired automatically.\n- ${code('NON_HA')}: ${nodesLabel(KEYDB_BEHAVIOUR.nodes.single)}. The default.`,
      'The mode is fixed when the service is created.',
    ].join('\n\n');
  }
  const cat = categoryOf(s);
  if (t && cat) {
    const label = typeInfo(t.base)?.label ?? t.base;
    const verdict = cat === 'managed' || cat === 'shared-storage'
      ? `${label}: ${code('NON_HA')} (the default) is one node, ${code('HA')} a replicated cluster. Fixed when the service is created.${typeVariant(t) ? ` The type already names the ${code(`:${typeVariant(t)}`)} variant, which is what counts; ${code('mode')} next to it is deprecated.` : ''}`
      : cat === 'object-storage'
        ? `${label} takes no ${code('mode')}: the import rejects it.`
        : `${label} is a runtime: Zerops ignores ${code('mode')} here. Run more containers with ${code('minContainers')} and ${code('maxContainers')}.`;
    return ['### `mode`', verdict].join('\n\n');
  }
  return [
    '### `mode`',
    `${code('HA')} or ${code('NON_HA')}, chosen once when the service is created. On managed services (databases, caches, search, queues, shared storage) ${code('NON_HA')} is one node and ${code('HA')} a replicated cluster (three nodes for most). Runtimes ignore it (scale them with ${code('minContainers')}); object storage rejects it.`,
    `Deprecated next to types that name a variant, such as ${code('postgresql:ha@18')}.`,
  ].join('\n\n');
}

function hostnameHover(s: ServiceModel): string {
  const host = hostnameOf(s)!;
  const lines = [`### ${code(host)}`];
  const t = s.type;
  if (t && isValkey(t)) {
    const mode = modeOf(s);
    lines.push(`Valkey ${VALKEY.version}, ${mode === 'ha' ? `HA (${nodesLabel(VALKEY.nodes.ha)})` : 'a single node'}; ports ${endpointsIn(mode).map((e) => e.port).join(', ')}.`);
  } else if (t) {
    lines.push(`A ${code(t.raw)} service.`);
  }
  lines.push(`Other services reach it as ${code(host)} or ${code(`${host}.zerops`)} on the project network, and read its variables as ${code(`\${${host}_<variable>}`)}${t && isValkey(t) ? `, for example ${code(`\${${host}_connectionString}`)}` : `, for example ${code(`\${${host}_hostname}`)}`}.`);
  lines.push('The hostname is fixed once the service exists.');
  return lines.join('\n\n');
}

/** The service whose entry holds `offset` (services are in file order). */
function serviceAt(model: ZeropsModel, offset: number): ServiceModel | undefined {
  return entryAt(model.services, offset);
}

function portHover(model: ZeropsModel, offset: number): HoverResult | undefined {
  // Working out every Valkey connection of the file is only worth it when the cursor is on a number.
  const digit = (i: number) => /\d/.test(model.text[i] ?? '');
  if (!(digit(offset) || digit(offset - 1))) return undefined;
  // Only the values of the service (or project) under the cursor: a hover costs the same on any file size.
  const svc = serviceAt(model, offset);
  const part = { ...model, envMaps: svc ? svc.envMaps : model.envMaps.filter((m) => !m.service) };
  const conns = valkeyConnectionsOf(part, undefined);
  const use = conns.uses.find((u) => u.portDigits && u.portDigits.start <= offset && offset <= u.portDigits.end);
  if (!use?.portDigits) return undefined;
  const port = model.text.slice(use.portDigits.start, use.portDigits.end);
  const host = hostnameOf(use.service) ?? 'this Valkey';
  const e = use.endpoint;
  const lines = [`**Port ${port}** of ${code(host)} (Valkey, ${modeWord(use.mode)})`];
  if (!e) {
    lines.push(`⚠ Valkey does not listen on ${port}. Its ports here: ${endpointsIn(use.mode).map((x) => `${x.port} (${x.role})`).join('; ')}.`);
  } else {
    lines.push(`${e.role}. Variable: ${code(`\${${host}_${e.portVar}}`)}.`);
    if (!e.modes.includes(use.mode)) {
      const primary = endpointFor({ tls: e.tls, readOnly: false });
      lines.push(`⚠ This port does not exist on ${code(host)}: it is a single node, and only HA has read replicas. Use ${primary.port}.`);
    }
  }
  return { markdown: lines.join('\n\n'), span: use.portDigits };
}

function inService(loc: Locus): boolean {
  return loc.path.length === 2 && loc.path[0] === 'services' && loc.path[1] === '-';
}

/** What a key of the import file does, where it applies, and whether it applies to this service. */
function importKeyHover(loc: Locus): string | undefined {
  const level = levelOfPath('import', loc.path);
  const info = level && loc.key ? keyInfo('import', level, loc.key) : undefined;
  return info && keyHover(info, { category: categoryOf(loc.service), type: loc.service?.type?.raw });
}

function maxmemoryHover(): string {
  return [
    '**`maxmemory-policy`** · Valkey profile override',
    `What Valkey drops once its memory is full; Zerops sets the memory limit to ${VALKEY_BEHAVIOUR.maxmemoryPercent} % of the service's RAM. The default is ${code(VALKEY_BEHAVIOUR.defaultMaxmemoryPolicy)}; ${code('noeviction')} refuses writes instead of dropping keys.`,
    `Values: ${VALKEY.maxmemoryPolicies.map(code).join(', ')}.`,
  ].join('\n\n');
}


/** The hover of an import file at the cursor, or undefined. */
export function importHover(model: ZeropsModel, loc: Locus): HoverResult | undefined {
  const port = portHover(model, loc.offset);
  if (port) return port;
  const svc = loc.service;
  if (inService(loc) && svc) {
    if (loc.position === 'value' && loc.value && loc.value.span.start <= loc.offset && loc.offset <= loc.value.span.end) {
      const span = loc.value.span;
      if (loc.key === 'type' && svc.type && isValkey(svc.type)) return { markdown: valkeyTypeHover(svc), span };
      if (loc.key === 'type' && svc.type && isKeydb(svc.type)) return { markdown: keydbTypeHover(svc), span };
      if (loc.key === 'type' && svc.type) {
        const md = otherTypeHover(svc);
        if (md) return { markdown: md, span };
      }
      if (loc.key === 'mode') return { markdown: modeHover(svc), span };
      if (loc.key === 'hostname' && hostnameOf(svc)) return { markdown: hostnameHover(svc), span };
    }
    if (loc.position === 'key' && loc.key === 'mode' && loc.keySpan) return { markdown: modeHover(svc), span: loc.keySpan };
  }
  if (loc.key === 'maxmemory-policy' && loc.path.join('/') === 'services/-/profileOverrides' && svc?.type && isValkey(svc.type)) {
    const span = loc.position === 'key' ? loc.keySpan : loc.value?.span;
    if (span && span.start <= loc.offset && loc.offset <= span.end) return { markdown: maxmemoryHover(), span };
  }
  if (loc.position === 'key' && loc.key && loc.keySpan) {
    const md = importKeyHover(loc);
    if (md) return { markdown: md, span: loc.keySpan };
  }
  const inline = inlineZeropsYml(model, flowLocus(model.text, loc));
  return inline && zeropsYmlHover(inline.model, inline.loc, inline.external);
}
