import { node, setup, yaml } from '../../helpers';
import type { RuleTable } from '../../rule-tester';
import { GO_BUILD, GO_RUN, MERGED } from '../schema';

// The zerops.yml setup and extends rules (server/src/rules/zerops-yml/setups.ts).

const extendsBsae = yaml('zerops:', '  - setup: base', '    run:', '      base: nodejs@22', '  - setup: prod', '    extends: bsae', '    run:', '      start: a');
const noDeploy = setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', 'run:', '  start: a');
const df = (...paths: string[]) => setup('build:', '  base: elixir@1.16', '  deployFiles:', ...paths.map((p) => `    - ${p}`), 'run:', '  base: alpine@3.21', '  start: ./bin/app start');

export const SETUPS: RuleTable = {
  'setup-duplicate': {
    filename: 'zerops.yml',
    valid: [node() + yaml('  - setup: app2', '    run:', '      start: b')],
    invalid: [{ name: 'on the second only', code: node() + yaml('  - setup: app', '    run:', '      start: b'), hits: [{ text: 'app', at: (node() + yaml('  - setup: app', '    run:', '      start: b')).lastIndexOf('app') }] }],
  },
  'extends-unknown': {
    filename: 'zerops.yml',
    valid: [extendsBsae.replace('bsae', 'base'), yaml('zerops:', '  - setup: base', '    run:', '      base: nodejs@22', '  - setup: prod', '    extends: [base]', '    run:', '      start: node a')],
    invalid: [{ name: 'with the nearest setup', code: extendsBsae, hits: ['bsae'], output: extendsBsae.replace('bsae', 'base') }],
  },
  'extends-cycle': {
    filename: 'zerops.yml',
    valid: [yaml('zerops:', '  - setup: a', '    extends: b', '    run:', '      start: x', '  - setup: b', '    run:', '      start: y')],
    invalid: [{ code: yaml('zerops:', '  - setup: a', '    extends: b', '    run:', '      start: x', '  - setup: b', '    extends: a', '    run:', '      start: y'), hits: ['extends', 'extends'] }],
  },
  'run-missing': {
    filename: 'zerops.yml',
    valid: [node(), { name: 'a template extended by another setup', code: yaml('zerops:', '  - setup: base', '    build:', '      base: nodejs@22', '  - setup: prod', '    extends: base', '    run:', '      start: node a') }],
    invalid: [{ code: setup('build:', '  base: nodejs@22', '  deployFiles: ./'), hits: ['app'] }],
  },
  'deploy-files-missing': {
    filename: 'zerops.yml',
    valid: [
      { name: 'inherited through extends', code: yaml('zerops:', '  - setup: base', '    build:', '      deployFiles: ./', '  - setup: app', '    extends: base', '    build:', '      base: nodejs@22', '    run:', '      start: a') },
      { name: 'a section given as an alias', code: yaml('zerops:', '  - setup: api', ...GO_BUILD, ...GO_RUN, '  - setup: worker', '    build: *gobuild', '    run:', '      base: go@1.22', '      start: ./app') },
      { name: 'merge keys are followed', code: MERGED },
    ],
    invalid: [
      { code: noDeploy, hits: ['build'], output: setup('build:', '  base: nodejs@22', '  buildCommands:', '    - npm ci', '  deployFiles: ./', 'run:', '  start: a') },
      {
        name: 'an anchored section still gets its finding, and so does its alias',
        code: yaml('zerops:', '  - setup: api', '    build: &b', '      base: go@1.22', '      buildCommands:', '        - go build', '    run:', '      base: go@1.22', '      start: ./app', '  - setup: worker', '    build: *b', '    run:', '      base: go@1.22', '      start: ./app'),
        hits: ['build', 'build'],
      },
    ],
  },
  'deploy-files-empty': {
    filename: 'zerops.yml',
    valid: [setup('build:', '  deployFiles: [./]', 'run:', '  start: a')],
    invalid: [{ code: setup('build:', '  deployFiles: []', 'run:', '  start: a'), hits: ['[]'] }],
  },
  'deploy-files-path': {
    filename: 'zerops.yml',
    valid: [
      { name: 'a lone / is the build tree', code: df('/') },
      setup('build:', '  deployFiles: /', 'run:', '  start: a'),
      { name: '~ is a valid wildcard', code: df('./', '_build/prod/rel/~') },
    ],
    invalid: [
      { code: setup('build:', '  deployFiles:', '    - /etc/x', '    - ../up', '    - dist/~', '    - ./src/~/a', 'run:', '  start: a'), hits: ['/etc/x', '../up'] },
      { code: df('/dist', '../shared'), hits: ['/dist', '../shared'] },
    ],
  },
};
