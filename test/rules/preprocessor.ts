import { svc } from '../helpers';
import type { RuleTable } from '../rule-tester';

// preprocessor-directive and preprocessor-function (server/src/rules/preprocessor.ts).

const random = svc('go@1', 'envSecrets:', '  K: <@generateRandomString(<32>)>');
const on = (...env: string[]) => `#yamlPreprocessor=on\n${svc('go@1', 'envSecrets:', ...env.map((l) => `  ${l}`))}`;

export const PREPROCESSOR: RuleTable = {
  'preprocessor-directive': {
    valid: [
      { name: 'the other spelling of the directive', code: `#zeropsPreprocessor=on\n${random}` },
      { name: '<@ in a comment', code: svc('go@1', '# <@generateRandomString(<8>)> in a comment') },
    ],
    invalid: [{ name: '<@ without the directive, which the fix inserts as line 1', code: random, hits: ['<@generateRandomString(<32>)>'], output: `#yamlPreprocessor=on\n${random}` }],
  },
  'preprocessor-function': {
    valid: [on('K: <@generateRandomString(<32>)|sha256>', 'J: <@pickRandom(<a>, <@getVar(x)>)|upper>')],
    invalid: [
      { name: 'unknown functions and modifiers', code: on('K: <@generateRandomStrng(<32>)|sha265>', 'J: <@pickRandom(<a>, <@getVar(x)>)|upper>'), hits: ['generateRandomStrng', 'sha265'] },
      { name: 'fixed to the nearest name', code: on('K: <@generateRandomStrng(<32>)>'), hits: ['generateRandomStrng'], output: on('K: <@generateRandomString(<32>)>') },
      { name: 'a missing name', code: on('K: <@(<1>)>'), hits: [{ text: '(', message: /name is missing/ }] },
    ],
  },
};
