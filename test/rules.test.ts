import { FAMILIES } from './rules/index';
import { testRules } from './rule-tester';

// Every rule of every family through the one tester (test/rule-tester.ts), from the tables in test/rules/.

for (const table of Object.values(FAMILIES)) testRules(table);
