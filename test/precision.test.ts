import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readDirective } from '../server/src/model/directive';
import { classify } from '../server/src/model/kind';
import { parseZerops } from '../server/src/model/parse';
import { looksRandom, namesSecret, tokenShape } from '../server/src/rules/secrets';
import { IncrementalChecker } from '../server/src/service/check/incremental';
import { runRules } from '../server/src/service/check/validate';
import { yaml } from './helpers';

// Issue 15: alarms a Zerops engineer would dismiss at a glance, seen on real files. Each class has the
// real-looking example, look-alikes that must stay silent, and the cases that must still be reported.

describe('secret-literal\'s detectors (the rule\'s cases: test/rules/secrets.ts)', () => {
  test('looksRandom: model names, images, release names are not random', () => {
    for (const v of ['claude-3-sonnet-20240229', 'gpt-4o-mini-2024-07-18', 'ghcr.io/acme/api-server:1.4.2', 'release-2024.02.29-rc1']) assert.equal(looksRandom(v), false, v);
  });

  test('a key that names a secret: keyword words, whatever the case, never the public side', () => {
    for (const k of ['APP_KEY', 'apiKey', 'JWT_SECRET', 'DB_PASSWORD', 'SMTP_PASSWD', 'MYSQL_PWD', 'SENTRY_DSN', 'AUTH_SALT', 'WEBHOOK_SIGNATURE', 'GCP_CREDENTIALS', 'PRIVATE_PEM']) {
      assert.equal(namesSecret(k), true, k);
    }
    for (const k of ['ANTHROPIC_MODEL', 'MONKEY', 'KEYCLOAK_REALM', 'PUBLIC_KEY', 'STRIPE_PUBLISHABLE_KEY', 'TOKEN_TTL', 'API_KEY_ID', 'AUTHOR']) {
      assert.equal(namesSecret(k), false, k);
    }
  });

  test('well-known token formats', () => {
    for (const token of ['ghp_Zq8r2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0Aa1B2', 'glpat-Zq8r2LmX4vT9wKp3Nc7Y', 'AKIAZ7VR4TY8WL3NB6CF', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'sk_live_Zq8r2LmX4vT9wKp3Nc7Yb1Hd6', 'xoxb-1234567890-Zq8r2LmX4vT9wKp3']) {
      assert.ok(tokenShape(token), token);
    }
    assert.equal(tokenShape('sk-some-long-words-joined-by-dashes-here-and-more'), undefined);
  });
});

// The rules' cases of these classes (the cache's ports, escapes, the directive) are tester cases:
// test/rules/precision.ts. Here: the detectors, the parsed values and the readers of the directive.
describe('preprocessor escapes: YAML sees the text as the preprocessor leaves it', () => {
  const file = (first: string, ...env: string[]) => yaml(first, 'services:', '  - hostname: api', '    type: nodejs@22', '    envSecrets:', ...env.map((l) => `      ${l}`));

  test('the real case: "\\<b\\>" in a preprocessor file is read unescaped', () => {
    const text = file('#yamlPreprocessor=on', 'MOTD: "\\<b\\>hi\\</b\\>"', 'K: <@generateRandomString(<32>)>');
    const entry = parseZerops(text, { fileName: 'import.yaml' }).envMaps[0].entries[0];
    assert.equal(entry.value, '<b>hi</b>');
    // Ranges still point into what the user wrote.
    assert.equal(text.slice(entry.valueSpan.start, entry.valueSpan.end), '"\\<b\\>hi\\</b\\>"');
  });

  test('every escape in plain, single- and double-quoted scalars is read as the preprocessor leaves it', () => {
    const cases: [string, string][] = [
      ['"a\\|b"', 'a|b'],
      ["'x\\<y\\>'", 'x<y>'],
      ['plain \\<tag\\> text', 'plain <tag> text'],
      ['"C:\\\\\\\\dir"', 'C:\\dir'],
      ['"\\\\n"', '\n'],
      ['"\\<@notCalled\\>"', '<@notCalled>'],
    ];
    for (const [source, value] of cases) {
      const text = file('#zeropsPreprocessor=on', `V: ${source}`);
      assert.equal(parseZerops(text, { fileName: 'import.yaml' }).envMaps[0].entries[0].value, value, source);
    }
  });

  test('the incremental checker gives what a whole check gives on a file with escapes, across edits', () => {
    const checker = new IncrementalChecker({ fileName: 'import.yaml' });
    let text = file('#yamlPreprocessor=on', 'A: "\\<b\\>"', 'B: x');
    for (const next of [text, text.replace('B: x', 'B: "\\|"'), text.replace('#yamlPreprocessor=on', '# off'), text]) {
      text = next;
      assert.equal(JSON.stringify(checker.check(text).findings), JSON.stringify(runRules(parseZerops(text, { fileName: 'import.yaml' }))));
    }
  });
});

describe('preprocessor directive: one reading', () => {
  test('every reader agrees: the kind and the directive reader (the rule and the secret fix: test/rules/precision.ts)', () => {
    const near = `# zeropsPreprocessor=true\nfoo: 1\n`;
    assert.equal(classify('x.yaml', near, undefined), 'import');
    assert.equal(readDirective(near)?.documented, false);
    assert.equal(readDirective('#yamlPreprocessor=on\n')?.documented, true);
    assert.equal(readDirective('services: []\n#yamlPreprocessor=on\n'), undefined);
  });
});
