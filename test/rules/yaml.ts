import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// yaml-syntax and file-size (server/src/rules/yaml.ts).

/** An import file of Valkey services (each with a finding of its own) just over `kb` kilobytes. */
export function bigImport(kb: number): string {
  let text = 'services:\n';
  for (let i = 0; text.length < kb * 1024; i++) text += `  - hostname: s${i}\n    type: valkey@8\n    mode: HA\n`;
  return text;
}

export const YAML: RuleTable = {
  'yaml-syntax': {
    valid: [
      yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: HA'),
      { name: 'one document after a leading ---', code: yaml('---', 'services:', '  - hostname: a', '    type: nodejs@22') },
      { name: 'the same key in two services', code: yaml('services:', '  - hostname: a', '    type: go@1', '  - hostname: b', '    type: go@1') },
      { name: 'a byte-order mark and CRLF', code: '\uFEFFservices: []\r\n' },
    ],
    invalid: [
      { name: 'an unclosed flow sequence, an error where it is', code: yaml('services:', '  - hostname: cache', '    type: [valkey@8'), severity: 'error', hits: ['\n'] },
      { name: 'a duplicate key is an error on the second key', code: yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    type: valkey@8'), hits: [{ text: 'type', at: 55, severity: 'error' }] },
      { name: 'a second --- document is an error on its marker', code: yaml('services:', '  - hostname: a', '    type: nodejs@22', '---', 'services: []'), hits: ['---'] },
    ],
  },
  'file-size': {
    valid: [{ name: 'under 100 KB', code: bigImport(90) }],
    invalid: [{ name: 'over 100 KB is an error', code: bigImport(110), hits: [{ text: 'services:', severity: 'error' }] }],
  },
};
