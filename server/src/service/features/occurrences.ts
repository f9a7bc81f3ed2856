import type { Span } from '../../model/types';
import type { WorkspaceFile } from '../workspace';

// Where each hostname is written in a file: what navigation (definition, references, rename) and the
// CodeLens of a service ("used by …") both read.

/** Where a hostname is written: its definition, a `${host_var}` reference, or the host of a URL. */
export interface HostnameOccurrence {
  file: WorkspaceFile;
  name: string;
  /** Exactly the hostname's characters, what a rename replaces. */
  span: Span;
  role: 'definition' | 'reference' | 'url';
}

/** Every hostname written in one file. A hostname that is not verbatim (escaped) cannot be pointed at. */
export function occurrencesIn(file: WorkspaceFile): HostnameOccurrence[] {
  const out: HostnameOccurrence[] = [];
  for (const s of file.model.services) {
    const h = s.hostname;
    if (h && typeof h.value === 'string' && h.verbatim && h.value) out.push({ file, name: h.value, span: h.span, role: 'definition' });
  }
  for (const r of file.model.references) {
    if (r.host) out.push({ file, name: r.host, span: r.hostSpan, role: 'reference' });
  }
  for (const u of file.model.urls) {
    // `${cache_hostname}` as the host is a reference, listed above; only a literal `cache[.zerops]` is a URL host.
    if (!u.hostname || u.host.startsWith('${')) continue;
    out.push({ file, name: u.hostname, span: { start: u.hostSpan.start, end: u.hostSpan.start + u.hostname.length }, role: 'url' });
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
