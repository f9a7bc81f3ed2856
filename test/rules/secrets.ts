import { yaml } from '../helpers';
import type { RuleTable } from '../rule-tester';

// secret-literal (server/src/rules/secrets.ts): passwords in URLs, random literals under secret keys and
// well-known token formats anywhere, with fixes that keep the file valid and messages that never repeat
// the secret. Each case names what it hides.

export const TOKEN = 'q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A';
export const PASSWORD = 'Tr0ub4dor-and-3';
const cache = ['services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: api', '    type: nodejs@22', '    envSecrets:'];
const secrets = (...env: string[]) => yaml(...cache, ...env.map((l) => `      ${l}`));
/** One Valkey service and a runtime whose envSecrets hold `env` (precision.test.ts's layout). */
const wired = (...env: string[]) => yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: NON_HA', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));
const projectVar = (line: string) => yaml('project:', '  name: p', '  envVariables:', `    ${line}`, 'services:', '  - hostname: api', '    type: nodejs@22');
const GENERATE = '<@generateRandomString(<32>)>';
const withToken = yaml('# my project', ...cache, `      APP_KEY: ${TOKEN}`, '      NAME: app # keep this comment');
const TOKENS = [
  ['ghp_', 'ghp_Zq8r2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0Aa1B2'],
  ['glpat', 'glpat-Zq8r2LmX4vT9wKp3Nc7Y'],
  ['AKIA', 'AKIAZ7VR4TY8WL3NB6CF'],
  ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ['Stripe', 'sk_live_Zq8r2LmX4vT9wKp3Nc7Yb1Hd6'],
  ['Slack', 'xoxb-1234567890-Zq8r2LmX4vT9wKp3'],
];
const PEM = yaml('services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', '      SIGNER: |', '        -----BEGIN EC PRIVATE KEY-----', '        MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oGsAD5u1Z1ncoAoGCCqGSM49', '        -----END EC PRIVATE KEY-----');
const DJANGO = 'django-insecure-8f2kq9zx7w4m1p5t3r6y0b2n';

export const SECRETS: RuleTable = {
  'secret-literal': {
    valid: [
      ...['${cache_password}', GENERATE, '<password>', '***', 'xxx'].map((pw) => ({ name: `a password place holding ${pw}`, code: secrets(`URL: redis://default:${pw}@cache:6379`) })),
      secrets('URL: postgresql://${db_user}:${db_password}@${db_hostname}:5432/${db_dbName}'),
      ...['ZeropsLaravelJetstreamProd', 'admin@example.com', 'https://board.coldran.com', 'claude-sonnet-5', 'abc123', 'aaaaaaaaaaaaaaaaaaaaaaaa1', 'projectimportenv2026edition', '<paste-a-64-char-random-string>']
        .map((v) => ({ name: `near miss: ${v}`, code: secrets(`V: ${v}`) })),
      { name: 'a random value in project envVariables under a key that names nothing secret', code: yaml('project:', '  name: p', '  envVariables:', `    K: ${TOKEN}`, ...cache.slice(0, 3)) },
      { name: 'the real case: a model name in envSecrets', code: wired('ANTHROPIC_MODEL: "claude-3-sonnet-20240229"') },
      ...[
        ['ANTHROPIC_MODEL', 'claude-3-5-sonnet-20241022'], ['OPENAI_MODEL', 'gpt-4o-mini-2024-07-18'], ['EMBEDDING_MODEL', 'text-embedding-3-large'],
        ['IMAGE', 'ghcr.io/acme/api-server:1.4.2'], ['GIT_SHA', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b'], ['RELEASED', '2024-02-29T10:00:00Z'],
        ['APP_VERSION', 'v1.2.3-beta.4+build.20240229'], ['AUTH_URL', 'https://auth.example.com/realms/prod2024/protocol'],
        ['AUTH_PROVIDER', 'keycloak-realm-production-2024'], ['JWT_ALGORITHM', 'RS256'], ['TOKEN_TTL', '86400'],
        ['STRIPE_PUBLISHABLE_KEY', 'pk_live_51HxQ2mZ7vR4tY8wL3nB6cF1'], ['API_KEY_ID', TOKEN], ['GITHUB_TOKEN', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
        ['SECRET_KEY_FILE', '/run/secrets/app_key_2024_v2'],
      ].map(([key, value]) => ({ name: `look-alike: ${key}: ${value}`, code: wired(`${key}: "${value}"`) })),
      { name: 'a JWT meant for browsers under a key that says so', code: projectVar(`NEXT_PUBLIC_SUPABASE_ANON_KEY: ${TOKENS[3][1]}`) },
      { name: 'a public key', code: PEM.replace(/EC PRIVATE KEY/g, 'PUBLIC KEY') },
    ],
    invalid: [
      { name: 'a password in a redis URL to a service of the file: fixed to ${x_password}', code: secrets(`REDIS_URL: redis://default:${PASSWORD}@cache:6379`), hits: [{ text: PASSWORD, severity: 'warning' }], hides: [PASSWORD], output: secrets('REDIS_URL: redis://default:${cache_password}@cache:6379') },
      { name: 'a password in a URL to an outside host: no service to refer to, no fix', code: secrets(`DATABASE_URL: "postgresql://app:${PASSWORD}@db.example.com:5432/app"`), hits: [PASSWORD], hides: [PASSWORD], noFix: true },
      { name: 'a generated-looking literal: generated at import, the directive added as line 1', code: withToken, hits: [TOKEN], hides: [TOKEN], output: `#yamlPreprocessor=on\n${withToken.replace(TOKEN, GENERATE)}` },
      { name: 'with the directive there, both values are reported', code: yaml('#zeropsPreprocessor=on', ...cache, `      APP_KEY: "${TOKEN}"`, `      OTHER_SECRET: '${TOKEN}x'`), hits: [TOKEN, `${TOKEN}x`], hides: [TOKEN] },
      { name: 'with the directive there, the fix only replaces the value, inside its quotes', code: yaml('#zeropsPreprocessor=on', ...cache, `      APP_KEY: "${TOKEN}"`), hits: [TOKEN], output: yaml('#zeropsPreprocessor=on', ...cache, `      APP_KEY: "${GENERATE}"`) },
      {
        name: 'CRLF and a BOM: the directive goes after the BOM with the file\'s line break',
        code: `\uFEFF${secrets(`APP_KEY: ${TOKEN}`).replace(/\n/g, '\r\n')}`,
        hits: [TOKEN],
        output: `\uFEFF#yamlPreprocessor=on\r\n${secrets(`APP_KEY: ${GENERATE}`).replace(/\n/g, '\r\n')}`,
      },
      { name: 'no fix when the preprocessor would change backslashes or "<" elsewhere, and the message says why', code: secrets(`APP_KEY: ${TOKEN}`, 'PATTERN: "a\\\\d+"'), hits: [{ text: TOKEN, message: /backslashes or "<"/ }], noFix: true },
      { name: 'dotEnvSecrets lines are read too', code: yaml(...cache.slice(0, 5), '    dotEnvSecrets: |', `      APP_KEY=${TOKEN}`, `      DB=postgresql://u:${PASSWORD}@x.example.com/db`), hits: [TOKEN, PASSWORD], hides: [TOKEN, PASSWORD] },
      { name: 'a random value under a secret key', code: wired(`SESSION_SECRET: ${TOKEN}`), hits: [TOKEN] },
      { name: 'a Django-style key with a random tail', code: wired(`SECRET_KEY: "${DJANGO}"`), hits: [DJANGO] },
      ...TOKENS.map(([what, token]) => ({ name: `a ${what} token under any key, in project envVariables, no fix`, code: projectVar(`UPSTREAM: ${token}`), hits: [token], hides: [token.slice(4, 12)], noFix: true as const })),
      { name: 'a private key', code: PEM, hits: [{ text: PEM.slice(PEM.indexOf('|')), message: /a private key/ }], hides: ['MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oGsAD5u1Z1ncoAoGCCqGSM49'] },
    ],
  },
  'preprocessor-directive': {
    valid: [{ name: 'the text secret-literal\'s fix leaves', code: `#yamlPreprocessor=on\n${withToken.replace(TOKEN, GENERATE)}` }],
  },
};
