import { isValkey } from '../catalog/services';
import { categoryOfType } from '../catalog/types';
import { haOnlyVariables, variableListOf, variablesExhaustive } from '../catalog/variables';
import { typeVariant } from '../catalog/services';
import { VALKEY, type ServiceVariable } from '../catalog/valkey';
import { serviceByHostname } from '../model/lookup';
import type { Reference, ServiceModel } from '../model/types';
import { nearest } from '../util/nearest';
import { replace } from './edits';
import { byKind, defineRule, type Fix, type Rule } from './rule';
import { zyReferenceUnknownService } from './zerops-yml/cross';

interface KnownVariables {
  has(name: string): boolean;
  /** Every name, the type's first: what a near miss is measured against. */
  names(): string[];
  exhaustive: boolean;
}

const LISTED_NAMES = new WeakMap<readonly ServiceVariable[], ReadonlySet<string>>();

/** The names of a catalogue list, as a set made once per list. */
function listedNames(listed: readonly ServiceVariable[]): ReadonlySet<string> {
  let names = LISTED_NAMES.get(listed);
  if (!names) LISTED_NAMES.set(listed, (names = new Set(listed.map((v) => v.name))));
  return names;
}

/**
 * The variables a reference to `svc` may name: what its type exposes plus the ones the service declares
 * itself. Undefined when the type's list is unconfirmed.
 */
function knownVariables(svc: ServiceModel): KnownVariables | undefined {
  // A runtime's variables come mostly from its zerops.yml and the GUI, which this file does not show:
  // even a near miss of a name listed here may be one of those.
  const category = categoryOfType(svc.type);
  if (!svc.type || category === 'runtime' || category === 'static') return undefined;
  const listed = variableListOf(svc.type);
  if (!listed) return undefined;
  const set = listedNames(listed);
  return {
    has: (name) => set.has(name) || svc.envMaps.some((m) => m.entries.some((e) => e.key === name)),
    names: () => [...new Set([...set, ...svc.envMaps.flatMap((m) => m.entries.map((e) => e.key))])],
    exhaustive: variablesExhaustive(svc.type),
  };
}

export const referenceUnknownVariable = defineRule({
  id: 'reference-unknown-variable',
  severity: 'error',
  summary: '`${x_var}` where `x` is a service of a known type that does not expose `var` (`${cache_user}`: Valkey has no user variable; `${db_pasword}` on PostgreSQL).',
  fix: 'The nearest variable; for `user` on Valkey the literal `default`.',
  kinds: ['import', 'zerops-yml'],
  perService(ctx, report) {
    // A service is referred to many times: its variables are listed once per run.
    const cache = new Map<ServiceModel, KnownVariables | undefined>();
    const variablesOf = (svc: ServiceModel): KnownVariables | undefined => {
      if (!cache.has(svc)) cache.set(svc, knownVariables(svc));
      return cache.get(svc);
    };
    for (const ref of ctx.model.references) {
      if (!ref.host) continue;
      const svc = serviceByHostname(ctx.model, ref.host, ctx.external);
      const known = svc && variablesOf(svc);
      if (!svc || !known || known.has(ref.variable)) continue;
      const type = svc.type!.raw;
      if (ref.variable.toLowerCase() === 'user' && isValkey(svc.type)) {
        report({
          span: ref.span,
          message: `${ref.host} (${type}) has no "user" variable: the Valkey user is always "${VALKEY.user}". Write it literally; the unresolved reference would stay in the value as plain text.`,
          fixes: [{ title: `Replace with "${VALKEY.user}"`, edits: [replace(ref.span, VALKEY.user)], preferred: true }],
        });
        continue;
      }
      const guess = nearest(ref.variable, known.names());
      // Where the list may be incomplete, only a near miss of a known name is certainly a mistake.
      if (!guess && !known.exhaustive) continue;
      const fixes: Fix[] = guess ? [{ title: `Change to \${${ref.host}_${guess}}`, edits: [replace(ref.variableSpan, guess)], preferred: true }] : [];
      report({
        span: ref.span,
        message: `${ref.host} (${type}) exposes no variable "${ref.variable}"${guess ? `; did you mean "${guess}"?` : '.'} Zerops does not reject an unknown reference; it leaves it in the value as literal text.`,
        fixes,
        // In zerops.yml, a type whose list may be incomplete gets a hint (zerops-yml-spec.md check 67).
        ...(ctx.model.kind === 'zerops-yml' && !known.exhaustive ? { severity: 'hint' as const } : {}),
      });
    }
  },
});

export const referenceUnknownService = defineRule({
  id: 'reference-unknown-service',
  severity: 'warning',
  summary: '`${x_var}` where no service `x` is in the file (a warning: a service import may refer to services that already exist). In zerops.yml: a lowercase host matching no service of the workspace\'s import files (only when there are import files).',
  fix: 'The nearest hostname. zerops.yml: the nearest hostname.',
  kinds: ['import', 'zerops-yml'],
  // An inline zeropsYaml sees only the service holding it, not the workspace's hostnames.
  inline: false,
  perService: byKind({
    import: ({ model }, report) => {
      const hostnames = [...model.byHostname.keys()];
      for (const ref of model.references as Reference[]) {
        if (!ref.host || model.byHostname.has(ref.host)) continue;
        const guess = nearest(ref.host, hostnames);
        report({
          span: ref.hostSpan,
          message: `No service "${ref.host}" is defined in this file${guess ? `; did you mean "${guess}"?` : '.'} Unless it already exists in the project, the reference stays in the value as literal text.`,
          fixes: guess ? [{ title: `Change to \${${guess}_${ref.variable}}`, edits: [replace(ref.hostSpan, guess)], preferred: true }] : [],
        });
      }
    },
    'zerops-yml': zyReferenceUnknownService,
  }),
});

/** Whether a service is known to be a single node: the `:single` variant, or `mode: NON_HA`. */
function knownSingle(svc: ServiceModel): boolean {
  if (!svc.type) return false;
  const variant = typeVariant(svc.type);
  return variant ? variant === 'single' : svc.mode?.value?.value === 'NON_HA';
}

export const referenceHaOnly: Rule = {
  id: 'reference-ha-only',
  severity: 'warning',
  summary: '`${x_connectionStringReplicas}`, `${x_portReplicas}` … of a single-node service whose catalogue marks them HA-only (PostgreSQL): only HA has replicas, so the reference stays literal text. Valkey has its own rule (valkey-replica-port).',
  fix: 'The primary equivalent (`…Replicas` → without).',
  kinds: ['import', 'zerops-yml'],
  perService(ctx, report) {
    for (const ref of ctx.model.references) {
      if (!ref.host) continue;
      const svc = serviceByHostname(ctx.model, ref.host, ctx.external);
      if (!svc?.type || isValkey(svc.type) || !knownSingle(svc)) continue;
      const haOnly = haOnlyVariables(svc.type);
      if (!haOnly.includes(ref.variable)) continue;
      const primary = ref.variable.replace(/Replicas$/, '');
      const offered = variableListOf(svc.type)?.some((x) => x.name === primary) && !haOnly.includes(primary);
      report({
        span: ref.span,
        message: `"\${${ref.host}_${ref.variable}}" exists only on an HA ${svc.type.raw.split(/[@:]/)[0]}; ${ref.host} is a single node, so there are no replicas and the reference stays in the value as literal text.${offered ? ` Use "\${${ref.host}_${primary}}", or make the service HA before it is created.` : ''}`,
        fixes: offered ? [{ title: `Change to \${${ref.host}_${primary}}`, edits: [replace(ref.variableSpan, primary)], preferred: true }] : [],
      });
    }
  },
};

export const REFERENCE_RULES: readonly Rule[] = [referenceUnknownService, referenceUnknownVariable, referenceHaOnly];
