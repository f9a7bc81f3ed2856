import { KEYDB_BEHAVIOUR, VALKEY_BEHAVIOUR, VALKEY_HA_TRADEOFF } from '../catalog/cache-behaviour';
import { keyInfo, type KeyInfo } from '../catalog/keys';
import { PREPROCESSOR_FUNCTIONS, PREPROCESSOR_MODIFIERS } from '../catalog/preprocessor';
import { typeInfo } from '../catalog/types';
import { variableListOf } from '../catalog/variables';
import { isKeydb, isValkey, typeVariant } from '../catalog/services';
import {
  KEYDB, VALKEY, endpointFor, isModeValue, modeValueFor, schemeOf, valkeyVariable,
  type ServiceVariable, type ValkeyEndpoint, type ValkeyMode,
} from '../catalog/valkey';
import { hostnameOf, serviceByHostname } from '../model/lookup';
import type { ServiceModel, Span, ZeropsModel } from '../model/types';
import { modeOf, portAt, valkeyConnectionsOf, type PortAt } from '../analysis/connections';
import { portsIn } from '../catalog/ports';
import { CATEGORIES, categoryLabel, categoryOf, endpointsIn, keyLevel, valkeyVariablesIn } from './context';
import { code, plain } from './markdown';
import { zeropsYmlHover } from './hover-zerops-yml';
import { flowLocus } from '../model/flow-locus';
import { zeropsYmlScope } from './zerops-yml-locus';
import { locate, type Locus, type ReferenceAt } from '../model/locate';

// Hover: what the thing under the cursor means, from the catalogue, in Markdown. Pure: model + offset in,
// text out. Secret values are never shown: a hover names a password, it does not print one.

export interface HoverResult {
  markdown: string;
  span: Span;
}

const MASK = '••••••••';

const NUMBERS = ['no', 'one', 'two', 'three', 'four', 'five'];
const count = (n: number, what: string) => `${NUMBERS[n] ?? n} ${what}${n === 1 ? '' : 's'}`;
const nodesLabel = (n: number) => count(n, 'node');
const modeWord = (m: ValkeyMode) => (m === 'ha' ? 'HA' : 'single node');

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
    `- From services of this project: ${code(`\${${host}_${plain.urlVar}}`)}, which stands for ${code(urlPattern(host, plain))}`,
    `- From outside the project (VPN, a laptop), over TLS: ${code(urlPattern(host, tls))}`,
    replicas.modes.includes(mode)
      ? `- Reads spread over the replicas: ${code(urlPattern(host, replicas))} (read-only; writes still go to port ${plain.port})`
      : `- Reads from replicas (port ${replicas.port}) need HA; this service has no replicas.`,
  ];
  return lines.join('\n');
}

function valkeyTypeHover(s: ServiceModel): string {
  const t = s.type!;
  const mode = modeOf(s);
  const host = hostnameOf(s) ?? 'cache';
  const nodes = VALKEY.nodes[mode];
  const out: string[] = [];
  if (t.version === VALKEY.version) {
    out.push(`### Valkey ${VALKEY.version}, ${modeWord(mode)} (${nodesLabel(nodes)})`);
  } else {
    // Say what was asked and what exists: the rest of the hover describes the 7.2 service it would become.
    const asked = t.version ? `Valkey ${t.version}` : 'Valkey without a version';
    out.push(`### ${code(t.raw)}: ${asked} is not offered`);
    out.push(`⚠ Zerops offers Valkey ${VALKEY.version} only; ${code(t.raw)} fails at import. With the version fixed, this is Valkey ${VALKEY.version}, ${modeWord(mode)} (${nodesLabel(nodes)}):`);
  }
  out.push(derivation(s, mode));
  out.push(mode === 'ha'
    ? `One primary and ${count(VALKEY_BEHAVIOUR.replicas, 'replica')}; if the primary fails, a replica is promoted automatically and clients keep using the hostname.`
    : 'One node: no replicas and no failover.');
  out.push(portTable(mode, host));
  out.push(`**Other variables** ${valkeyVariablesIn(mode).filter((v) => !v.endpoint).map((v) => code(`\${${host}_${v.name}}`)).join(' ')}. The user is always ${code(VALKEY.user)}; there is no user variable.`);
  out.push(`**Connecting**\n${connectionPatterns(mode, host)}`);
  const notes: string[] = [];
  if (mode === 'ha') {
    notes.push(`- ${VALKEY_HA_TRADEOFF} Reads from replicas may lag behind.`);
  }
  notes.push(`- TLS ports are for access from outside the project (certificates from ${VALKEY_BEHAVIOUR.tlsIssuer}); services inside the project use plain port ${endpointFor({ tls: false, readOnly: false }).port}.`);
  notes.push('- The mode is fixed when the service is created: going between single node and HA means a new service.');
  notes.push(`- Idle connections are closed after ${VALKEY_BEHAVIOUR.idleTimeoutSeconds} s: let the client PING more often.`);
  out.push(`**Keep in mind**\n${notes.join('\n')}`);
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

function keydbVariables(): readonly ServiceVariable[] {
  return variableListOf(KEYDB.type) ?? [];
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

/** What a variable of a Valkey service resolves to, with the password masked. */
function valkeyValue(host: string, v: ServiceVariable): string | undefined {
  switch (v.kind) {
    case 'hostname': return host;
    case 'port': return v.endpoint ? String(v.endpoint.port) : undefined;
    case 'password': return MASK;
    case 'url': return v.endpoint ? `${schemeOf(v.endpoint)}://${VALKEY.user}:${MASK}@${host}.zerops:${v.endpoint.port}` : undefined;
    default: return undefined;
  }
}

function typeLabel(s: ServiceModel): string {
  return s.type ? code(s.type.raw) : 'a service without a type';
}

function referenceHover(model: ZeropsModel, ref: ReferenceAt, extra: readonly ServiceModel[]): string | undefined {
  if (!ref.host || ref.variable === undefined) {
    return `${code(`\${${ref.inner}}`)}: a variable of this service itself (or of the project).`;
  }
  const svc = serviceByHostname(model, ref.host, extra);
  const head = `${code(`\${${ref.host}_${ref.variable}}`)}`;
  if (!svc) {
    return `${head}: no service ${code(ref.host)} is defined here. A service import can refer to a service that already exists in the project; otherwise Zerops leaves the reference as literal text.`;
  }
  if (svc.type && isValkey(svc.type)) {
    const mode = modeOf(svc);
    const who = `${code(ref.host)} is a Valkey service (${typeLabel(svc)}, ${modeWord(mode)}).`;
    const v = valkeyVariable(ref.variable);
    if (!v) {
      const hint = ref.variable.toLowerCase() === 'user' ? ` The user is always ${code(VALKEY.user)}; write it literally.` : '';
      return `${head}: not a variable Valkey exposes. ${who}${hint} Zerops leaves an unknown reference as literal text.`;
    }
    const value = valkeyValue(ref.host, v);
    const lines = [`${head}${value ? ` → ${code(value)}` : ''}`, who];
    if (v.endpoint) lines.push(`Port ${v.endpoint.port}: ${v.endpoint.role}.`);
    else lines.push(`It holds ${plain(v.description)}.`);
    if (v.kind === 'password' || v.kind === 'url') lines.push(`The password is secret and not shown here. User: ${code(VALKEY.user)}.`);
    if (v.endpoint && !v.endpoint.modes.includes(mode)) {
      lines.push(`⚠ ${code(ref.host)} is a single node: this endpoint exists only on HA, so the reference resolves to nothing usable. Use ${code(`\${${ref.host}_${endpointFor({ tls: v.endpoint.tls, readOnly: false })[v.kind === 'url' ? 'urlVar' : 'portVar']}}`)}.`);
    }
    return lines.join('\n\n');
  }
  if (svc.type && isKeydb(svc.type)) {
    const known = keydbVariables().some((v) => v.name === ref.variable);
    const value = ref.variable === 'port' ? String(KEYDB_BEHAVIOUR.port) : ref.variable === 'connectionString' ? `redis://${ref.host}:${KEYDB_BEHAVIOUR.port}` : ref.variable === 'hostname' ? ref.host : undefined;
    return [`${head}${value ? ` → ${code(value)}` : ''}`, `${code(ref.host)} is a KeyDB service (${typeLabel(svc)}).${known ? '' : ' KeyDB\'s documented variables do not include this one.'}`].join('\n\n');
  }
  const list = svc.type ? variableListOf(svc.type) : undefined;
  const known = list?.find((x) => x.name === ref.variable);
  const label = svc.type ? typeInfo(svc.type.base)?.label ?? svc.type.base : undefined;
  const who = `${code(ref.host)} is ${label ? `a ${label} service (${typeLabel(svc)})` : 'a service without a known type'}.`;
  if (known) {
    const lines = [head, who, `It holds ${plain(known.description)}.${known.secret ? ' Its value is secret and not shown here.' : ''}`];
    const at = known.kind === 'port' ? portAt(model, extra, ref.span.start) : undefined;
    if (at) lines.push(...portLines(at).slice(1));
    return lines.join('\n\n');
  }
  return [head, who, list ? `Not among the variables documented for ${label}; Zerops leaves an unknown reference as literal text.` : `Its variables are not catalogued.`].join('\n\n');
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
  const list = model.services;
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

function portHover(model: ZeropsModel, offset: number): HoverResult | undefined {
  // Working out every Valkey connection of the file is only worth it when the cursor is on a number.
  const digit = (i: number) => /\d/.test(model.text[i] ?? '');
  if (model.kind !== 'import' || !(digit(offset) || digit(offset - 1))) return undefined;
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

/**
 * A port of any type in the port table (catalog/ports.ts): what it is, the variable naming it, whether
 * this service has it, and the type's other ports. The first line is the heading.
 */
function portLines(at: PortAt): string[] {
  const host = hostnameOf(at.service) ?? 'this service';
  const mode = modeWord(at.mode);
  const lines = [`**Port ${at.port}** of ${code(host)} (${at.ports.label}, ${mode})`];
  const listed = portsIn(at.service.type?.base, at.mode);
  const all = listed.map((p) => `${p.port} (${p.role}${p.tls ? ', TLS' : ''})`).join('; ');
  if (!at.row) {
    lines.push(`⚠ ${at.ports.label} does not listen on ${at.port}. Its ports here: ${all}.`);
    return lines;
  }
  const r = at.row;
  lines.push(`${r.role}${r.tls ? ', TLS' : ''}${r.readOnly ? ', read-only' : ''}.${r.portVar ? ` Variable: ${code(`\${${host}_${r.portVar}}`)}.` : ''}`);
  if (r.haOnly && at.mode !== 'ha') {
    const primary = listed.find((p) => p.tls === r.tls && !p.readOnly) ?? listed[0];
    lines.push(`⚠ This port does not exist on ${code(host)}: it is a single node, and only HA has it.${primary ? ` Use ${primary.port}.` : ''}`);
  }
  if (listed.length > 1) lines.push(`${at.ports.label} ports here: ${all}.`);
  return lines;
}

/** The port under the cursor in a URL to a non-Valkey service (Valkey's ports have portHover). */
function typePortHover(model: ZeropsModel, offset: number, extra: readonly ServiceModel[]): HoverResult | undefined {
  const digit = (i: number) => /\d/.test(model.text[i] ?? '');
  if (!(digit(offset) || digit(offset - 1))) return undefined;
  const at = portAt(model, extra, offset);
  if (!at || isValkey(at.service.type) || model.text[at.span.start] === '$') return undefined;
  return { markdown: portLines(at).join('\n\n'), span: at.span };
}

/** The hover for whatever is at `offset`, or null. `extra` are services known from other files of the workspace. */
export function hover(model: ZeropsModel, offset: number, extra: readonly ServiceModel[] = []): HoverResult | null {
  const loc = locate(model, offset);
  return loc.inComment ? null : hoverAt(model, loc, extra) ?? null;
}

function inService(loc: Locus): boolean {
  return loc.path.length === 2 && loc.path[0] === 'services' && loc.path[1] === '-';
}

/** What a key of the import file does, where it applies, and whether it applies to this service. */
function keyHover(loc: Locus): string | undefined {
  const level = keyLevel(loc.path);
  const info = level && loc.key ? keyInfo(level, loc.key) : undefined;
  if (!info) return undefined;
  const where = info.level === 'root' ? '' : info.level === 'service' ? 'services[].' : info.level === 'verticalAutoscaling' ? 'services[].verticalAutoscaling.' : `${info.level}.`;
  const lines = [`**${code(`${where}${info.key}`)}** · ${valueTypeLabel(info)}${info.required ? ' · required' : ''}${info.deprecated ? ' · deprecated' : ''}`];
  if (info.doc) lines.push(info.doc);
  if (info.enum?.length) lines.push(`Values: ${info.enum.map(code).join(', ')}.`);
  if (info.level === 'service' || info.level === 'verticalAutoscaling') {
    if (info.appliesTo.length < CATEGORIES.length) lines.push(`Applies to ${info.appliesTo.map(categoryLabel).join(', ')}.`);
    else lines.push('Applies to every kind of service.');
    const cat = categoryOf(loc.service);
    if (cat && !info.appliesTo.includes(cat)) lines.push(`⚠ This service (${code(loc.service!.type!.raw)}) is one of the ${categoryLabel(cat)}, which this key does not apply to.`);
  }
  if (info.unofficial) lines.push('Not in the published schema; official Zerops files use it.');
  return lines.join('\n\n');
}

function maxmemoryHover(): string {
  return [
    '**`maxmemory-policy`** · Valkey profile override',
    `What Valkey drops once its memory is full; Zerops sets the memory limit to ${VALKEY_BEHAVIOUR.maxmemoryPercent} % of the service's RAM. The default is ${code(VALKEY_BEHAVIOUR.defaultMaxmemoryPolicy)}; ${code('noeviction')} refuses writes instead of dropping keys.`,
    `Values: ${VALKEY.maxmemoryPolicies.map(code).join(', ')}.`,
  ].join('\n\n');
}

function valueTypeLabel(info: KeyInfo): string {
  if (info.valueType === 'array') return `list${info.itemType ? ` of ${info.itemType}` : ''}`;
  if (info.valueType === 'object' && info.itemType) return `map of ${info.itemType}`;
  return info.valueType === 'object' ? 'map' : info.valueType;
}

/** A function or modifier name of a `<@…>` expression: what zParser does with it. */
function preprocessorHover(text: string, loc: Locus): HoverResult | undefined {
  const fn = loc.preprocessorFunction;
  const mod = loc.preprocessorModifier;
  const span = fn ?? mod;
  if (!span || span.start === span.end || loc.offset >= span.end) return undefined;
  const name = text.slice(span.start, span.end);
  const doc = fn ? PREPROCESSOR_FUNCTIONS[name] : PREPROCESSOR_MODIFIERS[name];
  if (!doc || !Object.hasOwn(fn ? PREPROCESSOR_FUNCTIONS : PREPROCESSOR_MODIFIERS, name)) return undefined;
  const what = fn
    ? `Preprocessor function, evaluated once when the file is imported (the file must start with ${code('#yamlPreprocessor=on')} or ${code('#zeropsPreprocessor=on')}).`
    : 'Preprocessor modifier: applied to the value on its left.';
  return { markdown: `${code(fn ? `<@${name}(…)>` : `|${name}`)}: ${doc}\n\n${what}`, span };
}

function hoverAt(model: ZeropsModel, loc: Locus, extra: readonly ServiceModel[]): HoverResult | undefined {
  const ref = loc.reference;
  if (ref && ref.span.end > loc.offset && model.text[ref.span.end - 1] === '}') {
    const md = referenceHover(model, ref, extra);
    if (md) return { markdown: md, span: ref.span };
  }
  const pp = preprocessorHover(model.text, loc);
  if (pp) return pp;
  const port = portHover(model, loc.offset) ?? typePortHover(model, loc.offset, extra);
  if (port) return port;
  const svc = loc.service;
  if (model.kind === 'import' && inService(loc) && svc) {
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
  if (model.kind === 'import' && loc.key === 'maxmemory-policy' && loc.path.join('/') === 'services/-/profileOverrides' && svc?.type && isValkey(svc.type)) {
    const span = loc.position === 'key' ? loc.keySpan : loc.value?.span;
    if (span && span.start <= loc.offset && loc.offset <= span.end) return { markdown: maxmemoryHover(), span };
  }
  if (model.kind === 'import' && loc.position === 'key' && loc.key && loc.keySpan) {
    const md = keyHover(loc);
    if (md) return { markdown: md, span: loc.keySpan };
  }
  const zy = zeropsYmlScope(model, flowLocus(model.text, loc), extra);
  if (zy) return zeropsYmlHover(zy.model, zy.loc, zy.extra);
  return undefined;
}
