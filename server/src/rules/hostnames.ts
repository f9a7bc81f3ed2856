import type { ServiceModel } from '../model/types';
import { replace } from './edits';
import { defineRule, type Rule } from './rule';


/** The documented limit; the platform was seen accepting up to 40 (shared/zerops-facts.md §2). */
export const HOSTNAME_DOCUMENTED_MAX = 25;
export const HOSTNAME_ACCEPTED_MAX = 40;

function hostnameOf(s: ServiceModel): { text: string; span: { start: number; end: number } } | undefined {
  const h = s.hostname;
  if (!h || h.value === null || typeof h.value === 'object') return undefined;
  return { text: String(h.value), span: h.verbatim && h.span.start < h.span.end ? h.span : h.nodeSpan };
}

export const hostnameInvalid = defineRule({
  id: 'hostname-invalid',
  severity: 'error',
  summary: 'A hostname with characters outside `a-z0-9`, or longer than 40.',
  fix: 'The name lowercased with the other characters removed.',
  perService({ model }, report) {
    for (const s of model.services) {
      const h = hostnameOf(s);
      if (!h) continue;
      const bad = /[^a-z0-9]/.test(h.text);
      if (!bad && h.text.length <= HOSTNAME_ACCEPTED_MAX && h.text.length > 0) continue;
      const clean = h.text.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, HOSTNAME_ACCEPTED_MAX);
      const why = h.text.length === 0
        ? 'A hostname cannot be empty'
        : bad
          ? `"${h.text}" has characters Zerops does not allow in a hostname: only lowercase letters and digits`
          : `"${h.text}" is ${h.text.length} characters long; Zerops refuses hostnames over ${HOSTNAME_ACCEPTED_MAX} (the docs say ${HOSTNAME_DOCUMENTED_MAX})`;
      report({
        span: h.span,
        message: `${why}. The import fails with serviceStackNameInvalid.`,
        fixes: clean && clean !== h.text && s.hostname ? [{ title: `Change to ${clean}`, edits: [replace(s.hostname.span, clean)], preferred: true }] : [],
      });
    }
  },
});

export const hostnameLength = defineRule({
  id: 'hostname-length',
  severity: 'warning',
  summary: `A hostname of ${HOSTNAME_DOCUMENTED_MAX + 1}–${HOSTNAME_ACCEPTED_MAX} characters: the docs allow ${HOSTNAME_DOCUMENTED_MAX}, the platform has accepted ${HOSTNAME_ACCEPTED_MAX}.`,
  perService({ model }, report) {
    for (const s of model.services) {
      const h = hostnameOf(s);
      if (!h || /[^a-z0-9]/.test(h.text) || h.text.length <= HOSTNAME_DOCUMENTED_MAX || h.text.length > HOSTNAME_ACCEPTED_MAX) continue;
      report({
        span: h.span,
        message: `"${h.text}" is ${h.text.length} characters long. Zerops documents ${HOSTNAME_DOCUMENTED_MAX} as the limit (longer names have been accepted up to ${HOSTNAME_ACCEPTED_MAX}); the hostname cannot be changed later, so a shorter one is safer.`,
      });
    }
  },
});

/**
 * Related locations listed per duplicate: enough to find the others, and linear when a name repeats thousands of
 * times (so only the first few services of the list are looked at: the others never make it).
 */
const MAX_RELATED = 5;

export const hostnameDuplicate = defineRule({
  id: 'hostname-duplicate',
  severity: 'error',
  summary: 'Two services with one hostname.',
  perService({ model }, report) {
    for (const [name, list] of model.byHostname) {
      if (list.length < 2) continue;
      for (const s of list) {
        const span = s.hostname!.span.start === s.hostname!.span.end ? s.hostname!.nodeSpan : s.hostname!.span;
        report({
          span,
          message: `Hostname "${name}" is used by ${list.length} services; it must be unique in the project, so the import fails.`,
          related: list.slice(0, MAX_RELATED + 1).filter((o) => o !== s).slice(0, MAX_RELATED).map((o) => ({ span: o.hostname!.nodeSpan, message: `"${name}" is also used here` })),
        });
      }
    }
  },
});

export const HOSTNAME_RULES: readonly Rule[] = [hostnameInvalid, hostnameLength, hostnameDuplicate];
