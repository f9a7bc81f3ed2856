import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// suppression-unknown-rule (server/src/rules/suppression.ts); what the comments silence is in services.ts.

const bad = (comment: string) => yaml('services:', '  - hostname: app', '    type: nodejs@22', comment, '    mode: HA');

export const SUPPRESSION: RuleTable = {
  'suppression-unknown-rule': {
    valid: [bad('    # zerops-disable-next-line mode-ignored'), bad('    # zerops-disable-next-line'), `# zerops-disable mode-ignored -- runtimes ignore it anyway\n${bad('    # note')}`, bad('    # zerops-disable-next-line hostname-invalid, schema-enum')],
    invalid: [{ name: 'a wrong id, fixed to the nearest', code: bad('    # zerops-disable-next-line mode-ignord'), hits: ['mode-ignord'], output: bad('    # zerops-disable-next-line mode-ignored') }],
  },
};
