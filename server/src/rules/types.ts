import { offeredVersions, splitType, typeInfo, typeProblem, baseNames, compareVersionsDesc, type TypeInfo, type TypeName } from '../catalog/types';
import { isKeydb, isValkey } from '../catalog/services';
import { catalogueName } from '../catalog/tables';
import { RETIRED_TYPES } from '../catalog/corrections';
import { scalarValue } from '../model/scalars';
import type { ServiceType } from '../model/types';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import type { Fix, Rule } from './rule';

const IMPORT = ['import'] as const;

// Names people carry over from elsewhere, mapped to the Zerops type they mean.
const OTHER_NAMES: Record<string, string> = {
  redis: 'valkey', postgres: 'postgresql', pg: 'postgresql', node: 'nodejs', elastic: 'elasticsearch',
  minio: 'object-storage', s3: 'object-storage', php: 'php-nginx', golang: 'golang',
};

function format(t: TypeName): string {
  return `${t.os ? `${t.os}/` : ''}${t.base}${t.variant !== undefined ? `:${t.variant}` : ''}${t.version !== undefined ? `@${t.version}` : ''}`;
}

function composite(t: TypeName): boolean {
  return t.os !== undefined || t.variant !== undefined;
}

/** Offered type strings of a base in the spelling `t` uses, newest first. */
function sameSpelling(info: TypeInfo, t: TypeName): string[] {
  const list = composite(t) ? info.composite : info.legacy.length ? info.legacy : info.composite;
  return [...list].sort((a, b) => compareVersionsDesc(splitType(a)?.version ?? '', splitType(b)?.version ?? ''));
}

/** The real type closest to a wrong one: same parts where they are valid, else the newest of that base. */
function closestType(t: TypeName): string | undefined {
  const base = typeInfo(t.base) ? t.base : OTHER_NAMES[t.base.toLowerCase()] ?? nearest(t.base, baseNames().filter((b) => typeInfo(b)!.offered));
  const info = base ? typeInfo(base) : undefined;
  if (!info) return undefined;
  const kept: TypeName = { ...t, base: info.base };
  if (!typeProblem(kept)) return format(kept);
  const variant = kept.variant === undefined || !info.variants.length ? undefined : info.variants.find((v) => v === kept.variant) ?? info.variants[0];
  const os = kept.os === undefined || !info.oses.length ? undefined : info.oses.includes(kept.os) ? kept.os : info.oses[0];
  const repaired = { ...kept, variant, os };
  if (!typeProblem(repaired)) return format(repaired);
  return sameSpelling(info, t)[0];
}

function parts(t: ServiceType): TypeName {
  return { os: t.os, base: t.base, variant: t.variant, version: t.version };
}

export const serviceTypeUnknown: Rule = {
  id: 'service-type-unknown',
  severity: 'error',
  summary: 'A type that exists in no spelling (`valky@7.2`, `postgres@16`, `redis@7`, `meilisearch:ha@1.20`).',
  fix: 'The nearest real type (`redis@7` → `valkey@7.2`).',
  kinds: IMPORT,
  perService({ model }, report) {
    for (const s of model.services) {
      const t = s.type;
      if (!t) {
        const raw = scalarValue(model.text, s.typePair?.value);
        // `type: 16`: a number or boolean names no type; the type needs its base name.
        if (raw && raw.value !== null && typeof raw.value !== 'string') {
          report({ span: raw.nodeSpan, message: `"${raw.source}" is not a service type: a type is a name with a version, such as postgresql@16 or nodejs@22.` });
        }
        continue;
      }
      // The type's own parts, without a copy: most types are fine.
      const problem = typeProblem(t);
      if (problem !== 'base' && problem !== 'variant' && problem !== 'os') continue;
      const guess = closestType(parts(t));
      const why = problem === 'base'
        ? `"${t.base}" is not a service type in ${catalogueName()}`
        : problem === 'variant'
          ? `${typeInfo(t.base)!.label} has no "${t.variant}" variant in ${catalogueName()} (it has ${typeInfo(t.base)!.variants.join(', ') || 'none'})`
          : `${typeInfo(t.base)!.label} is not offered on ${t.os} in ${catalogueName()} (only ${typeInfo(t.base)!.oses.join(', ')})`;
      const fixes: Fix[] = guess && t.value.verbatim ? [{ title: `Change to ${guess}`, edits: [replace(t.value.span, guess)], preferred: true }] : [];
      report({
        span: t.value.span,
        message: `${why}${guess ? `; did you mean ${guess}?` : '.'} The import fails with serviceStackTypeNotFound.`,
        fixes,
      });
    }
  },
};

/** Offered versions nearest to a wrong one: the same major first, then by numeric distance. */
export function nearestVersions(wrong: string | undefined, offered: readonly string[]): string[] {
  const num = (v: string) => Number.parseFloat(v);
  const w = wrong === undefined ? Number.NaN : num(wrong);
  const numeric = offered.filter((v) => /^\d/.test(v));
  if (Number.isNaN(w)) return numeric.slice(0, 3);
  const major = (v: string) => v.split(/[.+]/)[0];
  return [...numeric]
    .sort((a, b) => Number(major(b) === major(wrong!)) - Number(major(a) === major(wrong!)) || Math.abs(num(a) - w) - Math.abs(num(b) - w) || compareVersionsDesc(a, b))
    .slice(0, 3);
}

/** The versions this spelling of the type offers (composite names depend on OS and variant). */
function versionsFor(t: TypeName): string[] {
  const info = typeInfo(t.base)!;
  if (!composite(t)) return offeredVersions(t.base);
  const out = info.composite.map((raw) => splitType(raw)!).filter((x) => x.os === t.os && x.variant === t.variant && x.version !== undefined).map((x) => x.version!);
  return [...new Set(out)].sort(compareVersionsDesc);
}

export const serviceVersionUnknown: Rule = {
  id: 'service-version-unknown',
  severity: 'error',
  summary: 'A known type with a version Zerops does not offer (`postgresql@13`, `nodejs@19`).',
  fix: 'The nearest offered versions.',
  kinds: IMPORT,
  perService({ model }, report) {
    for (const s of model.services) {
      const t = s.type;
      // Valkey and KeyDB versions have rules of their own (valkey-version, keydb-deprecated).
      if (!t || isValkey(t) || isKeydb(t) || typeProblem(t) !== 'version') continue;
      const info = typeInfo(t.base)!;
      const offered = versionsFor(parts(t));
      const choices = nearestVersions(t.version, offered);
      const fixes: Fix[] = [];
      for (const v of choices) {
        const edit = t.versionSpan ? replace(t.versionSpan, v) : t.version === undefined && t.value.verbatim ? replace({ start: t.value.span.end, end: t.value.span.end }, `@${v}`) : undefined;
        // Moving to another version is a decision, not a typo fix: never applied without asking.
        if (edit) fixes.push({ title: `Use ${format({ ...parts(t), version: v })}`, edits: [edit] });
      }
      const retired = RETIRED_TYPES.find((r) => r.types.includes(format(parts(t))));
      const what = t.version === undefined
        ? `${info.label} needs a version`
        : `${info.label} ${t.version} is not in ${catalogueName()}${retired ? ` (retired in ${retired.retired})` : ''}`;
      report({
        span: t.versionSpan ?? t.value.span,
        message: `${what}; offered: ${offered.join(', ') || 'none'}. The import fails with serviceStackTypeNotFound.`,
        fixes,
      });
    }
  },
};

export const TYPE_RULES: readonly Rule[] = [serviceTypeUnknown, serviceVersionUnknown];
