import { DURATION_RANGE } from '../../catalog/zerops-yml-corrections';
import { CRON_FIELDS, PORT_RANGE, WEBSERVER_PORT } from '../../catalog/zerops-yml-limits';
import { parseGoDuration } from '../../catalog/zerops-yml';
import { headSpanOf, keySpanOf, nodeSpan, pairOf, scalarValue } from '../../model/scalars';
import { isMap, isScalar, isSeq, type TreeMap, type TreeScalar } from '../../model/tree';
import type { ScalarValue, SetupModel, Span } from '../../model/types';
import type { Probe } from '../../model/setup-sections';
import type { ResolvedSetup } from '../../model/zerops-yml';
import { replace } from '../edits';
import { defineRule, type FileAccess, type RuleContext } from '../rule';
import { appendPair, isTrue, perSetupMemo, runTech, sections, setupLabel, setupSpan, str, writtenMaps, ZY } from './common';

// run: start, ports, probes, cron (spec checks 30–54).

// ---- ports ----

interface PortEntry { map: TreeMap; port?: { value: number; span: Span }; protocol?: string; protocolNode?: TreeScalar; httpSupport: boolean }

/** The `run.ports` lists a setup's own text writes, each as its entries (each port rule reads them). */
function portEntries(ctx: RuleContext, setup: SetupModel): PortEntry[][] {
  return perSetupMemo(ctx, 'zy-ports', setup, () => {
    const model = ctx.model;
    const out: PortEntry[][] = [];
    for (const m of writtenMaps(ctx, setup)) {
      if (m.level !== 'run') continue;
      const ports = pairOf(m.map, 'ports')?.value;
      if (!isSeq(ports)) continue;
      const entries: PortEntry[] = [];
      for (const item of ports.items) {
        if (!isMap(item)) continue;
        const p = scalarValue(model.text, pairOf(item, 'port')?.value);
        const proto = pairOf(item, 'protocol')?.value;
        entries.push({
          map: item,
          port: p && typeof p.value === 'number' ? { value: p.value, span: p.nodeSpan } : undefined,
          protocol: isScalar(proto) && typeof proto.value === 'string' ? proto.value : undefined,
          protocolNode: isScalar(proto) ? proto : undefined,
          httpSupport: isTrue(pairOf(item, 'httpSupport')?.value),
        });
      }
      out.push(entries);
    }
    return out;
  });
}

export const portRange = defineRule({
  id: 'port-range',
  severity: 'error',
  summary: `A port outside ${PORT_RANGE.min}–${PORT_RANGE.max}.`,
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const entries of portEntries(ctx, r.setup)) {
      for (const e of entries) {
        if (!e.port || (e.port.value >= PORT_RANGE.min && e.port.value <= PORT_RANGE.max)) continue;
        report({ span: e.port.span, message: `Port ${e.port.value} is outside ${PORT_RANGE.min}–${PORT_RANGE.max}; the ports outside that range are reserved for Zerops and the file is rejected (portOutOfRange).` });
      }
    }
  },
});

export const portProtocolCase = defineRule({
  id: 'port-protocol-case',
  severity: 'warning',
  summary: '`protocol: TCP`/`UDP` where the schema lists lower case.',
  fix: 'Lower case.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const entries of portEntries(ctx, r.setup)) {
      for (const e of entries) {
        if (!e.protocol || !/^(TCP|UDP|Tcp|Udp)$/.test(e.protocol) || !e.protocolNode) continue;
        const v = scalarValue(ctx.model.text, e.protocolNode)!;
        report({
          span: v.nodeSpan,
          message: `The schema lists "${e.protocol.toLowerCase()}" in lower case; some docs pages write ${e.protocol.toUpperCase()}, so whether Zerops accepts this spelling is unconfirmed.`,
          fixes: [{ title: `Change to ${e.protocol.toLowerCase()}`, edits: [replace(v.span, e.protocol.toLowerCase())], preferred: true }],
        });
      }
    }
  },
});

export const portDuplicate = defineRule({
  id: 'port-duplicate',
  severity: 'warning',
  summary: 'The same port and protocol declared twice.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const entries of portEntries(ctx, r.setup)) {
      const seen = new Map<string, PortEntry>();
      for (const e of entries) {
        if (!e.port) continue;
        const k = `${e.port.value}/${(e.protocol ?? 'tcp').toLowerCase()}`;
        const first = seen.get(k);
        if (!first) {
          seen.set(k, e);
          continue;
        }
        report({ span: e.port.span, message: `Port ${k} is declared twice; Zerops may reject the duplicate (internalPortDuplicateRule exists, not verified).`, related: [{ span: first.port!.span, message: 'First declaration' }] });
      }
    }
  },
});

export const portHttpUdp = defineRule({
  id: 'port-http-udp',
  severity: 'error',
  summary: '`httpSupport: true` on a UDP port.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const entries of portEntries(ctx, r.setup)) {
      for (const e of entries) {
        if (!e.httpSupport || (e.protocol ?? 'tcp').toLowerCase() !== 'udp') continue;
        const hs = pairOf(e.map, 'httpSupport')!;
        report({ span: nodeSpan(hs.value) ?? keySpanOf(hs)!, message: 'HTTP routing works on TCP ports only; "httpSupport: true" with "protocol: udp" is rejected (publicHttpRoutingRequestOnlyTcpPort).' });
      }
    }
  },
});

export const port443 = defineRule({
  id: 'port-443',
  severity: 'warning',
  summary: 'Port 443 in `run.ports`: TLS ends at the balancer.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const entries of portEntries(ctx, r.setup)) {
      for (const e of entries) {
        if (e.port?.value !== 443) continue;
        report({ span: e.port.span, message: 'Do not listen on 443: Zerops terminates TLS at its balancer and forwards plain HTTP; serve HTTP on another port (e.g. 8080) with "httpSupport: true".' });
      }
    }
  },
});

/** The ports a merged setup declares, as numbers. */
function declaredPorts(ctx: RuleContext, r: ResolvedSetup): number[] | undefined {
  const items = sections(ctx, r).run?.ports?.items;
  if (!items) return undefined;
  const out: number[] = [];
  for (const { port } of items) if (typeof port?.value === 'number') out.push(port.value);
  return out;
}

export const portWebserverNon80 = defineRule({
  id: 'port-webserver-non80',
  severity: 'warning',
  summary: `A PHP/nginx runtime declaring ports without ${WEBSERVER_PORT} and without its own server config.`,
  kinds: ZY,
  perSetup(r, report, ctx) {
    const tech = runTech(ctx.model, r);
    if (!tech || tech.role !== 'webserver') return;
    const ports = declaredPorts(ctx, r);
    const run = sections(ctx, r).run;
    if (!ports || ports.length === 0 || ports.includes(WEBSERVER_PORT) || run?.siteConfigPath) return;
    report({ span: run!.ports!.keySpan, message: `${tech.label}'s default server listens on port ${WEBSERVER_PORT} only; these ports reach nothing unless a "siteConfigPath" configures them.` });
  },
});

// ---- probes ----

/** A setup's readiness and health checks, in that order. */
function probes(ctx: RuleContext, r: ResolvedSetup): [string, Probe | undefined][] {
  const s = sections(ctx, r);
  return [['readinessCheck', s.deploy?.readinessCheck], ['healthCheck', s.run?.healthCheck]];
}

export const probeShape = defineRule({
  id: 'probe-shape',
  severity: 'error',
  summary: 'A health or readiness check with neither or both of `httpGet` and `exec`.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    for (const [key, n] of probes(ctx, r)) {
      if (!n?.isMap) continue;
      const http = !!n.httpGet;
      const exec = !!n.exec;
      if (http && exec) report({ span: n.keySpan, message: `"${key}" has both "httpGet" and "exec"; give exactly one (Zerops has an error for too many probes).` });
      else if (!http && !exec) report({ span: n.keySpan, message: `"${key}" has neither "httpGet" nor "exec", so it checks nothing; give one (Zerops has an error for no probe).` });
    }
  },
});

export const probeDuration = defineRule({
  id: 'probe-duration',
  severity: 'error',
  summary: 'A probe timing that is a bare number or not a Go duration in 10s–1h: Zerops rejects it, although the schema shows numbers.',
  fix: '`60` → `60s`.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    const { min, max } = DURATION_RANGE;
    for (const m of writtenMaps(ctx, r.setup)) {
      for (const p of m.pairs) {
        if (!p.info?.duration) continue;
        const v = scalarValue(ctx.model.text, p.pair.value);
        if (!v || v.value === null) continue;
        if (typeof v.value === 'number') {
          const n = v.value;
          const to = n >= min && n <= max ? `${n}s` : n < min ? `${min}s` : '1h';
          report({
            span: v.nodeSpan,
            message: `Zerops reads "${p.key}" as a Go duration: write "${n >= min && n <= max ? `${n}s` : to}". A bare number is rejected (cannot unmarshal !!int into time.Duration), although the schema and docs show one.`,
            fixes: [{ title: `Change to ${to}`, edits: [replace(v.nodeSpan, to)], preferred: n >= min && n <= max }],
          });
          continue;
        }
        if (typeof v.value !== 'string') continue;
        const secs = parseGoDuration(v.value);
        if (secs === undefined) {
          report({ span: v.nodeSpan, message: `"${v.value}" is not a Go duration; write it like "90s", "1m30s" or "5m".` });
        } else if (secs < min || secs > max) {
          report({ span: v.nodeSpan, message: `"${p.key}" must be between 10s and 1h; Zerops rejects ${v.value}.`, fixes: [{ title: `Change to ${secs < min ? '10s' : '1h'}`, edits: [replace(v.span, secs < min ? '10s' : '1h')] }] });
        }
      }
    }
  },
});

export const probePortUndeclared = defineRule({
  id: 'probe-port-undeclared',
  severity: 'hint',
  summary: 'An httpGet probe on a port `run.ports` does not declare (probes run inside the container, so an internal port can be deliberate).',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const ports = declaredPorts(ctx, r);
    if (!ports || ports.length === 0) return;
    const tech = runTech(ctx.model, r);
    for (const [key, probe] of probes(ctx, r)) {
      const v = probe?.httpGet?.port;
      if (!v || typeof v.value !== 'number' || ports.includes(v.value)) continue;
      if (v.value === WEBSERVER_PORT && tech?.implicitPort80) continue;
      report({ span: v.nodeSpan, message: `The ${key} probes port ${v.value}, which "run.ports" does not declare (${ports.join(', ')}). Probes run inside the container, so an internal port works if the application listens there; check it is not a leftover.` });
    }
  },
});

const NOOP = /^\s*zsc\s+noop\b/;

/**
 * A command that leaves a server running after it returns: a system service started (`systemctl start`,
 * `service x start`, `rc-service`, `supervisord`), a process sent to the background (`… &`, `nohup`,
 * `setsid`, `daemon`), a daemon flag (`-d`/`--daemon`/`--detach`, `docker run -d`, `pm2 start`).
 * `zsc noop` in `start` then only keeps the container alive (official ELK recipes do this).
 */
const STARTS_SERVER = /\b(systemctl\s+(--\S+\s+)*(start|restart|enable\s+--now)\b|service\s+\S+\s+(start|restart)\b|rc-service\s+\S+\s+(start|restart)\b|supervisord\b|nohup\b|setsid\b|start-stop-daemon\b|pm2\s+start\b|docker\s+(compose\s+up|run)\b[^\n]*\s(-d|--detach)\b)|\s--daemon(ize)?\b|(^|[^&>|])&[ \t]*($|\n|;|\)|disown\b)/m;

/** `run.start` when it is one string. */
function startString(ctx: RuleContext, r: ResolvedSetup) {
  const start = sections(ctx, r).run?.start;
  return start && !start.list ? start.items[0] : undefined;
}

export const probeNoopStart = defineRule({
  id: 'probe-noop-start',
  severity: 'warning',
  summary: 'An HTTP probe on a setup whose start is `zsc noop`.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const start = startString(ctx, r);
    if (!start || !NOOP.test(String(start.value))) return;
    if ((sections(ctx, r).run?.initCommands?.items ?? []).some((c) => STARTS_SERVER.test(String(c.value)))) return;
    for (const [key, probe] of probes(ctx, r)) {
      const http = probe?.httpGet;
      if (http) report({ span: http.keySpan, message: `Setup ${setupLabel(r.setup)} starts "zsc noop", so nothing answers this HTTP ${key}: ${key === 'readinessCheck' ? 'the deploy fails' : 'the container is restarted again and again'}.` });
    }
  },
});

export const probeScheme = defineRule({
  id: 'probe-scheme',
  severity: 'warning',
  summary: '`scheme` other than http/https; hints for a path without `/` and a URL as `host`.',
  fix: 'Lower-case scheme.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (!m.level.endsWith('.httpGet')) continue;
      for (const p of m.pairs) {
        const v = str(ctx.model, p.pair.value);
        if (!v) continue;
        const s = String(v.value);
        if (p.key === 'scheme' && s !== 'http' && s !== 'https') report({ span: v.nodeSpan, message: `"scheme" is "http" or "https", not "${s}".`, fixes: /^https?$/i.test(s) ? [{ title: `Change to ${s.toLowerCase()}`, edits: [replace(v.span, s.toLowerCase())], preferred: true }] : [] });
        if (p.key === 'path' && !s.startsWith('/')) report({ span: v.nodeSpan, message: 'A probe path normally starts with "/".', severity: 'hint', fixes: v.verbatim ? [{ title: `Change to /${s}`, edits: [replace(v.span, `/${s}`)] }] : [] });
        if (p.key === 'host' && s.includes('://')) report({ span: v.nodeSpan, message: '"host" is the Host header sent, not a URL; the request always goes to the container itself.', severity: 'hint' });
      }
    }
  },
});

// ---- start ----

/** A setup named for development: `dev`, `development`, `dev-api`, `appdev`, `api_dev` (zcp's dev hostnames end in dev). */
const DEV_SETUP = /^dev(elop(ment)?)?([-_]|$)|dev$/i;

export const startMissing = defineRule({
  id: 'start-missing',
  severity: 'warning',
  summary: 'A language runtime (Node.js, Python, Go …) with neither `start` nor `startCommands`; only a hint on a development setup (`dev`, `appdev`), which recipes start over SSH.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const run = sections(ctx, r).run;
    if (run?.start || run?.startCommands) return;
    const tech = runTech(ctx.model, r);
    if (!tech?.startExpected) return;
    const name = r.setup.name?.value;
    if (typeof name === 'string' && DEV_SETUP.test(name)) {
      // Official recipes leave `start` out of their development setups on purpose (django-app, strapi-app):
      // the developer starts the process over SSH.
      report({ severity: 'hint', span: setupSpan(r.setup), message: `Development setup ${setupLabel(r.setup)} has no "start": no process runs until you start one over SSH. If that is the intent, "start: zsc noop --silent" says so.` });
      return;
    }
    report({ span: setupSpan(r.setup), message: `Setup ${setupLabel(r.setup)} runs ${tech.label} with no "start": the container runs no application process (the docs call it required; a rejection was not observed).` });
  },
});

export const startAndStartCommands = defineRule({
  id: 'start-and-start-commands',
  severity: 'warning',
  summary: 'Both `start` and `startCommands`.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const run = sections(ctx, r).run;
    if (run?.start && run.startCommands) report({ span: run.startCommands.keySpan, message: '"start" and "startCommands" together: the docs say to use one or the other; which one wins is not documented.' });
  },
});

const BUILD_IN_START = /^\s*(npm (ci|install|i)\b|pip3? install|go build|cargo build|mvn (package|install)|gradle build|\.\/gradlew build|composer install|yarn install|pnpm install)/;

/** Each start command a setup's own text writes: `run.start`, and the `command` of each `run.startCommands` entry. */
function eachStart(ctx: RuleContext, setup: SetupModel, fn: (v: ScalarValue, level: string) => void): void {
  for (const m of writtenMaps(ctx, setup)) {
    if (m.level !== 'run' && m.level !== 'run.startCommands[]') continue;
    const p = m.pairs.find((x) => x.key === (m.level === 'run' ? 'start' : 'command'));
    const v = p && str(ctx.model, p.pair.value);
    if (v) fn(v, m.level);
  }
}

export const startBuildCommand = defineRule({
  id: 'start-build-command',
  severity: 'warning',
  summary: 'A start command that installs or builds (`npm install`, `go build`).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    eachStart(ctx, r.setup, (v) => {
      if (BUILD_IN_START.test(String(v.value))) report({ span: v.nodeSpan, message: 'The start command installs or builds: that belongs in "build.buildCommands", which runs once per deploy, not at every container start.' });
    });
  },
});

const LOCALHOST_BIND = /(--host(name)?[ =](127\.0\.0\.1|localhost)\b|-H[ =]?(127\.0\.0\.1|localhost)\b|--bind[ =](127\.0\.0\.1|localhost)\b|\bHOST=(127\.0\.0\.1|localhost)\b)/;

export const startBindsLocalhost = defineRule({
  id: 'start-binds-localhost',
  severity: 'warning',
  summary: 'A start command binding 127.0.0.1 / localhost: the balancer cannot reach it.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    eachStart(ctx, r.setup, (v) => {
      if (LOCALHOST_BIND.test(String(v.value))) report({ span: v.nodeSpan, message: 'Bind 0.0.0.0: the balancer cannot reach a process listening on 127.0.0.1 / localhost (502).' });
    });
  },
});

export const dockerNetworkHost = defineRule({
  id: 'docker-network-host',
  severity: 'warning',
  summary: '`docker run` on a Docker service without `--network=host`.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    if (runTech(ctx.model, r)?.tech !== 'docker') return;
    const start = startString(ctx, r);
    if (start && /\bdocker run\b/.test(String(start.value)) && !/--network[= ]host\b|--net[= ]host\b/.test(String(start.value))) {
      report({ span: start.nodeSpan, message: 'On a Docker service, "docker run" needs "--network=host", or the ports the container opens are not reachable.' });
    }
  },
});

/**
 * The image of `docker pull|run`: after the options, where only the options known to take a separate
 * value (`-p 80:80`, `--name x`) swallow the next word; a flag like `-d` does not.
 */
const DOCKER_IMAGE = /\bdocker (?:image pull|pull|run)\b(?:\s+(?:(?:-[pvewuhl]|--(?:name|env|volume|publish|network|net|restart|user|workdir|mount|env-file|label|hostname|entrypoint|memory|cpus))\s+\S+|-{1,2}[\w-]+(?:=\S*)?))*\s+([a-z0-9./_-]+(?::[\w.-]+)?)/;

/** `docker build -t name[:tag]` / `--tag`, `docker tag src name`, `docker load`'s image: names the setup makes itself. */
const DOCKER_BUILT = /\bdocker\s+(?:image\s+)?(?:build|buildx\s+build)\b[^\n]*?\s(?:-t|--tag)[ =]([a-z0-9./_-]+)|\bdocker\s+(?:image\s+)?tag\s+\S+\s+([a-z0-9./_-]+)/g;

/** The image names (without tag) a setup builds or tags itself in any of its commands. */
function builtImages(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(DOCKER_BUILT)) out.add((m[1] ?? m[2]).replace(/:[\w.-]*$/, ''));
  return out;
}

export const dockerLatestTag = defineRule({
  id: 'docker-latest-tag',
  severity: 'hint',
  summary: 'A Docker image without a fixed tag: cached prepare commands never pull a newer one.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    if (runTech(ctx.model, r)?.tech !== 'docker') return;
    const { build, run } = sections(ctx, r);
    const cmds = [...(run?.prepareCommands?.items ?? []), ...(run?.start?.items ?? [])];
    // An image built from the deployed files (`docker build -t app .` then `docker run app`) is never pulled.
    const all = [...cmds, ...(run?.initCommands?.items ?? []), ...(build?.buildCommands?.items ?? [])];
    const built = builtImages(all.map((c) => String(c.value)));
    const reported = new Set<string>();
    for (const c of cmds) {
      const m = DOCKER_IMAGE.exec(String(c.value));
      if (!m) continue;
      const image = m[1];
      if (image.includes(':') && !image.endsWith(':latest')) continue;
      if (built.has(image.replace(/:latest$/, '')) || reported.has(image)) continue;
      reported.add(image);
      report({ span: c.nodeSpan, message: `Image "${image}" has no fixed tag: prepare commands are cached, so a newer "latest" is never pulled. Pin a version.` });
    }
  },
});

export const routingNonStatic = defineRule({
  id: 'routing-non-static',
  severity: 'warning',
  summary: '`run.routing` on a runtime other than Static, where it is ignored.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const n = sections(ctx, r).run?.routing;
    const tech = runTech(ctx.model, r);
    if (!n || !tech || tech.role === 'static') return;
    report({ span: n.keySpan, message: `"routing" works only on Static services; on ${tech.label} it is silently ignored.` });
  },
});

export const webserverKeyNonWebserver = defineRule({
  id: 'webserver-key-non-webserver',
  severity: 'warning',
  summary: '`documentRoot`/`siteConfigPath` on a runtime without a webserver.',
  kinds: ZY,
  perSetup(r, report, ctx) {
    const tech = runTech(ctx.model, r);
    if (!tech || tech.role === 'webserver' || tech.role === 'static') return;
    const run = sections(ctx, r).run;
    for (const key of ['documentRoot', 'siteConfigPath'] as const) {
      const n = run?.[key];
      if (n) report({ span: n.keySpan, message: `"${key}" is for webserver runtimes (PHP, nginx, static); on ${tech.label} it most likely has no effect (not verified).` });
    }
  },
});

export const routingRedirect = defineRule({
  id: 'routing-redirect',
  severity: 'warning',
  summary: 'An absolute redirect without `status`; hints for `preservePath` without a trailing `/` and non-redirect statuses.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'run.routing.redirects[]') continue;
      const get = (k: string) => m.pairs.find((p) => p.key === k);
      const from = str(ctx.model, get('from')?.pair.value);
      const to = str(ctx.model, get('to')?.pair.value);
      const status = scalarValue(ctx.model.text, get('status')?.pair.value);
      const absolute = [from, to].find((v) => v && /^https?:\/\//.test(String(v.value)));
      if (absolute && !status) report({ span: absolute.nodeSpan, message: 'A redirect with an absolute URL needs a "status" (301, 302 …).' });
      if (to && isTrue(get('preservePath')?.pair.value) && !String(to.value).endsWith('/')) report({ span: to.nodeSpan, message: 'With "preservePath", "to" should end in "/", or the path is glued on without a separator.', severity: 'hint' });
      if (status && typeof status.value === 'number' && (status.value < 300 || status.value > 399)) report({ span: status.nodeSpan, message: `${status.value} is not a redirect status (300–399).`, severity: 'hint' });
    }
  },
});

export const routingHeaderQuoting = defineRule({
  id: 'routing-header-quoting',
  severity: 'hint',
  summary: 'A header value with spaces or `;` that nginx receives unquoted.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'run.routing.headers[]') continue;
      const values = m.pairs.find((p) => p.key === 'values')?.pair.value;
      if (!isMap(values)) continue;
      for (const e of values.items) {
        const v = str(ctx.model, e.value);
        if (!v) continue;
        const s = String(v.value);
        if (/[\s;]/.test(s) && !/^["']/.test(s)) report({ span: v.nodeSpan, message: 'Header values go into the nginx configuration as written: a value with spaces or ";" needs its own quotes inside the YAML string ("\'"max-age=3600, public"\'`).' });
      }
    }
  },
});

// ---- cron ----

const CRON_RANGES: [number, number][] = CRON_FIELDS.map((f) => [f.min, f.max]);

function cronFieldOk(field: string, [lo, hi]: [number, number]): boolean {
  return field.split(',').every((part) => {
    const [range, step] = part.split('/');
    if (step !== undefined && !/^\d+$/.test(step)) return false;
    if (range === '*') return true;
    const ends = range.split('-');
    if (ends.length > 2 || !ends.every((x) => /^\d+$/.test(x))) return false;
    return ends.every((x) => Number(x) >= lo && Number(x) <= hi);
  });
}

export const cronTimingInvalid = defineRule({
  id: 'cron-timing-invalid',
  severity: 'warning',
  summary: 'A cron timing that is not five fields in range.',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'run.crontab[]') continue;
      const v = str(ctx.model, m.pairs.find((p) => p.key === 'timing')?.pair.value);
      if (!v) continue;
      const s = String(v.value).trim();
      if (s.startsWith('@')) {
        report({ span: v.nodeSpan, message: `"${s}" is not documented for Zerops cron, which describes five fields (minute hour day month weekday).`, severity: 'hint' });
        continue;
      }
      const fields = s.split(/\s+/);
      const bad = fields.length !== CRON_FIELDS.length ? `has ${fields.length} fields, not ${CRON_FIELDS.length} (${CRON_FIELDS.map((f) => f.name).join(' ')})` : fields.map((f, i) => (cronFieldOk(f, CRON_RANGES[i]) ? undefined : `field ${i + 1} "${f}" is outside ${CRON_RANGES[i].join('–')}`)).find(Boolean);
      if (bad) report({ span: v.nodeSpan, message: `This cron timing ${bad}; how Zerops reacts is not documented.` });
    }
  },
});

export const cronAllContainersMissing = defineRule({
  id: 'cron-all-containers-missing',
  severity: 'hint',
  summary: 'A cron job without `allContainers`, which the schema requires but docs examples and official recipes leave out.',
  fix: 'Add `allContainers: false` (offered, not applied by fix-all).',
  kinds: ZY,
  templates: true,
  perSetup(r, report, ctx) {
    for (const m of writtenMaps(ctx, r.setup)) {
      if (m.level !== 'run.crontab[]' || m.pairs.some((p) => p.key === 'allContainers')) continue;
      const edit = appendPair(ctx.model, m.map, 'allContainers', 'false');
      report({
        span: headSpanOf(m.map)!,
        message: 'The schema lists "allContainers" as required on each cron job; docs examples and official recipes leave it out, and the job then runs on one container. "allContainers: false" says so explicitly.',
        fixes: edit ? [{ title: 'Add allContainers: false', edits: [edit] }] : [],
      });
    }
  },
});

const normPath = (p: string) => p.trim().replace(/^\.\//, '').replace(/\/+$/, '');

/** A `deployFiles` entry whose matches cannot be told without the build: a `~` or a glob. */
const wildEntry = (e: string) => e.includes('~') || /[*?[]/.test(e);

/**
 * The `siteConfigPath` of a setup, with its `deployFiles` entries and whether a plain entry (the whole
 * tree, or a folder or file on the path, no `~` or glob) deploys it: then its path in the runtime
 * container is its path beside zerops.yml in the repository.
 */
function siteConfig(ctx: RuleContext, r: ResolvedSetup): { site: ScalarValue; path: string; entries: string[]; plain: boolean } | undefined {
  // Run at every check (the file it names may change unseen), so a file that never names one costs nothing.
  if (!ctx.memo('zy-names-site-config', (model) => model.text.includes('siteConfigPath'))) return undefined;
  const { build, run } = sections(ctx, r);
  const site = run?.siteConfigPath?.value;
  const deploy = build?.deployFiles ?? build?.deploy;
  if (!site || typeof site.value !== 'string' || !deploy) return undefined;
  const entries = deploy.items.map((v) => String(v.value));
  if (!entries.length) return undefined;
  const path = normPath(String(site.value));
  const plain = entries.some((e) => !wildEntry(e) && (normPath(e) === '.' || normPath(e) === '' || path === normPath(e) || path.startsWith(`${normPath(e)}/`)));
  return { site, path, entries, plain };
}

/**
 * Whether the checked file lies in a git work tree: a `.git` folder (its `HEAD`) or a `.git` file (a
 * linked worktree) in its folder or a folder above, as far up as the readable root goes.
 */
export function inWorkTree(files: FileAccess): boolean {
  for (let up = '', i = 0; i < 32; up += '../', i++) {
    const head = files.read(`${up}.git/HEAD`);
    const dotGit = files.read(`${up}.git`);
    if ((head !== undefined && head !== 'missing') || (dotGit !== undefined && dotGit !== 'missing')) return true;
    // Past the root the reader lets us see: nothing more can be told.
    if (head === undefined && dotGit === undefined) return false;
  }
  return false;
}

export const siteConfigNotDeployed = defineRule({
  id: 'site-config-not-deployed',
  severity: 'warning',
  summary: '`siteConfigPath` outside every `deployFiles` entry (not checked with wildcards), or, deployed as it is, missing from the repository.',
  kinds: ZY,
  dependsOn: ['files'],
  perSetup(r, report, ctx) {
    const found = siteConfig(ctx, r);
    if (!found) return;
    const { site, path, entries, plain } = found;
    if (plain) {
      // Deployed from where it is in the repository: it must be there, unless the build writes it. In a
      // folder that is no git work tree, what is on disk need not be what the build gets: say nothing.
      if (ctx.files?.read(path) === 'missing' && inWorkTree(ctx.files)) {
        report({ span: site.nodeSpan, message: `"${site.value}" is not in the repository beside zerops.yml; unless a build command writes it, the runtime container gets no server configuration.` });
      }
      return;
    }
    // A wildcard whose matches cannot be told without the build: covered.
    if (entries.some(wildEntry)) return;
    report({ span: site.nodeSpan, message: `"${site.value}" is not among the deployed files (${entries.join(', ')}); the server configuration must be deployed to the runtime container.` });
  },
});

export const siteConfigNotTemplate = defineRule({
  id: 'site-config-not-template',
  severity: 'hint',
  summary: 'The file at `siteConfigPath` uses `{{.` placeholders but its name does not end in `.tmpl`, so they are not filled in.',
  kinds: ZY,
  dependsOn: ['files'],
  perSetup(r, report, ctx) {
    const found = siteConfig(ctx, r);
    if (!found) return;
    const { site, path, plain } = found;
    if (!plain || path.endsWith('.tmpl')) return;
    const text = ctx.files?.read(path);
    if (typeof text !== 'string' || !text.includes('{{.')) return;
    report({ span: site.nodeSpan, message: `"${site.value}" uses {{.…}} placeholders, but Zerops fills them in only in a file whose name ends in .tmpl; as named, the server reads them literally. Rename the file to ${path.split('/').pop()}.tmpl (and this path with it).` });
  },
});
