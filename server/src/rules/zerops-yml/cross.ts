import { categoryOfType, splitType } from '../../catalog/types';
import { hostnameOf, ownerOf } from '../../model/lookup';
import { keySpanOf, pairOf, scalarValue } from '../../model/scalars';
import { isScalar } from '../../model/tree';
import type { ServiceModel, SetupModel, Span } from '../../model/types';
import { isTrueValue } from '../../model/setup-sections';
import type { ResolvedSetup } from '../../model/zerops-yml';
import { nearest } from '../../util/nearest';
import { replace } from '../edits';
import { defineRule, setupsToCheck, type Report, type RuleContext } from '../rule';
import { deployable, isTrue, rootMapOf, runTech, sections, setupLabel, setupSpan, ZY } from './common';

// zerops.yml against the import files of the workspace (spec §3, checks 62–70). Which setup a runtime
// service uses: its `zeropsSetup`, else its hostname. An import's `buildFromGit` often builds another
// repository, so checks that need "this repository" compare it with the checked file's git remote and
// stay silent when that is unknown.

/** `github.com/owner/repo`, lower case, from any git URL spelling (https, ssh, scp-like, `.git`, `@branch`). */
export function normalizeGitUrl(url: string): string | undefined {
  let s = url.trim();
  if (!s) return undefined;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(s);
  if (scp && !/^[a-z]+:\/\//i.test(s)) s = `${scp[1]}/${scp[2]}`;
  else s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]+@/, '');
  s = s.replace(/[?#].*$/, '').replace(/\/+$/, '');
  // An `@branch` suffix after the repository name (seen in imports, not documented).
  s = s.replace(/(\/[^/@]+)@[^/]+$/, '$1').replace(/\.git$/i, '').replace(/\/+$/, '');
  const parts = s.split('/');
  if (parts.length < 3) return undefined;
  return parts.join('/').toLowerCase();
}

interface UsingService {
  service: ServiceModel;
  hostname: string;
  /** The setup name it asks for: `zeropsSetup`, else its hostname. */
  setupName: string;
  explicit: boolean;
  /** Whether its `buildFromGit` is this repository: true, false, or undefined (no buildFromGit / no remote known). */
  thisRepo: boolean | undefined;
  hasBuildFromGit: boolean;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** The runtime services of the workspace imports, with the setup each asks for. */
function runtimeServices(ctx: RuleContext): UsingService[] {
  return ctx.memo('zy-runtime-services', () => {
    const remotes = new Set((ctx.repository?.remotes ?? []).map(normalizeGitUrl).filter(Boolean));
    const out: UsingService[] = [];
    for (const service of ctx.external ?? []) {
      const hostname = hostnameOf(service);
      const cat = categoryOfType(service.type);
      if (!hostname || (cat !== 'runtime' && cat !== 'static')) continue;
      const zs = scalarText(pairOf(service.node, 'zeropsSetup')?.value);
      const git = scalarText(pairOf(service.node, 'buildFromGit')?.value);
      const norm = git ? normalizeGitUrl(git) : undefined;
      out.push({
        service, hostname, setupName: zs ?? hostname, explicit: zs !== undefined, hasBuildFromGit: !!git,
        thisRepo: git && remotes.size ? !!norm && remotes.has(norm) : undefined,
      });
    }
    return out;
  });
}

/**
 * The import services whose containers run the setup `setup` of this file: those that ask for it (by
 * `zeropsSetup` or hostname) or for a setup extending it, unless they build another repository.
 */
export function servicesRunning(ctx: RuleContext, setup: SetupModel): ServiceModel[] {
  const name = setup.name?.value;
  if (typeof name !== 'string') return [];
  const names = new Set(setupsToCheck(ctx).filter((r) => r.setup === setup || ancestors(ctx, r).includes(setup)).map((r) => r.setup.name?.value));
  return runtimeServices(ctx).filter((u) => names.has(u.setupName) && !(u.hasBuildFromGit && u.thisRepo === false)).map((u) => u.service);
}

/** Every setup `r` extends, directly or through its parents (a cycle ends the walk). */
function ancestors(ctx: RuleContext, r: ResolvedSetup): SetupModel[] {
  const byName = new Map(setupsToCheck(ctx).map((x) => [x.setup, x]));
  const out: SetupModel[] = [];
  const walk = (x: ResolvedSetup | undefined) => {
    for (const p of x?.parents ?? []) {
      if (out.includes(p)) continue;
      out.push(p);
      walk(byName.get(p));
    }
  };
  walk(r);
  return out;
}

function setupNames(ctx: RuleContext): string[] {
  return ctx.model.setups.map((s) => s.name?.value).filter((n): n is string => typeof n === 'string');
}

function zeropsKeySpan(ctx: RuleContext): Span {
  const root = rootMapOf(ctx.model);
  const z = root && pairOf(root, 'zerops');
  return keySpanOf(z) ?? { start: 0, end: 0 };
}

/**
 * Whether the checked file lies at the root of its git work tree (a `.git` folder or, for a worktree or
 * submodule, a `.git` file beside it); undefined when that cannot be told. Only the existence is read.
 */
function atRepositoryRoot(ctx: RuleContext): boolean | undefined {
  if (!ctx.files) return undefined;
  const dotGit = ctx.files.read('.git');
  const config = ctx.files.read('.git/config');
  if (dotGit === 'missing' && config === 'missing') return false;
  return (dotGit !== undefined && dotGit !== 'missing') || (config !== undefined && config !== 'missing') ? true : undefined;
}

export const serviceSetupMissing = defineRule({
  id: 'service-setup-missing',
  severity: 'error',
  summary: 'A runtime service of the imports builds this repository (`buildFromGit` equals a remote of `.git/config`) with a setup the repository\'s root zerops.yml lacks: reported in zerops.yml, and in the import file on its `zeropsSetup` value; silent for other repositories, an unknown remote, services without `buildFromGit`, and a zerops.yml below the repository root (builds read the root one).',
  fix: 'Import file: change `zeropsSetup` to the nearest setup name.',
  kinds: ['zerops-yml', 'import'],
  dependsOn: ['files'],
  // The import side reads the setups of another file (the repository's zerops.yml): every check.
  perDocument(ctx, report) {
    if (ctx.model.kind === 'import') return importSetupMissing(ctx, report);
    const names = setupNames(ctx);
    if (!names.length) return;
    // A build from git reads the zerops.yml at the repository's root; one in a subfolder (a tool deployed
    // with zcli from there) is not what those services build with.
    if (atRepositoryRoot(ctx) === false) return;
    for (const u of runtimeServices(ctx)) {
      if (names.includes(u.setupName)) continue;
      // Only a service that builds this very repository is known to use this file. Without buildFromGit
      // (the spec's hint case) a service may as well be deployed from another repository of a monorepo's
      // workspace: reporting every such service flooded real layouts, so that case stays silent.
      if (u.thisRepo !== true) continue;
      const guess = nearest(u.setupName, names);
      report({
        span: zeropsKeySpan(ctx),
        message: `Service "${u.hostname}" builds this repository with setup "${u.setupName}", which this zerops.yml does not define (setups: ${names.join(', ')}). ${guess ? `Did you mean "${guess}"? ` : ''}The build fails (zeropsYamlSetupNotFound).`,
      });
    }
  },
});

/** Setups some service of the workspace uses, by name. */
function usedSetupNames(ctx: RuleContext): Set<string> {
  return new Set(runtimeServices(ctx).map((u) => u.setupName));
}

export const setupUnknownService = defineRule({
  id: 'setup-unknown-service',
  severity: 'hint',
  summary: 'A setup no service of the workspace\'s imports uses by hostname or `zeropsSetup`, unless none of several setups is used or a service without `buildFromGit` matches none of them (either way the file is deployed with `zcli push --setup`).',
  kinds: ZY,
  inline: false,
  perDocument(ctx, report) {
    if (!ctx.external?.length) return;
    const used = usedSetupNames(ctx);
    // Any service counts, also one whose buildFromGit names another repository (a fork's imports still name
    // the upstream); a setup named like a managed service is setup-managed-service's finding.
    const hostnames = new Set(ctx.external.map(hostnameOf).filter(Boolean));
    const known = (n: unknown) => typeof n === 'string' && (used.has(n) || hostnames.has(n));
    const setups = deployable(ctx);
    // A file of several setups deployed with `zcli push --setup` (a CI mapping setups to hostnames) names
    // its setups its own way: none matches a service, or some service is built by no buildFromGit and
    // matches no setup, so it needs `--setup` with one of them. A hint on each setup would be noise.
    const names = new Set(setupNames(ctx));
    const needsSetupFlag = runtimeServices(ctx).some((u) => !u.hasBuildFromGit && !names.has(u.setupName));
    if (setups.length > 1 && (needsSetupFlag || !setups.some((r) => known(r.setup.name?.value)))) return;
    for (const r of setups) {
      const n = r.setup.name?.value;
      if (typeof n !== 'string' || known(n)) continue;
      report({ span: setupSpan(r.setup), message: `No service of the workspace's import files uses setup "${n}" (by hostname or "zeropsSetup"); it can still be deployed with "zcli push --setup ${n}".` });
    }
  },
});

export const setupManagedService = defineRule({
  id: 'setup-managed-service',
  severity: 'warning',
  summary: 'A setup named like a managed service of the imports (code cannot be deployed there).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    const n = r.setup.name?.value;
    if (typeof n !== 'string') return;
    const svc = ctx.external?.find((x) => hostnameOf(x) === n);
    const cat = categoryOfType(svc?.type);
    if (!svc || cat === 'runtime' || cat === 'static' || cat === undefined) return;
    report({ span: r.setup.name!.nodeSpan, message: `"${n}" is a ${svc.type!.raw} service in the import: code cannot be deployed to a managed service, so this setup can never be used for it.` });
  },
});

/** The runtime services that use setup `r` (the first setup of its name), unless they build another repository. */
function usersOf(ctx: RuleContext, r: ResolvedSetup): readonly UsingService[] {
  const bySetup = ctx.memo('zy-setup-users', () => {
    const byName = new Map<string, ResolvedSetup>();
    for (const x of setupsToCheck(ctx)) {
      const n = x.setup.name?.value;
      if (typeof n === 'string' && !byName.has(n)) byName.set(n, x);
    }
    const out = new Map<ResolvedSetup, UsingService[]>();
    for (const u of runtimeServices(ctx)) {
      const x = byName.get(u.setupName);
      // A service building another repository does not use this file.
      if (!x || (u.hasBuildFromGit && u.thisRepo === false)) continue;
      let list = out.get(x);
      if (!list) out.set(x, (list = []));
      list.push(u);
    }
    return out;
  });
  return bySetup.get(r) ?? [];
}

export const envSecretCollision = defineRule({
  id: 'env-secret-collision',
  severity: 'warning',
  summary: 'A `run.envVariables` key that is also an `envSecrets` key of the service using the setup: the secret is dropped or refused.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const u of usersOf(ctx, r)) {
      const secrets = new Set(u.service.envMaps.filter((m) => m.kind === 'envSecrets' || m.kind === 'dotEnvSecrets').flatMap((m) => m.entries.map((e) => e.key)));
      if (!secrets.size) continue;
      for (const [key, n] of sections(ctx, r).run?.envVariables?.keys ?? []) {
        if (!secrets.has(key)) continue;
        report({ span: n.keySpan, message: `"${key}" is also a secret of service "${u.hostname}" in the import: the zerops.yml variable owns the key, so the secret is dropped or refused (userDataDuplicateKey).` });
      }
    }
  },
});

export const subdomainNoHttpPort = defineRule({
  id: 'subdomain-no-http-port',
  severity: 'warning',
  summary: '`enableSubdomainAccess: true` on a service whose setup publishes no HTTP port.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const u of usersOf(ctx, r)) {
      if (!isTrue(pairOf(u.service.node, 'enableSubdomainAccess')?.value)) continue;
      const tech = runTech(ctx.model, r);
      if (!tech || tech.implicitPort80) continue;
      const http = (sections(ctx, r).run?.ports?.items ?? []).some((p) => isTrueValue(p.httpSupport));
      if (http) continue;
      report({ span: setupSpan(r.setup), message: `Service "${u.hostname}" enables its zerops.app subdomain, which needs a deployed HTTP port; setup ${setupLabel(r.setup)} publishes none (no port with "httpSupport: true").` });
    }
  },
});

const techFamily = (t: string) => (t.startsWith('php') ? 'php' : t === 'golang' ? 'go' : t);

export const baseTypeMismatch = defineRule({
  id: 'base-type-mismatch',
  severity: 'info',
  summary: '`run.base` technology differs from the import `type` of the service using the setup (a bare alpine/ubuntu run base is not reported).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const u of usersOf(ctx, r)) {
      const base = sections(ctx, r).run?.base;
      const tech = runTech(ctx.model, r);
      const type = u.service.type && splitType(u.service.type.raw);
      if (!base || !tech || !type || techFamily(tech.tech) === techFamily(type.base)) continue;
      // A bare OS running what another technology built (an Elixir release, a Go binary on alpine) is the
      // usual pattern for compiled stacks (official Phoenix and Elixir recipes), not a slip.
      if (tech.tech === 'alpine' || tech.tech === 'ubuntu') continue;
      const v = base.list ? undefined : base.items[0];
      if (v) report({ span: v.nodeSpan, message: `Setup ${setupLabel(r.setup)} runs ${tech.tech}, but service "${u.hostname}" is created as ${u.service.type!.raw}; this may be deliberate (official recipes do it), but check which one you mean.` });
    }
  },
});

/** Variables Zerops sets on every runtime (spec §1.7), which `${name}` may read without defining them. */
const SYSTEM_VARIABLES = new Set(['hostname', 'serviceId', 'projectId', 'appVersionId', 'appVersionName', 'zeropsSubdomain', 'zeropsSubdomainHost', 'zeropsSubdomainString', 'apiCdnUrl', 'staticCdnUrl', 'storageCdnUrl', 'envIsolation', 'sshIsolation', 'PATH']);

export const referenceUnknownLocal = defineRule({
  id: 'reference-unknown-local',
  severity: 'info',
  summary: '`${NAME}` defined nowhere visible: not in the env map (after `extends`), a system variable, a project variable or a secret of the service (only with import files).',
  kinds: ZY,
  inline: false,
  perSetup(r, report, ctx) {
    if (!ctx.external?.length) return;
    const projectVars = ctx.memo('zy-project-variables', () => {
      const out = new Set<string>();
      for (const s of ctx.external ?? []) for (const m of ownerOf(s)?.envMaps ?? []) if (m.kind === 'project.envVariables') for (const e of m.entries) out.add(e.key);
      return out;
    });
    const entries = ctx.memo('zy-env-entries', (model) => new Map(model.envMaps.flatMap((m) => m.entries.map((e) => [e.keySpan.start, e] as const))));
    const secrets = new Set(usersOf(ctx, r).flatMap((u) => u.service.envMaps.flatMap((m) => m.entries.map((e) => e.key))));
    for (const section of ['build', 'run'] as const) {
      const env = sections(ctx, r)[section]?.envVariables;
      if (!env) continue;
      const defined = new Set(env.keys.keys());
      for (const n of env.keys.values()) {
        const e = entries.get(n.keySpan.start);
        for (const ref of e?.references ?? []) {
          if (ref.host) continue;
          const name = ref.variable;
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
          if (defined.has(name) || SYSTEM_VARIABLES.has(name) || projectVars.has(name) || secrets.has(name)) continue;
          if (section === 'build' && name.startsWith('RUNTIME_')) continue;
          report({ span: ref.span, message: `"\${${name}}" is defined nowhere this tool can see (not in this env map, the project variables or the service's secrets); unless it is set in the GUI it stays literal text.` });
        }
      }
    }
  },
});

export function zyReferenceUnknownService(ctx: RuleContext, report: Report): void {
  // Without import files the services of the project are unknown, not missing.
  if (!ctx.external?.length) return;
  // Every hostname of the import files behind those services too: the workspace leaves out a hostname two
  // imports define with different types, which still exists.
  const owners = [...new Set(ctx.external.map(ownerOf))].flatMap((m) => (m ? [...m.byHostname.keys()] : []));
  const hostnames = [...new Set([...ctx.external.map(hostnameOf), ...owners, ...setupNames(ctx)].filter((h): h is string => !!h))];
  for (const ref of ctx.model.references) {
    if (!ref.host || hostnames.includes(ref.host)) continue;
    const guess = nearest(ref.host, hostnames);
    report({
      span: ref.hostSpan,
      message: `No service "${ref.host}" is in the workspace's import files${guess ? `; did you mean "${guess}"?` : '.'} Unless it exists in the project, the reference stays in the value as literal text.`,
      fixes: guess ? [{ title: `Change to \${${guess}_${ref.variable}}`, edits: [replace(ref.hostSpan, guess)], preferred: true }] : [],
    });
  }
}

/**
 * The import side of service-setup-missing: a service that builds this repository with a `zeropsSetup`
 * the repository's root zerops.yml (from the workspace index) does not define, reported on that value
 * with the nearest setup as the fix.
 */
export function importSetupMissing(ctx: RuleContext, report: Report): void {
  const remotes = new Set((ctx.repository?.remotes ?? []).map(normalizeGitUrl).filter(Boolean));
  const names = ctx.repositorySetups;
  if (!remotes.size || !names?.length) return;
  for (const service of ctx.model.services) {
    const setupPair = pairOf(service.node, 'zeropsSetup');
    const setup = setupPair && scalarValue(ctx.model.text, setupPair.value);
    const git = scalarText(pairOf(service.node, 'buildFromGit')?.value);
    const norm = git && normalizeGitUrl(git);
    if (!setup || (typeof setup.value !== 'string' && typeof setup.value !== 'number') || !norm || !remotes.has(norm)) continue;
    if (names.includes(String(setup.value))) continue;
    const guess = nearest(String(setup.value), names);
    report({
      span: setup.nodeSpan,
      message: `Service "${hostnameOf(service) ?? '?'}" builds this repository with setup "${setup.value}", which its zerops.yml does not define (setups: ${names.join(', ')}). ${guess ? `Did you mean "${guess}"? ` : ''}The build fails (zeropsYamlSetupNotFound).`,
      fixes: guess && setup.verbatim ? [{ title: `Change to ${guess}`, edits: [replace(setup.span, guess)], preferred: true }] : [],
    });
  }
}
