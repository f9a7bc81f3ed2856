import type { EnvEntry, Reference, UrlRef } from './types';

// Hostnames are lowercase letters and digits only, so the first `_` always separates the host from the
// variable name; a prefix with anything else (`${APP_URL}`) is a variable of the service itself.
/** `${…}`: the reference grammar, for every reader of references (this scan and the cursor locator). */
export const REFERENCE_PATTERN = /\$\{([^{}\s]*)\}/;
const REFERENCE = new RegExp(REFERENCE_PATTERN.source, 'g');
const HOST_PART = /^[a-z0-9]+$/;
/** A variable name followed by one of the shell's expansion operators. */
export const SHELL_EXPANSION = /^[A-Za-z_][A-Za-z0-9_]*:?[-=?+]/;

/**
 * Where a reference's inner text splits into host and variable: the index of its first `_` when what
 * precedes it is a hostname, else -1 (`${APP_URL}` is a variable of the service itself). The variable
 * may still be empty (`${cache_}` while typing).
 */
export function hostSplit(inner: string): number {
  const us = inner.indexOf('_');
  return us > 0 && HOST_PART.test(inner.slice(0, us)) ? us : -1;
}

export function scanReferences(entry: EnvEntry): Reference[] {
  const out: Reference[] = [];
  const src = entry.source;
  // Most values reference nothing; exec in a loop, not matchAll, for the rest (no iterator per value).
  if (!src.includes('${')) return out;
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(src); m; m = REFERENCE.exec(src)) {
    const inner = m[1];
    // `${X:-default}`, `${X:?message}`, `${X:+alt}`, `${X=v}`: a shell's parameter expansion (official
    // recipes use it in commands and values), which Zerops does not resolve: not a reference.
    if (SHELL_EXPANSION.test(inner)) continue;
    const at = entry.sourceStart + m.index;
    const span = { start: at, end: at + m[0].length };
    const innerStart = at + 2;
    const us = hostSplit(inner);
    const host = us > 0 && us < inner.length - 1 ? inner.slice(0, us) : '';
    if (host) {
      out.push({
        host,
        variable: inner.slice(us + 1),
        span,
        hostSpan: { start: innerStart, end: innerStart + us },
        variableSpan: { start: innerStart + us + 1, end: innerStart + inner.length },
        entry,
      });
    } else {
      out.push({
        host: '',
        variable: inner,
        span,
        hostSpan: { start: innerStart, end: innerStart },
        variableSpan: { start: innerStart, end: innerStart + inner.length },
        entry,
      });
    }
  }
  return out;
}

/**
 * The URL schemes of the services Zerops runs (catalog/ports.ts lists which port speaks which; a test
 * keeps this list a superset of it) and of the web: Valkey and KeyDB, PostgreSQL, MariaDB/MySQL, MongoDB,
 * NATS, RabbitMQ, HTTP APIs (Elasticsearch, Typesense, Qdrant, object storage) and gRPC over tcp://.
 */
export const URL_SCHEMES = ['redis', 'rediss', 'postgresql', 'postgres', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'nats', 'amqp', 'amqps', 'http', 'https', 'tcp'] as const;
const SCHEME = new RegExp(`\\b(${[...URL_SCHEMES].sort((a, b) => b.length - a.length).map((x) => x.replace('+', '\\+')).join('|')}):\\/\\/`, 'gi');
const STOP = new Set([' ', '\t', '\n', '\r', '/', '?', '#', '"', "'", ',', ';', '`', '<', '>', '\\']);
const REFERENCE_TOKEN = /\$\{[^{}\s]*\}/y;
const PATH_STOP = /[\s"'`,;<>\\]/;
const LITERAL_HOST = /^([a-z0-9]+)(?:\.zerops)?$/;
const REFERENCED_HOST = /^\$\{([a-z0-9]+)_hostname\}(?:\.zerops)?$/;

/** Index just past the authority that starts at `from`; `${…}` counts as one opaque token. */
function authorityEnd(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    if (src[i] === '$' && src[i + 1] === '{') {
      // Only a whole `${…}` is a token; a half-typed one ends the authority (and each scan stops at the
      // next brace, so a value of a thousand `${` costs a thousand short looks, not a thousand long ones).
      REFERENCE_TOKEN.lastIndex = i;
      if (!REFERENCE_TOKEN.test(src)) return i;
      i = REFERENCE_TOKEN.lastIndex;
      continue;
    }
    if (STOP.has(src[i])) break;
    i++;
  }
  return i;
}

/** The last occurrence of `ch` in `s` that is not inside `${…}`, or -1. */
function lastOutsideBraces(s: string, ch: string): number {
  let depth = 0;
  let found = -1;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') { depth++; i++; continue; }
    if (s[i] === '}' && depth > 0) { depth--; continue; }
    if (depth === 0 && s[i] === ch) found = i;
  }
  return found;
}

export function hostnameOfHost(host: string): string | undefined {
  return LITERAL_HOST.exec(host)?.[1] ?? REFERENCED_HOST.exec(host)?.[1];
}

export function scanUrls(entry: EnvEntry): UrlRef[] {
  const out: UrlRef[] = [];
  const src = entry.source;
  if (!src.includes('://')) return out;
  const base = entry.sourceStart;
  let pathStop = -1;
  SCHEME.lastIndex = 0;
  for (let m = SCHEME.exec(src); m; m = SCHEME.exec(src)) {
    const schemeStart = m.index;
    const authStart = schemeStart + m[0].length;
    const authEnd = authorityEnd(src, authStart);
    const authority = src.slice(authStart, authEnd);
    const at = lastOutsideBraces(authority, '@');
    const hostPortStart = at >= 0 ? at + 1 : 0;
    const hostPort = authority.slice(hostPortStart);
    const colon = lastOutsideBraces(hostPort, ':');
    const host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    const port = colon >= 0 ? hostPort.slice(colon + 1) : undefined;
    if (!host) continue;
    const hostAbs = base + authStart + hostPortStart;
    // Path and query belong to the URL but not to what a connection-string variable stands for.
    // URLs come in source order, so a stop found for an earlier one still holds when it lies past this authority.
    if (pathStop < authEnd) {
      pathStop = authEnd;
      while (pathStop < src.length && !PATH_STOP.test(src[pathStop])) pathStop++;
    }
    const url: UrlRef = {
      scheme: m[1],
      schemeSpan: { start: base + schemeStart, end: base + schemeStart + m[1].length },
      host,
      hostSpan: { start: hostAbs, end: hostAbs + host.length },
      hostname: hostnameOfHost(host),
      authoritySpan: { start: base + schemeStart, end: base + authEnd },
      span: { start: base + schemeStart, end: base + pathStop },
      entry,
    };
    if (at >= 0) {
      url.userinfo = authority.slice(0, at);
      url.userinfoSpan = { start: base + authStart, end: base + authStart + at };
    }
    if (port !== undefined && port !== '') {
      const portAbs = hostAbs + host.length + 1;
      url.port = port;
      url.portSpan = { start: portAbs, end: portAbs + port.length };
    }
    out.push(url);
  }
  return out;
}
