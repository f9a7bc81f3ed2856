import { node, setup, yaml } from '../../helpers';
import type { RuleTable } from '../../rule-tester';

// The zerops.yml file rules (server/src/rules/zerops-yml/schema.ts).

const withDirective = (...lines: string[]) => `#yamlPreprocessor=on\n${node(...lines)}`;

export const FILE: RuleTable = {
  'file-empty': {
    filename: 'zerops.yml',
    valid: [node(), { name: 'a comment and a setup', code: `# app\n${setup('run:', '  start: a')}` }],
    invalid: [{ code: '', hits: [{ text: '', severity: 'error' }] }],
  },
  'setups-empty': {
    filename: 'zerops.yml',
    valid: [node()],
    invalid: [{ code: 'zerops: []\n', hits: ['zerops'] }],
  },
  'preprocessor-not-expanded': {
    filename: 'zerops.yml',
    valid: [
      { name: 'angle brackets that are no directive', code: node('envVariables:', '  A: "a < b > c"') },
      { name: 'the directive as a value', code: node('envVariables:', '  K: "#yamlPreprocessor=on"') },
      { name: 'a <@…> in a comment line', code: node('envVariables:', '  # A: <@generateRandomString(<32>)>', '  A: b') },
      { name: 'a <@…> in a comment after a value', code: node('envVariables:', '  A: b # <@x()>') },
      { name: 'an escaped \\<@', code: node('envVariables:', '  A: "\\\\<@x>"') },
      { name: 'fine in an import file', filename: 'import.yaml', code: `#yamlPreprocessor=on\n${yaml('services:', '  - hostname: app', '    type: go@1', '    envSecrets:', '      K: <@generateRandomString(<32>)>')}` },
    ],
    invalid: [
      { code: node('envVariables:', '  A: <@generateRandomString(<32>)>'), hits: [{ text: '<@generateRandomString(<32>)>', severity: 'warning' }] },
      { name: 'nested calls and a modifier, to the closing >', code: node('envVariables:', '  A: <@pickRandom(<@generateRandomString(<8>)>, <b>)|upper> x'), hits: ['<@pickRandom(<@generateRandomString(<8>)>, <b>)|upper>'] },
      { name: 'a # inside quotes starts no comment', code: node('envVariables:', '  A: "b # <@x()>"'), hits: ['<@x()>'] },
      { name: 'an expression the scanner cannot follow runs to the first >', code: node('envVariables:', '  A: <@generateRandomString(<32>'), hits: ['<@generateRandomString(<32>'] },
      { name: 'the directive line alone is a hint', code: withDirective(), hits: [{ text: '#yamlPreprocessor=on', severity: 'hint' }] },
      { name: 'each <@…> stays a warning', code: withDirective('envVariables:', '  K: <@generateRandomString(<24>)>'), hits: [{ text: '#yamlPreprocessor=on', severity: 'hint' }, { text: '<@generateRandomString(<24>)>', severity: 'warning' }] },
    ],
  },
  'deprecated-field': {
    filename: 'zerops.yml',
    valid: [{ name: 'os next to a bare base', code: node('os: ubuntu') }, node('envVariables:', '  deploy: x')],
    invalid: [
      { name: 'build.deploy renamed', code: setup('build:', '  base: nodejs@22', '  deploy: ./', 'run:', '  start: a'), hits: ['deploy'], output: setup('build:', '  base: nodejs@22', '  deployFiles: ./', 'run:', '  start: a') },
      { name: 'os next to a composite base', code: setup('run:', '  base: ubuntu/nodejs@22', '  os: ubuntu', '  start: a'), hits: ['os'] },
    ],
  },
  'file-name-shadowed': {
    filename: 'a/zerops.yml',
    valid: [
      { name: 'zerops.yaml itself', filename: 'a/zerops.yaml', code: node(), workspace: [{ fileName: 'a/zerops.yml', text: node() }, { fileName: 'b/zerops.yml', text: node() }] },
      { name: 'a zerops.yaml in another folder does not count', filename: 'b/zerops.yml', code: node(), workspace: [{ fileName: 'a/zerops.yml', text: node() }, { fileName: 'a/zerops.yaml', text: node() }] },
      { name: 'alone', code: node() },
    ],
    invalid: [{ name: 'zerops.yml beside zerops.yaml', code: node(), workspace: [{ fileName: 'a/zerops.yaml', text: node() }, { fileName: 'b/zerops.yml', text: node() }], hits: ['zerops'] }],
  },
};
