import { KEYDB_BEHAVIOUR } from '../../catalog/cache-behaviour';
import { PREPROCESSOR_FUNCTIONS, PREPROCESSOR_MODIFIERS } from '../../catalog/preprocessor';
import { typeInfo } from '../../catalog/types';
import { variableListOf } from '../../catalog/variables';
import { isKeydb, isValkey } from '../../catalog/services';
import { VALKEY, endpointFor, schemeOf, valkeyVariable, type ServiceVariable } from '../../catalog/valkey';
import { portsIn } from '../../catalog/ports';
import { modeOf, portAt, type PortAt } from '../../analysis/connections';
import { hostnameOf, serviceByHostname } from '../../model/lookup';
import type { ServiceModel, ZeropsModel } from '../../model/types';
import { locate, type Locus, type ReferenceAt } from '../../model/locate';
import type { HoverResult } from './feature';
import { keydbVariables, modeWord, typeLabel } from './hover-words';
import { featuresOf } from './kinds';
import { code, plain } from './markdown';

// Hover: what the thing under the cursor means, from the catalogue, in Markdown. Pure: model + offset in,
// text out. What every kind shares is here (`${host_var}` references, the preprocessor, the ports of a
// URL); the rest is registered per kind (kinds.ts). Secret values are never shown: a hover names a
// password, it does not print one.

export type { HoverResult } from './feature';

const MASK = '••••••••';

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

function referenceHover(model: ZeropsModel, ref: ReferenceAt, external: readonly ServiceModel[]): string | undefined {
  if (!ref.host || ref.variable === undefined) {
    return `${code(`\${${ref.inner}}`)}: a variable of this service itself (or of the project).`;
  }
  const svc = serviceByHostname(model, ref.host, external);
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
    const at = known.kind === 'port' ? portAt(model, external, ref.span.start) : undefined;
    if (at) lines.push(...portLines(at).slice(1));
    return lines.join('\n\n');
  }
  return [head, who, list ? `Not among the variables documented for ${label}; Zerops leaves an unknown reference as literal text.` : `Its variables are not catalogued.`].join('\n\n');
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
function typePortHover(model: ZeropsModel, offset: number, external: readonly ServiceModel[]): HoverResult | undefined {
  const digit = (i: number) => /\d/.test(model.text[i] ?? '');
  if (!(digit(offset) || digit(offset - 1))) return undefined;
  const at = portAt(model, external, offset);
  if (!at || isValkey(at.service.type) || model.text[at.span.start] === '$') return undefined;
  return { markdown: portLines(at).join('\n\n'), span: at.span };
}

/** The hover for whatever is at `offset`, or null. `external` are services known from other files of the workspace. */
export function hover(model: ZeropsModel, offset: number, external: readonly ServiceModel[] = []): HoverResult | null {
  const loc = locate(model, offset);
  return loc.inComment ? null : hoverAt(model, loc, external) ?? null;
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

function hoverAt(model: ZeropsModel, loc: Locus, external: readonly ServiceModel[]): HoverResult | undefined {
  const ref = loc.reference;
  if (ref && ref.span.end > loc.offset && model.text[ref.span.end - 1] === '}') {
    const md = referenceHover(model, ref, external);
    if (md) return { markdown: md, span: ref.span };
  }
  return preprocessorHover(model.text, loc) ?? typePortHover(model, loc.offset, external) ?? featuresOf(model.kind).hover?.(model, loc, external);
}
