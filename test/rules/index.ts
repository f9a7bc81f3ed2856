import type { RuleTable } from '../rule-tester';
import { ENV } from './env';
import { HOSTNAMES } from './hostnames';
import { PREPROCESSOR } from './preprocessor';
import { SCHEMA } from './schema';
import { REFERENCES } from './references';
import { SERVICES } from './services';
import { SUPPRESSION } from './suppression';
import { TYPES } from './types';
import { VALKEY } from './valkey';

/** Every family's table of rule cases (the test/rules/ files), named after its rule file or folder. */
export const FAMILIES: Readonly<Record<string, RuleTable>> = {
  schema: SCHEMA, types: TYPES, hostnames: HOSTNAMES, services: SERVICES, env: ENV, references: REFERENCES, preprocessor: PREPROCESSOR, suppression: SUPPRESSION, valkey: VALKEY,
};
