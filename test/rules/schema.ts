import { node, setup, svc, yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// The key rules, one implementation for both kinds, each case with its own file name: an import file is
// rejected over what a zerops.yml only ignores, so the same slip is an error in one and a warning in the other.

const Z = 'zerops.yml';
/** A Go setup's sections as YAML anchors, for the merge-key cases. */
export const GO_BUILD = ['    build: &gobuild', '      base: go@1.22', '      buildCommands:', '        - go build -o app', '      deployFiles:', '        - app'];
export const GO_RUN = ['    run: &gorun', '      base: go@1.22', '      start: ./app'];
/** A second setup made of the first's sections through merge keys, with a key of its own beside each. */
export const MERGED = yaml('zerops:', '  - setup: api', ...GO_BUILD, ...GO_RUN, '  - setup: worker', '    build:', '      <<: *gobuild', '      buildCommands:', '        - go build -o worker', '    run:', '      <<: *gorun', '      start: ./worker');
const corePackage = (v: string) => yaml('project:', '  name: x', `  corePackage: ${v}`, 'services:', '  - hostname: app', '    type: go@1');

export const SCHEMA: RuleTable = {
  'schema-required': {
    valid: [
      { name: 'a complete import file', code: yaml('project:', '  name: x', 'services:', '  - hostname: app', '    type: go@1') },
      { name: 'zerops.yml: httpGet given its path through extends', filename: Z, code: yaml('zerops:', '  - setup: base', '    run:', '      healthCheck:', '        httpGet:', '          path: /', '  - setup: app', '    extends: base', '    run:', '      start: a', '      healthCheck:', '        httpGet:', '          port: 3000') },
      { name: 'zerops.yml: httpGet with port and path', filename: Z, code: node('healthCheck:', '  httpGet:', '    port: 3000', '    path: /') },
    ],
    invalid: [
      { name: 'a service without hostname', code: yaml('services:', '  - type: nodejs@22'), hits: [{ text: 'type', message: 'Service #1 needs "hostname"; Zerops rejects the import without it.' }] },
      { name: 'a service without type', code: yaml('services:', '  - hostname: app'), hits: ['hostname'] },
      { name: 'a project without name', code: yaml('project:', '  corePackage: LIGHT', 'services:', '  - hostname: app', '    type: go@1'), hits: ['project'] },
      { name: 'a file without services', code: yaml('project:', '  name: x'), hits: [{ text: 'project', message: /"services"/ }] },
      { name: 'zerops.yml: no zerops list, the old per-hostname format named', filename: Z, code: yaml('app:', '  build:', '    base: nodejs@22'), hits: [{ text: 'app', message: /old per-hostname format/ }] },
      {
        name: 'zerops.yml: the old format converted, comments and blank lines kept',
        filename: Z,
        code: yaml('api:', '  build:', '    base: nodejs@22', '    deployFiles: ./', '', '  # the runtime', '  run:', '    start: node a.js', 'worker:', '  run:', '    start: node w.js'),
        hits: ['api'],
        output: yaml('zerops:', '  - setup: api', '    build:', '      base: nodejs@22', '      deployFiles: ./', '', '    # the runtime', '    run:', '      start: node a.js', '  - setup: worker', '    run:', '      start: node w.js'),
      },
      { name: 'zerops.yml: not convertible, no fix', filename: Z, code: yaml('api: x', 'b:', '  run: {}'), hits: ['api'], noFix: true },
      { name: 'zerops.yml: httpGet without path', filename: Z, code: node('healthCheck:', '  httpGet:', '    port: 3000'), hits: ['httpGet'] },
    ],
  },
  'schema-unknown-key': {
    valid: [
      { name: 'vault on project and service; service envVariables is left to its own rule', code: yaml('project:', '  name: x', '  vault:', '    A: b', 'services:', '  - hostname: app', '    type: nodejs@22', '    vault:', '      B: c', '    envVariables:', '      C: d') },
      {
        name: 'zerops.yml: merge keys (<<: *anchor) are followed and are not unknown keys',
        filename: Z,
        code: MERGED,
      },
      {
        name: 'zerops.yml look-alikes: every real key at each level, envVariables keys, headers values',
        filename: Z,
        code: setup('extends: base', 'deploy:', '  temporaryShutdown: false', '  readinessCheck:', '    exec:', '      command: curl -f localhost', '    retryPeriod: 10s',
          'run:', '  envVariables:', '    anyName: x', '  routing:', '    headers:', '      - for: /', '        values:', '          X-Anything: "\'a\'"', '  crontab:', '    - timing: "* * * * *"', '      command: x', '      allContainers: false', '      workingDir: /var/www')
          + yaml('  - setup: base', '    run:', '      start: x'),
      },
    ],
    invalid: [
      { name: 'a misspelt key is an error in an import file, with a one-click rename', code: yaml('services:', '  - hostName: app', '    type: nodejs@22'), hits: [{ text: 'hostName', severity: 'error' }], output: yaml('services:', '  - hostname: app', '    type: nodejs@22') },
      { code: svc('nodejs@22', 'verticalAutoScaling:', '  minRam: 1'), hits: ['verticalAutoScaling'], output: svc('nodejs@22', 'verticalAutoscaling:', '  minRam: 1') },
      { code: svc('nodejs@22', 'envSecret:', '  A: b'), hits: ['envSecret'], output: svc('nodejs@22', 'envSecrets:', '  A: b') },
      { name: 'root and project are checked', code: yaml('project:', '  name: x', '  corepackage: LIGHT', 'service:', '  - a'), hits: ['corepackage', 'service'] },
      { name: 'verticalAutoscaling is checked', code: svc('nodejs@22', 'verticalAutoscaling:', '  minRAM: 1', '  cpus: 2'), hits: ['minRAM', 'cpus'] },
      { name: 'a key with nothing close has no fix', code: svc('nodejs@22', 'replicas: 3'), hits: ['replicas'], noFix: true },
      {
        name: 'the same slip in a zerops.yml is a warning, renamed to the nearest key',
        filename: Z,
        code: setup('build:', '  base: nodejs@22', '  buildComands:', '    - npm ci', '  deployFiles: ./', 'run:', '  start: node a.js'),
        hits: [{ text: 'buildComands', severity: 'warning' }],
        output: setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', '  deployFiles: ./', 'run:', '  start: node a.js'),
      },
      {
        name: 'a zerops.yml key in the wrong section moves there',
        filename: Z,
        code: setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', 'run:', '  start: node a.js', '  deployFiles: ./dist'),
        hits: [{ text: 'deployFiles', message: /belongs under "build"/ }],
        fix: 'Move to build',
        output: setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', '  deployFiles: ./dist', 'run:', '  start: node a.js'),
      },
      {
        name: 'zerops.yml: a deployFiles under run is not moved next to build.deploy, which the rename turns into deployFiles',
        filename: Z,
        code: setup('build:', '  base: nodejs@22', '  deploy: ./dist', 'run:', '  start: a', '  deployFiles: x'),
        hits: [{ text: 'deployFiles', message: /belongs under "build"/ }],
        noFix: true,
      },
      { name: 'zerops.yml: an alias with no anchor is no crash, and the other keys are still checked', filename: Z, code: yaml('zerops:', '  - setup: api', '    build:', '      <<: *nowhere', '      deployfiles: ./', '    run:', '      start: a'), hits: ['deployfiles'] },
      { name: 'an import-file key in a zerops.yml is named as such', filename: Z, code: setup('run:', '  start: a', '  minContainers: 2'), hits: [{ text: 'minContainers', message: /import file/ }] },
    ],
  },

  'schema-value-type': {
    valid: [
      { name: 'scalars in string places (PORT: 3000), integers where numbers belong, and empty values', code: svc('nodejs@22', 'envSecrets:', '  PORT: 3000', '  DEBUG: true', 'minContainers: 2', 'verticalAutoscaling:', '  minRam: 1', '  maxRam: 0.5', 'priority:') },
      { name: 'zerops.yml: scalars for strings pass', filename: Z, code: node('envVariables:', '  PORT: 3000', '  DEBUG: true', 'initCommands:', '  - 123') },
      { name: 'zerops.yml: a duration is never a type error', filename: Z, code: node('healthCheck:', '  exec:', '    command: a', '  failureTimeout: 60') },
      { name: 'zerops.yml: an alias is checked where its anchor is', filename: Z, code: yaml('x: &e', '  A: b', 'zerops:', '  - setup: app', '    run:', '      start: a', '      envVariables: *e') },
    ],
    invalid: [
      { name: 'a map where a string belongs', code: svc('nodejs@22', 'buildFromGit:', '  url: x'), hits: ['url: x\n'] },
      { name: 'a string where a number belongs', code: svc('nodejs@22', 'minContainers: two'), hits: ['two'] },
      { name: 'a fraction where a whole number belongs', code: svc('nodejs@22', 'minContainers: 1.5'), hits: ['1.5'] },
      { name: 'a quoted boolean in an import file', code: svc('nodejs@22', 'enableSubdomainAccess: "yes"'), hits: ['"yes"'] },
      { name: 'a list where a map belongs', code: svc('nodejs@22', 'envSecrets:', '  - A=b'), hits: ['- A=b\n'] },
      { name: 'a map as a secret value', code: svc('nodejs@22', 'envSecrets:', '  A:', '    nested: x'), hits: ['nested: x\n'] },
      { name: 'a service that is a string', code: yaml('services:', '  - nodejs'), hits: ['nodejs'] },
      { name: 'an empty entry of services is information at the dash', code: yaml('services:', '  -', '  - hostname: a', '    type: go@1'), hits: [{ text: '', at: 13, severity: 'info' }] },
      { name: 'zerops.yml: a quoted port and httpSupport: yes', filename: Z, code: node('ports:', '  - port: "3000"', '    httpSupport: yes'), hits: ['"3000"', 'yes'] },
      { name: 'zerops.yml: the fix drops the quotes of a number', filename: Z, code: node('ports:', '  - port: "3000"'), hits: ['"3000"'], output: node('ports:', '  - port: 3000') },
    ],
  },

  'schema-enum': {
    valid: [
      { name: 'every allowed value', code: yaml('project:', '  name: x', '  corePackage: SERIOUS', '  location: us-west-1', 'services: []') },
      { name: 'zerops.yml: TCP is left to port-protocol-case', filename: Z, code: node('ports:', '  - port: 3000', '    protocol: TCP') },
    ],
    invalid: [
      { name: 'corePackage, with the nearest value', code: corePackage('light'), hits: ['light'], output: corePackage('LIGHT') },
      { name: 'the fix keeps quotes and comment', code: corePackage('"light" # tier'), hits: ['"light"'], output: corePackage('"LIGHT" # tier') },
      { code: svc('object-storage', 'objectStorageSize: 2', 'objectStoragePolicy: public_read'), hits: ['public_read'], output: svc('object-storage', 'objectStorageSize: 2', 'objectStoragePolicy: public-read') },
      { code: svc('go@1', 'verticalAutoscaling:', '  cpuMode: dedicated'), hits: ['dedicated'], output: svc('go@1', 'verticalAutoscaling:', '  cpuMode: DEDICATED') },
      { code: yaml('project:', '  name: x', '  location: eu-west', 'services: []'), hits: ['eu-west'] },
      { name: 'zerops.yml: os', filename: Z, code: node('os: debian'), hits: ['debian'] },
      { name: 'zerops.yml: os, with the nearest value', filename: Z, code: node('os: ubunto'), hits: ['ubunto'], output: node('os: ubuntu') },
    ],
  },
};
