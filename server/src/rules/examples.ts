// One small file per rule that the rule reports, with a sentence on why the finding matters on Zerops.
// `zerops-lint mcp`'s explain_rule tool serves them; test/rule-examples.test.ts checks that each example
// really earns its rule, so the documentation cannot drift from the checks.

export interface RuleExample {
  fileName: string;
  text: string;
  /** Why the finding matters: the consequence on Zerops, in one or two sentences. */
  why: string;
  /** Files of the same project the example is checked with (an import file beside a zerops.yml). */
  related?: readonly { fileName: string; text: string }[];
  /** What else the rule reads that a text alone does not carry (a git remote, a file on disk). */
  needs?: { remotes?: readonly string[]; files?: Readonly<Record<string, string>> };
}

const IMPORT = 'zerops-project-import.yml';
const ZY = 'zerops.yml';

/** A Node.js setup that is correct, for examples to change one thing in. */
const setup = (name: string, run: string, build = '    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n      deployFiles: ./\n') =>
  `zerops:\n  - setup: ${name}\n${build}    run:\n${run}`;
const NODE_RUN = '      base: nodejs@22\n      start: node index.js\n';

/** An import file with an app service `app` built from this repository and the named extra services. */
const projectImport = (extra = '', app = '  - hostname: app\n    type: nodejs@22\n') =>
  `project:\n  name: demo\nservices:\n${app}${extra}`;
const CACHE = '  - hostname: cache\n    type: valkey@7.2\n    mode: NON_HA\n';
const DB = '  - hostname: db\n    type: postgresql@16\n    mode: NON_HA\n';

export const RULE_EXAMPLES: Readonly<Record<string, RuleExample>> = {
  'yaml-syntax': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets: { APP_KEY: abc\n',
    why: 'Zerops parses the file before anything else; a syntax error fails the whole import or deploy.',
  },
  'file-size': {
    fileName: IMPORT,
    text: '# any import file larger than 100 KB\nservices:\n  - hostname: app\n    type: nodejs@22\n',
    why: 'zcli refuses to send an import file over 100 KB, so the project is never created.',
  },
  'schema-unknown-key': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    minContainer: 2\n',
    why: 'The import API rejects a key it does not know, so one typo stops the whole project import; in zerops.yml the key is silently ignored instead.',
  },
  'schema-value-type': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    minContainers: two\n',
    why: 'Zerops decodes the file into typed fields; a value of the wrong type is refused before anything is created.',
  },
  'schema-required': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n',
    why: 'A service without a type (or a project without a name) cannot be created; the import is refused.',
  },
  'schema-enum': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: files\n    type: object-storage\n    objectStorageSize: 2\n    objectStoragePolicy: public\n',
    why: 'Only the listed values are accepted; anything else is refused at import.',
  },
  'service-type-unknown': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: redis@7\n    mode: NON_HA\n',
    why: 'Zerops has no such type, so the import fails with serviceStackTypeNotFound.',
  },
  'service-version-unknown': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: db\n    type: postgresql@13\n    mode: NON_HA\n',
    why: 'Zerops offers only the versions in its catalogue; another version fails the import.',
  },
  'hostname-invalid': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: my-app\n    type: nodejs@22\n',
    why: 'Hostnames are lowercase letters and digits only; Zerops refuses anything else.',
  },
  'hostname-length': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: averyveryverylongapplicationname\n    type: nodejs@22\n',
    why: 'The docs allow 25 characters; longer names have been accepted but are not promised to be.',
  },
  'hostname-duplicate': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n  - hostname: app\n    type: go@1\n',
    why: 'A hostname names one service in a project; the second is refused.',
  },
  'mode-invalid': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: db\n    type: postgresql@16\n    mode: ha\n',
    why: 'mode takes exactly HA or NON_HA; any other spelling is refused.',
  },
  'mode-ignored': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    mode: HA\n',
    why: 'Runtimes scale by containers, not by mode; the key does nothing there.',
  },
  'managed-containers': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: db\n    type: postgresql@16\n    mode: HA\n    minContainers: 2\n',
    why: 'A managed service has a fixed number of nodes; container counts are refused for it.',
  },
  'scaling-range': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    minContainers: 4\n    maxContainers: 2\n',
    why: 'A minimum above its maximum cannot be satisfied; Zerops refuses the service.',
  },
  'object-storage-size': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: files\n    type: object-storage\n',
    why: 'Object storage needs a size; Zerops rejects the service with "Mandatory parameter is missing".',
  },
  'deprecated-field': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    verticalAutoscaling:\n      minVCpu: 1\n',
    why: 'The old name still works but is on its way out; the current name keeps the file valid later.',
  },
  'valkey-version': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: valkey@8\n    mode: NON_HA\n',
    why: 'Zerops offers Valkey 7.2 only; any other version fails the import with serviceStackTypeNotFound.',
  },
  'valkey-mode': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: single\n',
    why: 'mode takes exactly HA or NON_HA; another spelling is refused.',
  },
  'valkey-mode-missing': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: valkey@7.2\n',
    why: 'Without a mode Zerops creates a single node, and a Valkey service can never be switched to HA afterwards.',
  },
  'valkey-mode-conflict': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: valkey:single@7.2\n    mode: HA\n',
    why: 'The type variant and mode say different things; one of them is not what you get.',
  },
  'valkey-mode-redundant': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: valkey:ha@7.2\n    mode: HA\n',
    why: 'The variant already says the mode; mode is deprecated next to it.',
  },
  'valkey-replica-port': {
    fileName: IMPORT,
    text: `services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      REDIS_READS: redis://default:\${cache_password}@cache:7000\n${CACHE}`,
    why: 'Only HA Valkey has replicas; the read-only ports do not exist on a single node, so the connection fails.',
  },
  'valkey-tls-internal': {
    fileName: IMPORT,
    text: `services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      REDIS_URL: \${cache_connectionTlsString}\n${CACHE}`,
    why: 'Inside the project traffic already runs on a private network; the TLS ports are meant for access from outside and cost a handshake.',
  },
  'valkey-scheme-port': {
    fileName: IMPORT,
    text: `services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      REDIS_URL: rediss://default:\${cache_password}@cache:6379\n${CACHE}`,
    why: 'Port 6379 speaks plain text; a rediss:// client expects a TLS handshake there and fails (and 6380 is TLS only).',
  },
  'valkey-replica-only': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      REDIS_URL: ${cache_connectionStringReplicas}\n  - hostname: cache\n    type: valkey@7.2\n    mode: HA\n',
    why: 'The replica ports are read-only: every write the app makes fails with READONLY.',
  },
  'valkey-no-auth': {
    fileName: IMPORT,
    text: `services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      REDIS_URL: redis://\${cache_hostname}:\${cache_port}\n${CACHE}`,
    why: 'Valkey services created since June 2026 require a password; a connection without one is refused with NOAUTH.',
  },
  'keydb-deprecated': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: keydb@6\n    mode: NON_HA\n',
    why: 'KeyDB is no longer offered for new services; Valkey replaces it on the same port.',
  },
  'valkey-profile': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: NON_HA\n    profile: prod\n',
    why: 'Only the documented profiles exist; another value is refused.',
  },
  'service-envvariables': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envVariables:\n      NODE_ENV: production\n',
    why: 'The import accepts envVariables on a service and then drops them silently; the app never sees them.',
  },
  'env-key-invalid': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      API-KEY: abc\n',
    why: 'Variable names are letters, digits and underscores; Zerops refuses others.',
  },
  'env-zerops-prefix': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      ZEROPS_TOKEN: abc\n',
    why: 'The ZEROPS_ prefix is reserved for the platform; the whole import fails.',
  },
  'reference-unknown-service': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      DB_HOST: ${database_hostname}\n',
    why: 'A reference to a service that does not exist stays literal text in the variable.',
  },
  'reference-unknown-variable': {
    fileName: IMPORT,
    text: `services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      REDIS_USER: \${cache_user}\n${CACHE}`,
    why: 'The service exists but exposes no such variable, so the reference stays literal text.',
  },
  'reference-ha-only': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: db\n    type: postgresql@16\n    mode: NON_HA\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      DATABASE_READ_URL: ${db_connectionStringReplicas}\n',
    why: 'Only HA PostgreSQL has read replicas; on a single node the variable does not exist, so the reference stays literal text.',
  },
  'preprocessor-directive': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      APP_KEY: <@generateRandomString(<32>)>\n',
    why: 'Without #yamlPreprocessor=on on the first line the expression is not expanded: the app gets the literal text.',
  },
  'preprocessor-function': {
    fileName: IMPORT,
    text: '#yamlPreprocessor=on\nservices:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      APP_KEY: <@generateRandomStrng(<32>)>\n',
    why: 'An unknown function fails the preprocessor, and with it the import.',
  },
  'secret-literal': {
    fileName: IMPORT,
    text: 'services:\n  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      DATABASE_URL: postgresql://app:s3cretPassw0rd@db:5432/app\n',
    why: 'The literal lands in version control; reference the generated ${db_password} or generate one with the preprocessor.',
  },
  'file-empty': {
    fileName: ZY,
    text: '',
    why: 'zcli refuses an empty zerops.yml, so nothing builds or deploys.',
  },
  'file-name-shadowed': {
    fileName: ZY,
    text: setup('app', NODE_RUN),
    related: [{ fileName: 'zerops.yaml', text: setup('app', NODE_RUN) }],
    why: 'zcli reads zerops.yaml first, so edits to zerops.yml have no effect.',
  },
  'setups-empty': {
    fileName: ZY,
    text: 'zerops: []\n',
    why: 'Without a setup there is nothing to build or deploy; every push fails.',
  },
  'preprocessor-not-expanded': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        APP_KEY: <@generateRandomString(<32>)>\n`),
    why: 'The preprocessor is documented for import files only; in zerops.yml the expression likely reaches the app as literal text.',
  },
  'base-unknown': {
    fileName: ZY,
    text: setup('app', '      base: node@22\n      start: node index.js\n'),
    why: 'Zerops refuses the deploy with "unknown base".',
  },
  'base-version-unknown': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@99\n      start: node index.js\n'),
    why: 'Zerops offers only the versions in its catalogue; the deploy is refused.',
  },
  'base-version-legacy': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@18\n      start: node index.js\n'),
    why: 'Only older catalogues list this version; builds with it may stop working without notice.',
  },
  'base-wrong-phase': {
    fileName: ZY,
    text: setup('app', '      base: php@8.4\n', '    build:\n      base: php@8.4\n      buildCommands:\n        - composer install\n      deployFiles: ./\n'),
    why: 'Some bases exist only for build or only for run; in the other phase they are not offered.',
  },
  'base-os-mismatch': {
    fileName: ZY,
    text: setup('app', '      base: deno@2\n      os: alpine\n      start: deno run main.ts\n', '    build:\n      base: deno@2\n      buildCommands:\n        - deno cache main.ts\n      deployFiles: ./\n'),
    why: 'The technology is not offered on that OS; the deploy is refused.',
  },
  'os-build-run-differ': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      os: ubuntu\n      start: node index.js\n', '    build:\n      base: nodejs@22\n      os: alpine\n      buildCommands:\n        - npm ci\n      deployFiles: ./\n'),
    why: 'Native modules built on one C library (musl on Alpine) may not load on the other (glibc on Ubuntu).',
  },
  'setup-duplicate': {
    fileName: ZY,
    text: `${setup('app', NODE_RUN)}  - setup: app\n    run:\n      base: nodejs@22\n      start: node other.js\n`,
    why: 'zcli uses the first setup of a name; the second is never deployed.',
  },
  'extends-unknown': {
    fileName: ZY,
    text: `${setup('app', NODE_RUN)}  - setup: worker\n    extends: base\n    run:\n      start: node worker.js\n`,
    why: 'The setup it extends does not exist, so the deploy is refused.',
  },
  'extends-cycle': {
    fileName: ZY,
    text: `${setup('app', NODE_RUN).replace('  - setup: app\n', '  - setup: app\n    extends: worker\n')}  - setup: worker\n    extends: app\n    run:\n      start: node worker.js\n`,
    why: 'Setups that extend each other in a circle cannot be resolved; the deploy is refused.',
  },
  'run-missing': {
    fileName: ZY,
    text: 'zerops:\n  - setup: app\n    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n      deployFiles: ./\n',
    why: 'Without run the container has no base or start command to run the built application.',
  },
  'deploy-files-missing': {
    fileName: ZY,
    text: setup('app', NODE_RUN, '    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n'),
    why: 'A build without deployFiles deploys nothing; the container starts empty.',
  },
  'deploy-files-empty': {
    fileName: ZY,
    text: setup('app', NODE_RUN, '    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n      deployFiles: []\n'),
    why: 'An empty list deploys nothing.',
  },
  'deploy-files-path': {
    fileName: ZY,
    text: setup('app', NODE_RUN, '    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n      deployFiles: ../shared\n'),
    why: 'deployFiles are paths inside the build\'s working folder; absolute and ".." paths do not select what you expect.',
  },
  'cache-path': {
    fileName: ZY,
    text: setup('app', NODE_RUN, '    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n      deployFiles: ./\n      cache: /root/.npm\n'),
    why: 'Cache paths are relative to the build folder; an absolute path is not cached, and .next/cache fails the next build with EACCES.',
  },
  'add-to-run-prepare-unused': {
    fileName: ZY,
    text: setup('app', NODE_RUN, '    build:\n      base: nodejs@22\n      buildCommands:\n        - npm ci\n      deployFiles: ./\n      addToRunPrepare: ./scripts\n'),
    why: 'addToRunPrepare copies files for run.prepareCommands; without them nothing reads the files.',
  },
  'prepare-commands-app-files': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      prepareCommands:\n        - cd /var/www && npm ci\n`),
    why: 'run.prepareCommands run before the application is deployed into /var/www, so its files are not there yet.',
  },
  'pkg-install-no-sudo': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      prepareCommands:\n        - apk add imagemagick\n`),
    why: 'Commands run as the zerops user; a package install without sudo fails with a permission error.',
  },
  'pkg-manager-os': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      prepareCommands:\n        - sudo apt-get install -y imagemagick\n`),
    why: 'Alpine has apk, not apt-get (and Ubuntu the reverse); the command is not found.',
  },
  'start-missing': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n'),
    why: 'A language runtime without start runs no application; the service never answers.',
  },
  'start-and-start-commands': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      startCommands:\n        - command: node worker.js\n`),
    why: 'start and startCommands are alternatives; with both it is unclear which one runs.',
  },
  'start-build-command': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      start: npm install && node index.js\n'),
    why: 'Installing or building at start slows every restart and scale-up; do it in the build.',
  },
  'start-binds-localhost': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 3000\n          httpSupport: true\n      start: node server.js --host 127.0.0.1\n'),
    why: 'The balancer connects from outside the container; a server bound to localhost is unreachable.',
  },
  'docker-network-host': {
    fileName: ZY,
    text: 'zerops:\n  - setup: app\n    run:\n      base: docker@26.1\n      prepareCommands:\n        - docker pull nginx:1.27\n      start: docker run nginx:1.27\n',
    why: 'Docker services expose the container\'s ports only with --network=host.',
  },
  'docker-latest-tag': {
    fileName: ZY,
    text: 'zerops:\n  - setup: app\n    run:\n      base: docker@26.1\n      prepareCommands:\n        - docker pull nginx\n      start: docker run --network=host nginx\n',
    why: 'Prepare commands are cached; an image without a fixed tag is pulled once and never updated.',
  },
  'routing-non-static': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      routing:\n        redirects:\n          - from: /old\n            to: /new\n            status: 301\n`),
    why: 'routing is read by the Static runtime only; elsewhere it is ignored.',
  },
  'webserver-key-non-webserver': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      documentRoot: public\n`),
    why: 'documentRoot and siteConfigPath configure a webserver this runtime does not have.',
  },
  'site-config-not-deployed': {
    fileName: ZY,
    text: 'zerops:\n  - setup: app\n    build:\n      base: php@8.4\n      buildCommands:\n        - composer install\n      deployFiles:\n        - public\n        - vendor\n    run:\n      base: php-nginx@8.4\n      siteConfigPath: site.conf.tmpl\n',
    why: 'The webserver reads the site config from the deployed files; a file outside deployFiles is not there.',
  },
  'site-config-not-template': {
    fileName: ZY,
    text: 'zerops:\n  - setup: app\n    build:\n      base: php@8.4\n      buildCommands:\n        - composer install\n      deployFiles: ./\n    run:\n      base: php-nginx@8.4\n      siteConfigPath: site.conf\n',
    needs: { files: { 'site.conf': 'server {\n    root {{.DocumentRoot}};\n}\n' } },
    why: 'Only files ending in .tmpl are filled in; {{.…}} placeholders elsewhere reach nginx as they are.',
  },
  'routing-redirect': {
    fileName: ZY,
    text: 'zerops:\n  - setup: web\n    build:\n      base: nodejs@22\n      buildCommands:\n        - npm run build\n      deployFiles: dist/~\n    run:\n      base: static\n      routing:\n        redirects:\n          - from: /docs/*\n            to: https://docs.example.com/\n',
    why: 'Without status an absolute redirect is served as a 302 by default only in some cases; say which status you want.',
  },
  'routing-header-quoting': {
    fileName: ZY,
    text: 'zerops:\n  - setup: web\n    build:\n      base: nodejs@22\n      buildCommands:\n        - npm run build\n      deployFiles: dist/~\n    run:\n      base: static\n      routing:\n        headers:\n          - for: /*\n            values:\n              Content-Security-Policy: default-src \'self\'; img-src *\n',
    why: 'nginx receives the value unquoted; spaces and ";" split it into several directives.',
  },
  'port-range': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 80000\n          httpSupport: true\n      start: node index.js\n'),
    why: 'Ports are 10–65435; others are refused with portOutOfRange.',
  },
  'port-protocol-case': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 3000\n          protocol: TCP\n      start: node index.js\n'),
    why: 'The schema lists lower-case protocols; whether upper case is accepted is not documented.',
  },
  'port-duplicate': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 3000\n          httpSupport: true\n        - port: 3000\n      start: node index.js\n'),
    why: 'A port is declared once; a duplicate is refused (internalPortDuplicateRule).',
  },
  'port-http-udp': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 3000\n          protocol: udp\n          httpSupport: true\n      start: node index.js\n'),
    why: 'HTTP runs over TCP; the balancer cannot route HTTP to a UDP port.',
  },
  'port-443': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 443\n          httpSupport: true\n      start: node index.js\n'),
    why: 'TLS ends at Zerops\' balancer, which speaks plain HTTP to the container; serve HTTP on another port.',
  },
  'port-webserver-non80': {
    fileName: ZY,
    text: 'zerops:\n  - setup: app\n    build:\n      base: php@8.4\n      buildCommands:\n        - composer install\n      deployFiles: ./\n    run:\n      base: php-nginx@8.4\n      ports:\n        - port: 8080\n          httpSupport: true\n',
    why: 'The built-in nginx listens on 80; a declared port without a server config of your own leads nowhere.',
  },
  'probe-shape': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      healthCheck:\n        httpGet:\n          port: 3000\n          path: /health\n        exec:\n          command: curl -f localhost:3000\n`),
    why: 'A probe is either httpGet or exec; with both or neither it is refused.',
  },
  'probe-duration': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      healthCheck:\n        httpGet:\n          port: 3000\n          path: /health\n        execPeriod: 30\n`),
    why: 'Zerops reads probe timings as Go durations ("30s") in 10s–1h and rejects bare numbers, although the schema shows numbers.',
  },
  'probe-port-undeclared': {
    fileName: ZY,
    text: setup('app', `      base: nodejs@22\n      ports:\n        - port: 3000\n          httpSupport: true\n      start: node index.js\n      healthCheck:\n        httpGet:\n          port: 8080\n          path: /health\n`),
    why: 'A probe on a port the setup does not declare may be a typo (an internal port can be deliberate).',
  },
  'probe-noop-start': {
    fileName: ZY,
    text: setup('app', `      base: nodejs@22\n      ports:\n        - port: 3000\n          httpSupport: true\n      start: zsc noop\n      healthCheck:\n        httpGet:\n          port: 3000\n          path: /health\n`),
    why: 'zsc noop starts nothing that answers HTTP, so the probe never passes and the container restarts.',
  },
  'probe-scheme': {
    fileName: ZY,
    text: setup('app', `      base: nodejs@22\n      ports:\n        - port: 3000\n          httpSupport: true\n      start: node index.js\n      healthCheck:\n        httpGet:\n          port: 3000\n          path: /health\n          scheme: tcp\n`),
    why: 'Probes speak http or https only.',
  },
  'cron-all-containers-missing': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      crontab:\n        - command: node jobs/cleanup.js\n          timing: "0 3 * * *"\n`),
    why: 'The schema requires allContainers; say whether the job runs on one container or all.',
  },
  'cron-timing-invalid': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      crontab:\n        - command: node jobs/cleanup.js\n          timing: "0 25 * * *"\n          allContainers: false\n`),
    why: 'A timing out of range never runs the job (or is refused).',
  },
  'env-system-key': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        hostname: api\n`),
    why: 'Zerops sets these names itself; defining them is refused (userDataUseOfSystemKey) or breaks the container.',
  },
  'env-self-shadow': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        API_URL: \${API_URL}\n`),
    why: 'A variable referring to itself resolves to the literal text "${API_URL}".',
  },
  'env-build-prefix-in-run': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        VERSION: \${BUILD_VERSION}\n`),
    why: 'BUILD_ variables exist in the build container only; in run the reference stays literal.',
  },
  'env-value-format': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        GREETING: "Grüß Gott"\n`),
    why: 'Values with line breaks or non-ASCII characters are not reliably passed to the container.',
  },
  'reference-unknown-local': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        API_URL: \${API_BASE}/v1\n`),
    related: [{ fileName: IMPORT, text: projectImport() }],
    why: 'A variable defined nowhere visible stays literal text in the value.',
  },
  'service-setup-missing': {
    fileName: ZY,
    text: setup('app', NODE_RUN),
    related: [{ fileName: IMPORT, text: projectImport('', '  - hostname: api\n    type: nodejs@22\n    buildFromGit: https://github.com/example/shop\n') }],
    needs: { remotes: ['https://github.com/example/shop.git'] },
    why: 'The service builds this repository with a setup of its hostname; without it the first build fails.',
  },
  'setup-unknown-service': {
    fileName: ZY,
    text: setup('worker', NODE_RUN),
    related: [{ fileName: IMPORT, text: projectImport() }],
    why: 'No service deploys with this setup, so it is never used (or the name is a typo).',
  },
  'setup-managed-service': {
    fileName: ZY,
    text: setup('db', NODE_RUN),
    related: [{ fileName: IMPORT, text: projectImport(DB) }],
    why: 'Code cannot be deployed to a managed database or cache.',
  },
  'env-secret-collision': {
    fileName: ZY,
    text: setup('app', `${NODE_RUN}      envVariables:\n        API_TOKEN: placeholder\n`),
    related: [{ fileName: IMPORT, text: projectImport('', '  - hostname: app\n    type: nodejs@22\n    envSecrets:\n      API_TOKEN: <@generateRandomString(<32>)>\n').replace('project:', '#yamlPreprocessor=on\nproject:') }],
    why: 'A run variable and a secret of the same name collide: one of them is dropped or the deploy is refused.',
  },
  'subdomain-no-http-port': {
    fileName: ZY,
    text: setup('app', NODE_RUN),
    related: [{ fileName: IMPORT, text: projectImport('', '  - hostname: app\n    type: nodejs@22\n    enableSubdomainAccess: true\n') }],
    why: 'A zerops.app subdomain routes HTTP to a port with httpSupport; without one it leads nowhere.',
  },
  'base-type-mismatch': {
    fileName: ZY,
    text: setup('app', '      base: python@3.12\n      start: python main.py\n', '    build:\n      base: python@3.12\n      buildCommands:\n        - pip install -r requirements.txt\n      deployFiles: ./\n'),
    related: [{ fileName: IMPORT, text: projectImport() }],
    why: 'The service was created as another technology than the setup runs; deploys land on the wrong runtime.',
  },
  'env-subdomain-multiport': {
    fileName: ZY,
    text: setup('app', '      base: nodejs@22\n      ports:\n        - port: 3000\n          httpSupport: true\n        - port: 4000\n          httpSupport: true\n      start: node index.js\n      envVariables:\n        PUBLIC_URL: ${zeropsSubdomain}\n'),
    why: 'With several HTTP ports zeropsSubdomain holds one URL per port, one per line, not a single URL.',
  },
  'suppression-unknown-rule': {
    fileName: IMPORT,
    text: '# zerops-disable-next-line valkey-versoin\nservices:\n  - hostname: app\n    type: nodejs@22\n',
    why: 'A misspelt id silences nothing; the finding it was meant for still shows.',
  },
};
