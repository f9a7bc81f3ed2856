import { schemeOf, type ValkeyEndpoint } from '../../catalog/valkey';
import { valkeyConnectionsOf, type ValkeyConnections, type ValkeyUse } from '../../analysis/connections';
import { replace } from '../edits';
import type { OffsetEdit, RuleContext } from '../rule';

// The connection analysis as the rules read it (once per model, through the memo), and the edits that
// point a Valkey use at another endpoint.

export function valkeyConnections(ctx: RuleContext): ValkeyConnections {
  return ctx.memo('valkey-connections', (model) => valkeyConnectionsOf(model, ctx.external));
}

/**
 * The edits that point a use at another endpoint: a literal port, a port or connection-string variable,
 * and the URL scheme when TLS changes. Each edit covers only the characters that change.
 */
export function retarget(use: ValkeyUse, target: ValkeyEndpoint): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  if (use.url) {
    const wantTls = target.tls;
    const isTls = use.url.scheme.toLowerCase() === 'rediss';
    if (wantTls !== isTls) edits.push(replace(use.url.schemeSpan, schemeOf(target)));
    // The port may already be right (a TLS scheme on the plain port): then only the scheme changes.
    if (use.portDigits) {
      if (use.url.port !== String(target.port)) edits.push(replace(use.portDigits, String(target.port)));
    } else if (use.url.portSpan && use.endpoint) {
      const ref = use.entry.references.find((r) => r.span.start === use.url!.portSpan!.start);
      if (ref) edits.push(replace(ref.variableSpan, target.portVar));
    }
    return edits;
  }
  if (use.ref) {
    const name = use.kind === 'url-variable' ? target.urlVar : target.portVar;
    return [replace(use.ref.variableSpan, name)];
  }
  if (use.portDigits) return [replace(use.portDigits, String(target.port))];
  return edits;
}

/** How a use is written, for messages: `port 7000`, `${cache_portReplicas}`, `rediss://`. */
export function describeUse(use: ValkeyUse, text: string): string {
  if (use.ref) return text.slice(use.ref.span.start, use.ref.span.end);
  if (use.portDigits && use.kind === 'bare-port') return `port ${text.slice(use.portDigits.start, use.portDigits.end)}`;
  if (use.url?.port) return `port ${use.url.port}`;
  return `${use.url?.scheme ?? ''}://`;
}
