import { isPerDocument, type Report, type Rule, type RuleContext, type Severity } from '../rule';
import * as bases from './bases';
import * as cross from './cross';
import { ZY } from './common';
import * as env from './env-build';
import * as run from './run';
import * as schema from './schema';
import * as setups from './setups';

// The zerops.yml checks of shared/zerops-yml-spec.md §2, by the spec's ids (public interface). Checks
// whose id an import-file rule already has run under that rule (see `alsoInZeropsYml`).

type Check = (ctx: RuleContext, report: Report) => void;

/** A zerops.yml rule; 'document' for one that reads the file as a whole rather than setup by setup. */
function rule(id: string, severity: Severity, summary: string, check: Check, fix?: string, scope?: 'document'): Rule {
  const meta = { id, severity, summary, kinds: ZY, ...(fix ? { fix } : {}) };
  return scope === 'document' ? { ...meta, perDocument: check } : { ...meta, perService: check };
}

/** The zerops.yml side of a rule the import files already have, under the same id. */
export interface ZeropsYmlPart {
  check: Check;
  /** The default level in zerops.yml, when it differs. */
  severity?: Severity;
  /** What the rule checks in zerops.yml, appended to its summary. */
  summary: string;
  fix?: string;
}

export const SHARED_PARTS: Readonly<Record<string, ZeropsYmlPart>> = {
  'schema-unknown-key': { check: schema.zyUnknownKey, severity: 'warning', summary: 'In zerops.yml a warning, since Zerops ignores unknown keys there: a misspelt key, a key in the wrong section (`run.deployFiles`), or an import-file key.', fix: 'zerops.yml: move the key to its section, or rename to the nearest key.' },
  'schema-value-type': { check: schema.zyValueType, summary: 'In zerops.yml: `port: "3000"`, `httpSupport: yes`, a map where a command list belongs.', fix: 'zerops.yml: drop the quotes of a quoted number or boolean.' },
  'schema-required': { check: schema.zyRequired, summary: 'In zerops.yml: no `zerops` list (or the old per-hostname format), a setup without a name, `httpGet` without `port` or `path`, a port without `port` …', fix: 'zerops.yml: rewrite the old per-hostname format as a `zerops:` list (offered).' },
  'schema-enum': { check: schema.zyEnum, summary: 'In zerops.yml: `os`, `protocol` outside their values.' },
  'deprecated-field': { check: schema.zyDeprecated, summary: 'In zerops.yml: `build.deploy` (old name of `deployFiles`), `os` next to a composite base.', fix: 'zerops.yml: rename `build.deploy` to `deployFiles`.' },
  'env-key-invalid': { check: env.zyEnvKeyInvalid, summary: 'Also in zerops.yml env maps (a likely rejection there).' },
  'reference-unknown-service': { check: cross.zyReferenceUnknownService, summary: 'In zerops.yml: a lowercase host matching no service of the workspace\'s import files (only when there are import files).', fix: 'zerops.yml: the nearest hostname.' },
  'env-zerops-prefix': { check: env.zyEnvZeropsPrefix, summary: 'The same in zerops.yml.' },
};

/** Adds the zerops.yml part of a shared id to the import rule with that id. */
export function alsoInZeropsYml(base: Rule, part: ZeropsYmlPart): Rule {
  const severityByKind = part.severity && part.severity !== base.severity ? { ...base.severityByKind, 'zerops-yml': part.severity } : base.severityByKind;
  return {
    ...base,
    kinds: [...new Set([...base.kinds, 'zerops-yml' as const])],
    summary: `${base.summary} ${part.summary}`,
    ...(base.fix || part.fix ? { fix: [base.fix, part.fix].filter(Boolean).join(' ') } : {}),
    ...(severityByKind ? { severityByKind } : {}),
    ...(isPerDocument(base)
      ? { perDocument: (ctx: RuleContext, report: Report) => (ctx.model.kind === 'zerops-yml' ? part.check(ctx, report) : base.perDocument(ctx, report)) }
      : { perService: (ctx: RuleContext, report: Report) => (ctx.model.kind === 'zerops-yml' ? part.check(ctx, report) : base.perService(ctx, report)) }),
  } as Rule;
}

export const ZEROPS_YML_RULES: readonly Rule[] = [
  // A. file
  rule('file-empty', 'error', 'zerops.yml is empty: zcli refuses to push it.', schema.fileEmpty, undefined, 'document'),
  rule('file-name-shadowed', 'warning', 'A `zerops.yml` with a `zerops.yaml` beside it: zcli reads `zerops.yaml` first.', schema.fileNameShadowed, undefined, 'document'),
  rule('setups-empty', 'error', '`zerops:` holds no setup.', schema.setupsEmpty),
  rule('preprocessor-not-expanded', 'warning', '`<@…>` in zerops.yml, where the preprocessor is documented for import files only (the directive line alone: a hint).', schema.preprocessorNotExpanded, undefined, 'document'),
  // C. bases
  rule('base-unknown', 'error', '`build.base`/`run.base` names a technology Zerops does not offer (`node@22`, `postgresql@16`).', bases.baseUnknown, 'The nearest technology (`node` → `nodejs`).'),
  rule('base-version-unknown', 'error', 'A known technology with a version Zerops does not offer (`nodejs@99`, `python@3.10`).', bases.baseVersionUnknown, 'The nearest current versions (offered, not applied by fix-all).'),
  rule('base-version-legacy', 'warning', 'A version only older catalogues list (`nodejs@18`, `php-nginx@8.1`): it may stop building.', bases.baseVersionLegacy, 'The newest current version (offered, not applied by fix-all).'),
  rule('base-wrong-phase', 'warning', 'A run-only base in `build` (`php-nginx@8.4`, `static`) or a build-only one in `run` (`php@8.4`); an error for `docker` in build.', bases.baseWrongPhase, '`php-nginx@8.4` ↔ `php@8.4`; `static` in build → `nodejs@latest`.'),
  rule('base-os-mismatch', 'warning', 'An OS prefix or `os` the base is not offered on (`alpine/deno@2`, `os: alpine` with `deno@2`).', bases.baseOsMismatch, 'The OS the base is offered on.'),
  rule('os-build-run-differ', 'hint', 'The build runs on another OS than the runtime while installing packages: native modules may not load.', bases.osBuildRunDiffer),
  // D. setups
  rule('setup-duplicate', 'warning', 'Two setups with one name: zcli uses the first.', setups.setupDuplicate),
  rule('extends-unknown', 'error', '`extends` names a setup this file does not have.', setups.extendsUnknown, 'The nearest setup name.'),
  rule('extends-cycle', 'error', '`extends` goes round in a circle.', setups.extendsCycle),
  rule('run-missing', 'warning', 'A deployable setup without `run` (after `extends`).', setups.runMissing),
  // E. build
  rule('deploy-files-missing', 'error', 'A setup that builds but names no `deployFiles` (after `extends`): nothing would be deployed.', setups.deployFilesMissing, 'Add `deployFiles: ./` (offered, not applied by fix-all).'),
  rule('deploy-files-empty', 'warning', '`deployFiles: ""` or `[]`.', setups.deployFilesEmpty),
  rule('deploy-files-path', 'warning', 'An absolute (other than a lone `/`) or `..` path in `deployFiles`.', env.deployFilesPath),
  rule('cache-path', 'hint', 'An absolute cache path, or `.next/cache` (EACCES on the next build).', env.cachePath),
  rule('add-to-run-prepare-unused', 'hint', '`build.addToRunPrepare` without `run.prepareCommands`.', env.addToRunPrepareUnused),
  rule('prepare-commands-app-files', 'warning', '`run.prepareCommands` reading the application\'s files in /var/www (`cd /var/www && npm ci`), which are not deployed yet; writing there is fine.', env.prepareCommandsAppFiles),
  rule('pkg-install-no-sudo', 'warning', '`apk add` / `apt-get install` in `prepareCommands` without `sudo`.', env.pkgInstallNoSudo, 'Prefix with `sudo`.'),
  rule('pkg-manager-os', 'warning', '`apt-get` on an Alpine container or `apk` on Ubuntu (not in a script that uses both, picking one).', env.pkgManagerOs),
  // F. run and start
  rule('start-missing', 'warning', 'A language runtime (Node.js, Python, Go …) with neither `start` nor `startCommands`; only a hint on a development setup (`dev`, `appdev`), which recipes start over SSH.', run.startMissing),
  rule('start-and-start-commands', 'warning', 'Both `start` and `startCommands`.', run.startAndStartCommands),
  rule('start-build-command', 'warning', 'A start command that installs or builds (`npm install`, `go build`).', run.startBuildCommand),
  rule('start-binds-localhost', 'warning', 'A start command binding 127.0.0.1 / localhost: the balancer cannot reach it.', run.startBindsLocalhost),
  rule('docker-network-host', 'warning', '`docker run` on a Docker service without `--network=host`.', run.dockerNetworkHost),
  rule('docker-latest-tag', 'hint', 'A Docker image without a fixed tag: cached prepare commands never pull a newer one.', run.dockerLatestTag),
  rule('routing-non-static', 'warning', '`run.routing` on a runtime other than Static, where it is ignored.', run.routingNonStatic),
  rule('webserver-key-non-webserver', 'warning', '`documentRoot`/`siteConfigPath` on a runtime without a webserver.', run.webserverKeyNonWebserver),
  rule('site-config-not-deployed', 'warning', '`siteConfigPath` outside every `deployFiles` entry (not checked with wildcards), or, deployed as it is, missing from the repository.', run.siteConfigNotDeployed),
  rule('site-config-not-template', 'hint', 'The file at `siteConfigPath` uses `{{.` placeholders but its name does not end in `.tmpl`, so they are not filled in.', run.siteConfigNotTemplate),
  rule('routing-redirect', 'warning', 'An absolute redirect without `status`; hints for `preservePath` without a trailing `/` and non-redirect statuses.', run.routingRedirect),
  rule('routing-header-quoting', 'hint', 'A header value with spaces or `;` that nginx receives unquoted.', run.routingHeaderQuoting),
  // G. ports
  rule('port-range', 'error', 'A port outside 10–65435.', run.portRange),
  rule('port-protocol-case', 'warning', '`protocol: TCP`/`UDP` where the schema lists lower case.', run.portProtocolCase, 'Lower case.'),
  rule('port-duplicate', 'warning', 'The same port and protocol declared twice.', run.portDuplicate),
  rule('port-http-udp', 'error', '`httpSupport: true` on a UDP port.', run.portHttpUdp),
  rule('port-443', 'warning', 'Port 443 in `run.ports`: TLS ends at the balancer.', run.port443),
  rule('port-webserver-non80', 'warning', 'A PHP/nginx runtime declaring ports without 80 and without its own server config.', run.portWebserverNon80),
  // H. probes
  rule('probe-shape', 'error', 'A health or readiness check with neither or both of `httpGet` and `exec`.', run.probeShape),
  rule('probe-duration', 'error', 'A probe timing that is a bare number or not a Go duration in 10s–1h: Zerops rejects it, although the schema shows numbers.', run.probeDuration, '`60` → `60s`.'),
  rule('probe-port-undeclared', 'hint', 'An httpGet probe on a port `run.ports` does not declare (probes run inside the container, so an internal port can be deliberate).', run.probePortUndeclared),
  rule('probe-noop-start', 'warning', 'An HTTP probe on a setup whose start is `zsc noop`.', run.probeNoopStart),
  rule('probe-scheme', 'warning', '`scheme` other than http/https; hints for a path without `/` and a URL as `host`.', run.probeScheme, 'Lower-case scheme.'),
  // I. cron
  rule('cron-all-containers-missing', 'hint', 'A cron job without `allContainers`, which the schema requires but docs examples and official recipes leave out.', run.cronAllContainersMissing, 'Add `allContainers: false` (offered, not applied by fix-all).'),
  rule('cron-timing-invalid', 'warning', 'A cron timing that is not five fields in range.', run.cronTimingInvalid),
  // J. env
  rule('env-system-key', 'error', 'A variable named like one Zerops sets (`hostname`, `PATH`, `serviceId` …; `HOSTNAME` in run).', env.envSystemKey, 'Rename to `APP_<NAME>` (offered).'),
  rule('env-self-shadow', 'warning', '`X: ${X}`: resolves to the literal text.', env.envSelfShadow, 'Delete the line (offered).'),
  rule('env-build-prefix-in-run', 'warning', '`${BUILD_…}` in run.envVariables, where it stays literal; a hint for `${RUNTIME_X}` in build when X is defined nowhere visible (with import files).', env.envBuildPrefixInRun),
  rule('env-value-format', 'warning', 'A value with a line break or a non-ASCII character.', env.envValueFormat),
  rule('reference-unknown-local', 'info', '`${NAME}` defined nowhere visible: not in the env map (after `extends`), a system variable, a project variable or a secret of the service (only with import files).', cross.referenceUnknownLocal),
  // §3 cross-file
  {
    id: 'service-setup-missing',
    severity: 'error',
    summary: 'A runtime service of the imports builds this repository (`buildFromGit` equals a remote of `.git/config`) with a setup the repository\'s root zerops.yml lacks: reported in zerops.yml, and in the import file on its `zeropsSetup` value; silent for other repositories, an unknown remote, services without `buildFromGit`, and a zerops.yml below the repository root (builds read the root one).',
    fix: 'Import file: change `zeropsSetup` to the nearest setup name.',
    kinds: ['zerops-yml', 'import'],
    // The import side reads the setups of another file (the repository's zerops.yml): every check.
    perDocument: (ctx, report) => (ctx.model.kind === 'import' ? cross.importSetupMissing(ctx, report) : cross.serviceSetupMissing(ctx, report)),
  },
  rule('setup-unknown-service', 'hint', 'A setup no service of the workspace\'s imports uses by hostname or `zeropsSetup`, unless none of several setups is used or a service without `buildFromGit` matches none of them (either way the file is deployed with `zcli push --setup`).', cross.setupUnknownService),
  rule('setup-managed-service', 'warning', 'A setup named like a managed service of the imports (code cannot be deployed there).', cross.setupManagedService),
  rule('env-secret-collision', 'warning', 'A `run.envVariables` key that is also an `envSecrets` key of the service using the setup: the secret is dropped or refused.', cross.envSecretCollision),
  rule('subdomain-no-http-port', 'warning', '`enableSubdomainAccess: true` on a service whose setup publishes no HTTP port.', cross.subdomainNoHttpPort),
  rule('base-type-mismatch', 'info', '`run.base` technology differs from the import `type` of the service using the setup (a bare alpine/ubuntu run base is not reported).', cross.baseTypeMismatch),
  rule('env-subdomain-multiport', 'hint', '`${zeropsSubdomain}` with several HTTP ports: one URL per line.', env.envSubdomainMultiport),
];
