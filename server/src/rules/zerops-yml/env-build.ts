import { ownerOf } from '../../model/lookup';
import { asMap, keySpanOf, pairOf } from '../../model/scalars';
import { removePair, replace } from '../edits';
import { defineRule, type RuleContext } from '../rule';
import { effectiveOs, sections, writtenItems, writtenMaps, ZY } from './common';
import { isTrueValue } from '../../model/setup-sections';
import type { ScalarValue } from '../../model/types';

// Environment variables (spec checks 55–61) and build (23–29) in zerops.yml.

const SYSTEM_KEYS = new Set(['hostname', 'PATH', 'serviceId', 'projectId', 'appVersionId', 'appVersionName', 'zeropsSubdomain']);
const RUN_ONLY_SYSTEM = new Set(['HOSTNAME', 'Path', 'path']);

export const envSystemKey = defineRule({
  id: 'env-system-key',
  severity: 'error',
  summary: 'A variable named like one Zerops sets (`hostname`, `PATH`, `serviceId` …; `HOSTNAME` in run).',
  fix: 'Rename to `APP_<NAME>` (offered).',
  kinds: ZY,
  templates: true,
  perSetup(r, report) {
    for (const map of r.setup.envMaps) {
      for (const e of map.entries) {
        const system = SYSTEM_KEYS.has(e.key);
        const runOnly = map.kind === 'run.envVariables' && RUN_ONLY_SYSTEM.has(e.key);
        if (!system && !runOnly) continue;
        const suggestion = e.key === 'HOSTNAME' ? ' For Next.js, bind with "start: env HOSTNAME=0.0.0.0 node server.js" instead.' : '';
        report({
          span: e.keySpan,
          message: system
            ? `"${e.key}" is a variable Zerops sets itself; defining it is refused at deploy (userDataUseOfSystemKey). Use another name, such as APP_${e.key.toUpperCase()}.${suggestion}`
            : `"${e.key}" in run.envVariables makes the deploy fail within seconds, with no build log (observed live). Use another name.${suggestion}`,
          fixes: e.keySpan && !map.entries.some((x) => x.key === `APP_${e.key.toUpperCase()}`) ? [{ title: `Rename to APP_${e.key.toUpperCase()}`, edits: [replace(e.keySpan, `APP_${e.key.toUpperCase()}`)] }] : [],
        });
      }
    }
  },
});

export const envSelfShadow = defineRule({
  id: 'env-self-shadow',
  severity: 'warning',
  summary: '`X: ${X}`: resolves to the literal text.',
  fix: 'Delete the line (offered).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    const model = ctx.model;
    for (const map of r.setup.envMaps) {
      const setupMap = map.setup?.node;
      for (const e of map.entries) {
        if (typeof e.value !== 'string' || e.value.trim() !== `\${${e.key}}`) continue;
        const section = setupMap && asMap(pairOf(setupMap, map.kind === 'run.envVariables' ? 'run' : 'build')?.value);
        const envNode = section && asMap(pairOf(section, 'envVariables')?.value);
        const pair = envNode?.items.find((p) => keySpanOf(p)?.start === e.keySpan.start);
        const edit = pair && envNode ? removePair(model, envNode, pair) : undefined;
        report({
          span: e.valueSpan,
          message: `"${e.key}: \${${e.key}}" refers to itself and resolves to the literal text "\${${e.key}}". Delete the line (project variables are inherited anyway) or use another name.`,
          fixes: edit ? [{ title: 'Delete the line', edits: [edit] }] : [],
        });
      }
    }
  },
});

export const envBuildPrefixInRun = defineRule({
  id: 'env-build-prefix-in-run',
  severity: 'warning',
  summary: '`${BUILD_…}` in run.envVariables, where it stays literal; a hint for `${RUNTIME_X}` in build when X is defined nowhere visible (with import files).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const map of r.setup.envMaps) {
      for (const e of map.entries) {
        for (const ref of e.references) {
          if (ref.host !== '') continue;
          if (map.kind === 'run.envVariables' && ref.variable.startsWith('BUILD_')) {
            report({ span: ref.span, message: '"${BUILD_…}" in run.envVariables stays literal (observed live): the runtime cannot read build variables. Define the value in run.envVariables itself.' });
          }
          // `${RUNTIME_X}` in build reads run variable X; a hint when X is defined nowhere visible (only with
          // import files, which show the project variables and secrets).
          if (map.kind === 'build.envVariables' && ref.variable.startsWith('RUNTIME_') && ctx.external?.length) {
            const name = ref.variable.slice('RUNTIME_'.length);
            if (sections(ctx, r).run?.envVariables?.keys.has(name) || knownElsewhere(ctx, name)) continue;
            report({ span: ref.span, message: `"\${RUNTIME_${name}}" reads the runtime variable ${name}, which neither this setup's run.envVariables nor the import files define (it may be set in the GUI).`, severity: 'hint' });
          }
        }
      }
    }
  },
});

/** A project variable or a secret of some service in the workspace's import files. */
function knownElsewhere(ctx: RuleContext, name: string): boolean {
  return (ctx.external ?? []).some((s) => s.envMaps.some((m) => m.entries.some((e) => e.key === name))
    || (ownerOf(s)?.envMaps ?? []).some((m) => m.kind === 'project.envVariables' && m.entries.some((e) => e.key === name)));
}

export const envValueFormat = defineRule({
  id: 'env-value-format',
  severity: 'warning',
  summary: 'A value with a line break or a non-ASCII character.',
  kinds: ZY,
  templates: true,
  perSetup(r, report) {
    for (const map of r.setup.envMaps) {
      for (const e of map.entries) {
        if (typeof e.value !== 'string') continue;
        // eslint-disable-next-line no-control-regex
        const bad = /\n/.test(e.value.replace(/\n$/, '')) ? 'a line break' : /[^\x00-\x7f]/.test(e.value) ? 'a non-ASCII character' : undefined;
        if (bad) report({ span: e.valueSpan, message: `This value holds ${bad}; the docs say values are ASCII without line breaks (what happens otherwise is not documented).` });
      }
    }
  },
});

export const envSubdomainMultiport = defineRule({
  id: 'env-subdomain-multiport',
  severity: 'hint',
  summary: '`${zeropsSubdomain}` with several HTTP ports: one URL per line.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const run = sections(ctx, r).run;
    const http = (run?.ports?.items ?? []).filter((p) => isTrueValue(p.httpSupport)).length;
    if (http < 2) return;
    for (const { value: v } of run?.envVariables?.keys.values() ?? []) {
      if (!v || typeof v.value !== 'string') continue;
      const i = String(v.value).indexOf('${zeropsSubdomain}');
      if (i >= 0) report({ span: v.nodeSpan, message: `With ${http} HTTP ports, "\${zeropsSubdomain}" holds one URL per port, separated by line breaks.` });
    }
  },
});

// ---- build ----

export const deployFilesPath = defineRule({
  id: 'deploy-files-path',
  severity: 'warning',
  summary: 'An absolute (other than a lone `/`) or `..` path in `deployFiles`.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'build') continue;
      for (const v of [...writtenItems(ctx, m, 'deployFiles'), ...writtenItems(ctx, m, 'deploy')]) {
        const s = String(v.value);
        // A lone `/` is the build tree's root: the official Phoenix recipe deploys with `deployFiles: /`.
        if ((s.startsWith('/') && s.trim() !== '/') || s.split('/').includes('..')) report({ span: v.nodeSpan, message: 'deployFiles are paths relative to the directory of zerops.yml; an absolute path or ".." most likely matches nothing (not documented).' });
      }
    }
  },
});

export const cachePath = defineRule({
  id: 'cache-path',
  severity: 'hint',
  summary: 'An absolute cache path, or `.next/cache` (EACCES on the next build).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'build') continue;
      for (const v of writtenItems(ctx, m, 'cache')) {
        const s = String(v.value);
        if (s.startsWith('/')) report({ span: v.nodeSpan, message: 'Cache paths are relative to /build/source; an absolute path is read from there too.' });
        else if (/(^|\/)\.next\/cache\/?$/.test(s)) report({ span: v.nodeSpan, message: 'Caching ".next/cache" has made the next build fail with EACCES; cache "node_modules" instead.' });
      }
    }
  },
});

export const addToRunPrepareUnused = defineRule({
  id: 'add-to-run-prepare-unused',
  severity: 'hint',
  summary: '`build.addToRunPrepare` without `run.prepareCommands`.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const { build, run } = sections(ctx, r);
    const n = build?.addToRunPrepare;
    if (!n || run?.prepareCommands) return;
    report({ span: n.keySpan, message: '"addToRunPrepare" copies files into the container that runs "run.prepareCommands", and this setup has none: the files go nowhere you can use them.' });
  },
});

// What reads the application's own files: a manifest by name, or a tool that installs from one. Writing
// into /var/www from run.prepareCommands is fine and survives the deploy (official recipes install
// Airflow's venv, a GitHub runner, a game server there), so /var/www alone is no mistake.
const APP_MANIFEST = /\b(package(-lock)?\.json|composer\.(json|lock)|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|Gemfile|go\.(mod|sum)|Cargo\.toml|mix\.exs|pom\.xml|build\.gradle|artisan)\b/;
const APP_INSTALL = /(^|[;&|\n(]\s*)(?:sudo\s+)?(npm\s+(ci|install|i)(\s+-\S+)*\s*($|[;&|)])|yarn(\s+install)?\s*($|[;&|)])|pnpm\s+(install|i)(\s+-\S+)*\s*($|[;&|)])|composer\s+install|bundle(\s+install)?\s*($|[;&|)])|poetry\s+install|uv\s+sync|pipenv\s+install|mix\s+deps\.get|go\s+mod\s+download|php\s+artisan)/m;

export const prepareCommandsAppFiles = defineRule({
  id: 'prepare-commands-app-files',
  severity: 'warning',
  summary: '`run.prepareCommands` reading the application\'s files in /var/www (`cd /var/www && npm ci`), which are not deployed yet; writing there is fine.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'run') continue;
      for (const v of writtenItems(ctx, m, 'prepareCommands')) {
        const cmd = String(v.value);
        if (!/\/var\/www\b/.test(cmd) || !(APP_MANIFEST.test(cmd) || APP_INSTALL.test(cmd))) continue;
        report({ span: v.nodeSpan, message: 'This reads the application\'s files in /var/www, but run.prepareCommands run before the application is deployed: they are not there yet. Use `build.addToRunPrepare` (files appear in /home/zerops) or `initCommands`.' });
      }
    }
  },
});

/**
 * A package install at the start of a shell command: at the start of a line of a script (`- |`), after
 * `;`, `&&`, `||`, `|`, `(`, `then`/`do`/`else`, or a line continuation, past `VAR=value` assignments.
 * `sudo …` starts with sudo, so it never matches.
 */
const INSTALL = /(?:^|[;&|(]|\b(?:then|do|else)\b)[ \t]*(?:\\\r?\n[ \t]*)?(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*((?:apk[ \t]+(?:add|update|upgrade|del)|apt-get[ \t]+(?:-\S+[ \t]+)*(?:install|update|upgrade|remove|purge)|apt[ \t]+(?:-\S+[ \t]+)*(?:install|update|upgrade|remove))\b)/gm;

/**
 * A command with what a shell would not run as a command blanked out, offsets kept: the inside of quotes
 * (`echo "then apk add x"`) and comments (`# apk add …`).
 */
export function shellCode(command: string): string {
  return command.replace(/'[^'\n]*'|"(?:[^"\\\n]|\\.)*"|(^|[ \t;&|(])#[^\n]*/gm, (m, lead: string | undefined) =>
    lead !== undefined && m.startsWith(`${lead}#`) ? lead + ' '.repeat(m.length - lead.length) : m[0] + ' '.repeat(Math.max(0, m.length - 2)) + m[m.length - 1]);
}

/** The package installs of a command or script, each with its offset in the value. */
export function unprivilegedInstalls(command: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  for (const m of shellCode(command).matchAll(INSTALL)) out.push({ at: (m.index ?? 0) + m[0].length - m[1].length, text: m[1] });
  return out;
}

/**
 * The offset in the source of the character at `at` of a command's value: the same for a plain or quoted
 * scalar written as its value; for a literal block (`- |`), by its line and the block's indentation.
 * Undefined where that cannot be told (a folded block, escapes).
 */
function sourceOffset(text: string, v: ScalarValue, at: number): number | undefined {
  if (v.verbatim) return v.span.start + at;
  const src = text.slice(v.nodeSpan.start, v.nodeSpan.end);
  if (!/^\|[-+0-9]*[ \t]*(#.*)?\r?\n/.test(src)) return undefined;
  const value = String(v.value);
  const line = value.slice(0, at).split('\n').length - 1;
  const column = at - (value.lastIndexOf('\n', at - 1) + 1);
  const lines = src.split('\n');
  const body = lines.slice(1);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  let offset = v.nodeSpan.start + lines[0].length + 1;
  for (let i = 0; i < line; i++) offset += body[i].length + 1;
  const here = body[line] ?? '';
  return here.slice(indent, indent + column) === value.slice(at - column, at) ? offset + indent + column : undefined;
}

export const pkgInstallNoSudo = defineRule({
  id: 'pkg-install-no-sudo',
  severity: 'warning',
  summary: '`apk add` / `apt-get install` in `prepareCommands` without `sudo`.',
  fix: 'Prefix with `sudo`.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'build' && m.level !== 'run') continue;
      for (const v of writtenItems(ctx, m, 'prepareCommands')) {
        const hits = unprivilegedInstalls(String(v.value));
        if (!hits.length) continue;
        // One command (or script) is one finding, whatever number of installs it holds; the fix prefixes each.
        const at = hits.map((h) => sourceOffset(ctx.model.text, v, h.at));
        const names = [...new Set(hits.map((h) => `"${h.text}"`))];
        report({
          span: at[0] === undefined ? v.nodeSpan : { start: at[0], end: at[0] + hits[0].text.length },
          message: `Containers run as the user "zerops": ${names.join(' and ')} ${names.length > 1 ? 'need' : 'needs'} "sudo".`,
          fixes: at.every((x) => x !== undefined) ? [{ title: 'Prefix with sudo', edits: at.map((x) => replace({ start: x!, end: x! }, 'sudo ')), preferred: true }] : [],
        });
      }
    }
  },
});

/** A command (at the start of a line or after a separator, past `sudo` and assignments) run by `manager`. */
const managerCommand = (manager: string) =>
  new RegExp(`(?:^|[;&|(]|\\b(?:then|do|else)\\b)[ \\t]*(?:\\\\\\r?\\n[ \\t]*)?(?:sudo[ \\t]+(?:-\\S+[ \\t]+)*)?(?:[A-Za-z_][A-Za-z0-9_]*=\\S*[ \\t]+)*(${manager})[ \\t]`, 'm');
const APT = managerCommand('apt-get|apt');
const APK = managerCommand('apk');

export const pkgManagerOs = defineRule({
  id: 'pkg-manager-os',
  severity: 'warning',
  summary: '`apt-get` on an Alpine container or `apk` on Ubuntu (not in a script that uses both, picking one).',
  kinds: ZY,
  perSetup(r, report, ctx) {
    for (const section of ['build', 'run'] as const) {
      const os = effectiveOs(ctx.model, r, section);
      if (!os) continue;
      const phase = sections(ctx, r)[section];
      const lists = section === 'build' ? [phase?.prepareCommands, sections(ctx, r).build?.buildCommands] : [phase?.prepareCommands, sections(ctx, r).run?.initCommands];
      for (const v of lists.flatMap((l) => l?.items ?? [])) {
        const s = shellCode(String(v.value));
        const apt = APT.exec(s);
        const apk = APK.exec(s);
        // A script that picks its package manager (`if command -v apk …; elif command -v apt-get …`) fits both.
        if (apt && apk) continue;
        const wrong = os.os === 'alpine' ? apt : os.os === 'ubuntu' ? apk : null;
        if (!wrong) continue;
        const at = sourceOffset(ctx.model.text, v, wrong.index + wrong[0].length - 1 - wrong[1].length);
        const span = at === undefined ? v.nodeSpan : { start: at, end: at + wrong[1].length };
        if (os.os === 'alpine') report({ span, message: `The ${section} container runs Alpine${os.explicit ? '' : ' (the default)'}: use "apk", not apt.` });
        else report({ span, message: `The ${section} container runs Ubuntu: use "apt-get", not apk.` });
      }
    }
  },
});
