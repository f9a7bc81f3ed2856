import { baseInfo, baseVersions, techNames, type BasePhase } from '../../catalog/zerops-yml';
import { catalogueName } from '../../catalog/tables';
import { stringItems } from '../../model/scalars';
import type { ScalarValue, SetupModel } from '../../model/types';
import { nearest } from '../../util/nearest';
import { nearestVersions } from '../types';
import { replace } from '../edits';
import { defineRule, type Fix, type RuleContext } from '../rule';
import { effectiveOs, perSetupMemo, runTech, sections, str, writtenMaps, ZY } from './common';
import type { ResolvedSetup } from '../../model/zerops-yml';

// build.base / run.base against the catalogue (spec checks 12–17). Checked on the text as written: a
// base is wrong wherever it is written, whoever inherits it.

interface WrittenBase {
  phase: BasePhase;
  value: ScalarValue;
  /** The `os` written next to it, if any. */
  os?: ScalarValue;
}

/** The bases a setup's own text writes (each base rule reads them). */
function writtenBases(ctx: RuleContext, setup: SetupModel): WrittenBase[] {
  return perSetupMemo(ctx, 'zy-written-bases', setup, () => {
    const out: WrittenBase[] = [];
    for (const m of writtenMaps(ctx, setup)) {
      if (m.level !== 'build' && m.level !== 'run') continue;
      const basePair = m.pairs.find((p) => p.key === 'base');
      if (!basePair) continue;
      const os = str(ctx.model, m.pairs.find((p) => p.key === 'os')?.pair.value);
      for (const v of stringItems(ctx.model.text, basePair.pair.value)) if (v.value !== '') out.push({ phase: m.level, value: v, os });
    }
    return out;
  });
}

const versionList = (tech: string, phase: BasePhase) => baseVersions(tech, phase).map((v) => v.version).filter(Boolean);

/** The newest numbered current version of a technology in a phase. */
function newest(tech: string, phase: BasePhase): string | undefined {
  return versionList(tech, phase).find((v) => /^\d/.test(v)) ?? versionList(tech, phase)[0];
}

function rewrite(v: ScalarValue, to: string, title = `Change to ${to}`, preferred = false): Fix[] {
  return v.verbatim ? [{ title, edits: [replace(v.span, to)], preferred }] : [];
}

export const baseUnknown = defineRule({
  id: 'base-unknown',
  severity: 'error',
  summary: '`build.base`/`run.base` names a technology Zerops does not offer (`node@22`, `postgresql@16`).',
  fix: 'The nearest technology (`node` → `nodejs`).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const { phase, value } of writtenBases(ctx, r.setup)) {
      const c = baseInfo(String(value.value), phase);
      if (c.status !== 'unknown-tech') continue;
      const name = c.name;
      const guess = name ? nearest(name.tech, techNames(phase)) ?? (name.tech === 'node' ? 'nodejs' : undefined) : undefined;
      const to = guess && name ? `${name.os ? `${name.os}/` : ''}${guess}${name.version !== undefined ? `@${name.version}` : ''}` : undefined;
      report({
        span: value.nodeSpan,
        message: `"${value.value}" is not a ${phase} base in ${catalogueName()}${guess ? `; did you mean ${to}?` : `. ${phase} bases: ${techNames(phase).join(', ')}.`} Zerops rejects the file (unknown base).`,
        fixes: to && baseInfo(to, phase).status !== 'unknown-tech' ? rewrite(value, to, `Change to ${to}`, true) : [],
      });
    }
  },
});

export const baseVersionUnknown = defineRule({
  id: 'base-version-unknown',
  severity: 'error',
  summary: 'A known technology with a version Zerops does not offer (`nodejs@99`, `python@3.10`).',
  fix: 'The nearest current versions (offered, not applied by fix-all).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const { phase, value } of writtenBases(ctx, r.setup)) {
      const c = baseInfo(String(value.value), phase);
      if (c.status !== 'unknown-version' || !c.name || !c.tech) continue;
      const versions = versionList(c.tech.tech, phase);
      const prefix = `${c.name.os ? `${c.name.os}/` : ''}${c.tech.tech}@`;
      report({
        span: value.nodeSpan,
        message: `${c.name.version ? `${c.tech.tech}@${c.name.version}` : `${c.tech.tech} without a version`} is not a ${phase} base in ${catalogueName()}; current versions: ${versions.join(', ')}. Zerops rejects the file (unknown base).`,
        // Another version is a decision, not a typo fix: offered, never applied by fix-all.
        fixes: nearestVersions(c.name.version, versions).flatMap((v) => rewrite(value, `${prefix}${v}`)),
      });
    }
  },
});

export const baseVersionLegacy = defineRule({
  id: 'base-version-legacy',
  severity: 'warning',
  summary: 'A version only older catalogues list (`nodejs@18`, `php-nginx@8.1`): it may stop building.',
  fix: 'The newest current version (offered, not applied by fix-all).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const { phase, value } of writtenBases(ctx, r.setup)) {
      const c = baseInfo(String(value.value), phase);
      if (c.status !== 'legacy' || !c.name || !c.tech) continue;
      const pick = newest(c.tech.tech, phase);
      const to = pick ? `${c.name.os ? `${c.name.os}/` : ''}${c.tech.tech}@${pick}` : undefined;
      report({
        span: value.nodeSpan,
        message: `${value.value} is not in ${catalogueName()}, only in older lists; it may stop building.${to ? ` Newest: ${to}.` : ''}`,
        fixes: to ? rewrite(value, to) : [],
      });
    }
  },
});

/** php-nginx/php-apache in build ↔ php in run; static/nginx in build → a Node.js build. */
function phaseSwap(tech: string, version: string | undefined, phase: BasePhase): string | undefined {
  if (phase === 'build' && (tech === 'php-nginx' || tech === 'php-apache')) return `php@${(version ?? 'latest').split('+')[0]}`;
  if (phase === 'run' && tech === 'php') return `php-nginx@${version ?? 'latest'}`;
  if (phase === 'build' && (tech === 'static' || tech === 'nginx')) return 'nodejs@latest';
  return undefined;
}

export const baseWrongPhase = defineRule({
  id: 'base-wrong-phase',
  severity: 'warning',
  summary: 'A run-only base in `build` (`php-nginx@8.4`, `static`) or a build-only one in `run` (`php@8.4`); an error for `docker` in build.',
  fix: '`php-nginx@8.4` ↔ `php@8.4`; `static` in build → `nodejs@latest`.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const { phase, value } of writtenBases(ctx, r.setup)) {
      const c = baseInfo(String(value.value), phase);
      if (c.status !== 'wrong-phase' || !c.name || !c.tech) continue;
      const other = phase === 'build' ? 'run' : 'build';
      const swap = phaseSwap(c.tech.tech, c.name.version, phase);
      const swapOk = swap && baseInfo(swap, phase).status === 'ok' ? swap : undefined;
      const docker = c.tech.tech === 'docker';
      report({
        span: value.nodeSpan,
        message: docker
          ? 'docker cannot be a build base (Zerops docs); build with another base and start the containers in "run".'
          : `${c.tech.label} is a ${other} base; as a ${phase} base it is in no published list, so Zerops may reject it (not verified).${swapOk ? ` For ${phase}, use ${swapOk}.` : ''}`,
        severity: docker ? 'error' : 'warning',
        fixes: swapOk ? rewrite(value, swapOk) : [],
      });
    }
  },
});

export const baseOsMismatch = defineRule({
  id: 'base-os-mismatch',
  severity: 'warning',
  summary: 'An OS prefix or `os` the base is not offered on (`alpine/deno@2`, `os: alpine` with `deno@2`).',
  fix: 'The OS the base is offered on.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const { phase, value, os } of writtenBases(ctx, r.setup)) {
      const c = baseInfo(String(value.value), phase);
      if (c.status === 'os-unavailable' && c.name && c.version) {
        const only = c.version.oses;
        report({
          span: value.nodeSpan,
          message: `${c.name.tech}@${c.name.version ?? ''} is offered on ${only.join(' and ') || 'no OS prefix'} only, not on ${c.name.os}; Zerops may reject it (not verified).`,
          severity: 'warning',
          fixes: only.length === 1 ? rewrite(value, String(value.value).replace(/^[a-z]+\//, `${only[0]}/`)) : [],
        });
        continue;
      }
      if (!os || (os.value !== 'alpine' && os.value !== 'ubuntu') || !c.version) continue;
      const prefix = c.name?.os;
      const oses = c.version.oses;
      const mismatch = (prefix && prefix !== os.value) || (!prefix && c.version.current && oses.length > 0 && !oses.includes(os.value as 'alpine'));
      if (!mismatch) continue;
      const fixTo = prefix ?? (oses.length === 1 ? oses[0] : undefined);
      report({
        span: os.nodeSpan,
        message: `"os: ${os.value}" contradicts the base ${value.value}, which ${prefix ? `names ${prefix}` : `is offered on ${oses.join(' and ')} only`}; Zerops may reject the combination (zeropsYamlRunOsBaseInvalid exists; its condition is not documented).`,
        fixes: fixTo ? rewrite(os, fixTo, `Change to ${fixTo}`) : [],
      });
    }
  },
});

const INSTALLS = /\b(npm (ci|install|i)\b|yarn( install)?\b|pnpm (i|install)\b|pip3? install|poetry install|composer install|bundle install|bun install)/;

/** A run command that starts a language runtime, which could load a native module the build compiled. */
const RUNS_LANGUAGE = /\b(node|npm|npx|yarn|pnpm|bun|deno|python3?|pip3?|uvicorn|gunicorn|ruby|bundle|rails)\b/;

/**
 * Whether the run container can load what the build compiled. Static and nginx only serve the deployed
 * files; PHP runs no Node, Python or Ruby module (Composer packages are PHP source) unless a run command
 * starts such a runtime. Every other base (languages, bare OS, an unknown base) is taken to load them.
 */
function loadsNative(ctx: RuleContext, r: ResolvedSetup): boolean {
  const tech = runTech(ctx.model, r);
  if (!tech) return true;
  if (tech.role === 'static' || tech.tech === 'nginx') return false;
  if (tech.role !== 'webserver') return true;
  const run = sections(ctx, r).run;
  const commands = [run?.start, run?.initCommands, run?.prepareCommands].flatMap((c) => c?.items ?? []);
  const crons = (run?.crontab?.items ?? []).map((j) => j.command).filter((c) => c !== undefined);
  return [...commands, ...crons].some((c) => RUNS_LANGUAGE.test(String(c.value)));
}

export const osBuildRunDiffer = defineRule({
  id: 'os-build-run-differ',
  severity: 'hint',
  summary: 'The build runs on another OS than the runtime while installing packages: native modules may not load.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const b = effectiveOs(ctx.model, r, 'build');
    const run = effectiveOs(ctx.model, r, 'run');
    if (!b || !run || b.os === run.os) return;
    const { build, run: runs } = sections(ctx, r);
    const installs = (build?.buildCommands?.items ?? []).some((c) => INSTALLS.test(String(c.value)));
    if (!installs || !loadsNative(ctx, r)) return;
    const span = (runs?.os ?? runs?.base ?? runs)?.keySpan;
    if (!span) return;
    report({ span, message: `Built on ${b.os}, run on ${run.os}: native modules compiled against ${b.os === 'alpine' ? 'musl' : 'glibc'} may not load on ${run.os === 'alpine' ? 'musl' : 'glibc'}.` });
  },
});


