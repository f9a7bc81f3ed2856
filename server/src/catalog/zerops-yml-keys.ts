// What each zerops.yml key does and where it acts, in our own words, by level (`run`, `run.ports[]`, …).
// The key schema (schema.ts) joins this with the published schemas (zerops-yml.generated.ts) and the
// corrections (zerops-yml-corrections.ts). Facts: shared/zerops-yml-spec.md §1.

/**
 * Where a key takes effect: the build container, the runtime container (or the prepare container that
 * builds its image), the platform around it (balancer, deploy process), or the file itself.
 */
export type KeyWhere = 'file' | 'build' | 'runtime' | 'platform';

type Doc = string | { doc: string; where: KeyWhere };
const B = (doc: string): Doc => ({ doc, where: 'build' });
const R = (doc: string): Doc => ({ doc, where: 'runtime' });
const P = (doc: string): Doc => ({ doc, where: 'platform' });
const F = (doc: string): Doc => ({ doc, where: 'file' });

const HTTP_GET = {
  port: P('The port the check connects to, inside the container.'),
  path: P('The URL path requested, e.g. `/health`; a 2xx answer within 5 seconds passes.'),
  host: P('The Host header sent with the request (not an address: the request always goes to 127.0.0.1).'),
  scheme: P('`http`, or `https` only when the application itself serves TLS; Zerops terminates public TLS at its balancer.'),
};
const EXEC = { command: P('A shell command run in the container; exit code 0 passes.') };

export const ZEROPS_YML_KEY_DOCS: Readonly<Record<string, Readonly<Record<string, Doc>>>> = {
  root: {
    zerops: F('The list of setups: each entry is a build and run recipe named by `setup`.'),
  },
  setup: {
    setup: F('The name of this recipe. A service uses the setup named like its hostname, or the one its import names in `zeropsSetup` (`zcli push --setup` picks one by hand).'),
    extends: F('Another setup (or a list of them) of this file to start from; the keys written here override the inherited ones, maps merged key by key.'),
    build: B('How the application is built: the build container\'s base, commands, and what to deploy.'),
    deploy: P('How a new version replaces the running one: readiness check and temporary shutdown.'),
    run: R('The runtime container: its base, ports, start command, variables and checks.'),
  },
  build: {
    base: B('Technology (and version) of the build container, e.g. `nodejs@22` or `alpine/nodejs@22`; a list installs several (`[php@8.4, nodejs@22]`).'),
    os: B('`alpine` or `ubuntu`: the build container\'s operating system. Superseded by an OS prefix in `base` (`ubuntu/nodejs@22`).'),
    prepareCommands: B('Commands that customise the build image (install tools); run in /home/zerops and cached until they change.'),
    buildCommands: B('Commands that build the application, run in /build/source; each item is its own shell, and a failing one stops the build.'),
    deployFiles: B('Paths (from the directory of zerops.yml) copied from the build into /var/www of the runtime; `./` is everything, `dist/~` the contents of dist.'),
    deploy: B('Old name of `deployFiles`.'),
    cache: B('What the build keeps for the next build: `true` (the whole container), `false`, or paths relative to /build/source.'),
    addToRunPrepare: B('Files copied from the build into /home/zerops of the container that runs `run.prepareCommands`.'),
    envVariables: B('Variables of the build container only; the runtime has its own (`run.envVariables`).'),
  },
  deploy: {
    readinessCheck: P('A check each new container must pass before it gets traffic; if it never passes, the deploy fails and the old version keeps running.'),
    temporaryShutdown: P('`true` stops the old containers before starting new ones (downtime); `false` starts the new ones first.'),
  },
  'deploy.readinessCheck': {
    httpGet: P('Check by HTTP GET against the container (give either this or `exec`).'),
    exec: P('Check by running a command in the container (give either this or `httpGet`).'),
    failureTimeout: P('How long the check may keep failing before the deploy fails: a Go duration such as `60s` or `5m`.'),
    retryPeriod: P('How long to wait between attempts: a Go duration such as `10s`.'),
  },
  'deploy.readinessCheck.httpGet': HTTP_GET,
  'deploy.readinessCheck.exec': EXEC,
  run: {
    base: R('Technology (and version) of the runtime container, e.g. `nodejs@22`, `php-nginx@8.4`, `static`; left out, the current one stays.'),
    os: R('`alpine` or `ubuntu`: the runtime container\'s operating system. Superseded by an OS prefix in `base`.'),
    prepareCommands: R('Commands that build a custom runtime image (system packages); they run without your application files, in /home/zerops.'),
    initCommands: R('Commands run in /var/www at every container start or restart, before the application.'),
    start: R('The command that starts the application process (required for most language runtimes).'),
    startCommands: R('Several processes instead of one `start`, each with its own command, name and working directory.'),
    ports: P('The ports the application listens on; Zerops routes internal traffic (and public HTTP, with `httpSupport`) to them.'),
    documentRoot: R('For webserver runtimes (PHP, nginx, static): the directory served, relative to /var/www.'),
    siteConfigPath: R('For webserver runtimes: your own server configuration file, deployed with the application (`.tmpl` for substitutions).'),
    envVariables: R('Variables of the runtime container; values may reference others with `${name}` or `${hostname_name}`.'),
    envReplace: R('Replaces `<delimiter>NAME<delimiter>` placeholders in deployed files with variable values at start.'),
    routing: P('Redirects, CORS and headers of a Static service (ignored on other runtimes).'),
    healthCheck: P('A check repeated for the life of each container; a failing container is disconnected and restarted.'),
    crontab: R('Scheduled commands, in cron syntax.'),
  },
  'run.envReplace': {
    target: R('Files or directories (not recursive) whose placeholders are replaced.'),
    delimiter: R('The characters around a placeholder, e.g. `%%` for `%%API_KEY%%`.'),
  },
  'run.healthCheck': {
    httpGet: P('Check by HTTP GET against the container (give either this or `exec`).'),
    exec: P('Check by running a command in the container (give either this or `httpGet`).'),
    failureTimeout: P('How long the check may fail before the container is disconnected: a Go duration such as `60s`.'),
    disconnectTimeout: P('How long a failing container stays disconnected before it is restarted: a Go duration.'),
    recoveryTimeout: P('How long the check must pass again before the container gets traffic back: a Go duration.'),
    execPeriod: P('How often the check runs: a Go duration such as `30s`.'),
  },
  'run.healthCheck.httpGet': HTTP_GET,
  'run.healthCheck.exec': EXEC,
  'run.routing': {
    root: P('The directory the Static service serves.'),
    cors: P('The allowed origins, sent as the Access-Control-Allow-Origin header (`"*"` for any).'),
    redirects: P('Redirect rules, tried in order.'),
    headers: P('Extra response headers for paths matching a pattern.'),
  },
  'run.routing.redirects[]': {
    from: P('The path (or absolute URL) to redirect; `*` matches anything.'),
    to: P('Where to redirect.'),
    status: P('The HTTP status of the redirect (301, 302, …); needed for absolute URLs.'),
    preservePath: P('Append the rest of the matched path to `to`.'),
    preserveQuery: P('Keep the query string.'),
  },
  'run.routing.headers[]': {
    for: P('The path pattern the headers apply to.'),
    values: P('Header name → value; each value is written into the nginx configuration as is, so quote it there.'),
  },
  'run.ports[]': {
    port: P('A port number between 10 and 65435.'),
    protocol: P('`tcp` or `udp`.'),
    httpSupport: P('`true` when the port speaks HTTP, which lets Zerops route public domains and the zerops.app subdomain to it (TCP only).'),
    description: P('Free text for people.'),
  },
  'run.startCommands[]': {
    command: R('The command that starts this process.'),
    name: R('A name for the process, shown in logs.'),
    workingDir: R('The directory the command starts in.'),
    initCommands: R('Commands run before this process starts.'),
    user: R('The system user this command and its `initCommands` run under.'),
  },
  'run.crontab[]': {
    timing: R('When to run, as five cron fields: minute hour day month weekday (`*/5 * * * *`).'),
    command: R('The shell command to run.'),
    workingDir: R('The directory the command runs in.'),
    allContainers: R('`true` runs the job on every container, `false` on one.'),
  },
};

export function zeropsYmlKeyDoc(level: string, key: string): { doc: string; where: KeyWhere } {
  const d = ZEROPS_YML_KEY_DOCS[level]?.[key];
  if (!d) return { doc: '', where: 'file' };
  return typeof d === 'string' ? { doc: d, where: 'file' } : d;
}
