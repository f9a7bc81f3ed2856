import { isKeydb, typeVariant } from '../../catalog/services';
import { catalogueName } from '../../catalog/tables';
import { offeredVersions } from '../../catalog/types';
import { KEYDB, VALKEY } from '../../catalog/valkey';
import { replace } from '../edits';
import type { Fix, Rule } from '../rule';
import { IMPORT, valkeyServices } from './common';

// Valkey's one version, and KeyDB, which Valkey replaces.

export const valkeyVersion: Rule = {
  id: 'valkey-version',
  severity: 'error',
  summary: 'A Valkey type with a version other than 7.2 (`valkey@8`, `valkey:ha@8`, bare `valkey`): the import is rejected.',
  fix: 'Replace the version with 7.2, keeping the spelling.',
  kinds: IMPORT,
  perService(ctx, report) {
    for (const s of valkeyServices(ctx)) {
      const t = s.type;
      // The versions of the catalogue in use (7.2 in the built-in one, shared/zerops-facts.md §12).
      const offered = offeredVersions(VALKEY.type);
      if (t.version !== undefined && offered.includes(t.version)) continue;
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
        message: `This Valkey type ${what}, but ${catalogueName()} has Valkey ${offered.join(', ')} only. The import fails with serviceStackTypeNotFound even though the file looks valid; use @${VALKEY.version}.`,
        fixes,
      });
    }
  },
};


export const keydbDeprecated: Rule = {
  id: 'keydb-deprecated',
  severity: 'error',
  summary: '`keydb@…`: KeyDB is removed from the platform (Zerops\' own tooling says so; not in the July 2026 catalogue), so the import fails; Valkey replaces it on the same port.',
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
        message: `KeyDB is removed from the platform: it is not in ${catalogueName()}, and Zerops' own tooling records it as removed, so the import fails. Valkey ${VALKEY.version} is the drop-in replacement: same Redis protocol, same port 6379.`,
        fixes: t.value.verbatim ? [{ title: `Replace with ${target}`, edits: [replace(t.value.span, target)] }] : [],
        tags: ['deprecated'],
      });
    }
  },
};
