import type { RuleTable } from '../rule-tester';
import { CATALOGUE } from './catalogue';
import { ENV } from './env';
import { HOSTNAMES } from './hostnames';
import { MESSAGES } from './messages';
import { PREPROCESSOR } from './preprocessor';
import { PRECISION } from './precision';
import { PRECISION_LAYOUTS } from './precision-layouts';
import { SCHEMA } from './schema';
import { SECRETS } from './secrets';
import { REFERENCES } from './references';
import { SERVICES } from './services';
import { SUPPRESSION } from './suppression';
import { TYPES } from './types';
import { VALKEY } from './valkey';
import { YAML } from './yaml';
import { BASES } from './zerops-yml/bases';
import { CROSS, INLINE_CASES } from './zerops-yml/cross';
import { ENV_BUILD } from './zerops-yml/env-build';
import { FILE } from './zerops-yml/file';
import { RUN } from './zerops-yml/run';
import { SETUPS } from './zerops-yml/setups';

/** Every family's table of rule cases (the test/rules/ files), named after its rule file or folder. */
export const FAMILIES: Readonly<Record<string, RuleTable>> = {
  yaml: YAML,   schema: SCHEMA, types: TYPES, hostnames: HOSTNAMES, services: SERVICES, env: ENV, references: REFERENCES, preprocessor: PREPROCESSOR, suppression: SUPPRESSION, secrets: SECRETS, valkey: VALKEY,
  'zerops-yml/bases': BASES, 'zerops-yml/setups': SETUPS, 'zerops-yml/file': FILE, 'zerops-yml/env-build': ENV_BUILD, 'zerops-yml/run': RUN,
  'zerops-yml/cross': CROSS, 'zerops-yml/inline': INLINE_CASES, precision: PRECISION, catalogue: CATALOGUE, messages: MESSAGES, 'precision-layouts': PRECISION_LAYOUTS,
};
