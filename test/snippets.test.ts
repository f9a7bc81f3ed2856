import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { VALKEY_BEHAVIOUR } from '../server/src/catalog/cache-behaviour';
import { SNIPPETS, expandSnippet } from '../server/src/catalog/snippets';
import { VALKEY, valkeyVariable } from '../server/src/catalog/valkey';
import { parseZerops } from '../server/src/model/parse';
import { lint, yaml } from './helpers';

// Snippets are data the editor expands; these tests expand them the way VS Code does and check what
// comes out: valid YAML that lints clean, references the catalogue knows, client code that parses.

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Snippet { prefix: string; description: string; body: string[] }

function load(path: string): Record<string, Snippet> {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
}

const expand = expandSnippet;

const contributed = pkg.contributes.snippets as { language: string; path: string }[];
const files = [...new Set(contributed.map((s) => s.path.replace(/^\.\//, '')))];
const LANGUAGES: Record<string, string[]> = {
  'snippets/javascript.json': ['javascript', 'typescript'],
  'snippets/python.json': ['python'],
  'snippets/go.json': ['go'],
  'snippets/php.json': ['php'],
};

describe('snippet files', () => {
  test('every file in snippets/ is contributed for its languages, and nothing else is', () => {
    assert.deepEqual(readdirSync(join(ROOT, 'snippets')).map((f) => `snippets/${f}`).sort(), Object.keys(LANGUAGES).sort());
    const byFile = new Map<string, string[]>();
    for (const s of contributed) byFile.set(s.path.replace(/^\.\//, ''), [...(byFile.get(s.path.replace(/^\.\//, '')) ?? []), s.language]);
    assert.deepEqual(Object.fromEntries(byFile), LANGUAGES);
  });

  test('each is valid JSON of snippets with a zerops- prefix, a description and a body of lines', () => {
    for (const f of files) {
      const snippets = load(f);
      assert.ok(Object.keys(snippets).length > 0, f);
      for (const [name, s] of Object.entries(snippets)) {
        assert.match(s.prefix, /^zerops-[a-z-]+$/, name);
        assert.ok(s.description.length > 20, name);
        assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), name);
        assert.doesNotThrow(() => expand(s.body.join('\n')), name);
      }
    }
  });

  test('every ${host_var} a snippet writes is a variable the catalogue knows', () => {
    let seen = 0;
    for (const f of files) {
      for (const [name, s] of Object.entries(load(f))) {
        for (const m of expand(s.body.join('\n')).matchAll(/\$\{([a-z0-9]+)_([A-Za-z0-9_]+)\}/g)) {
          seen++;
          assert.equal(m[1], 'cache', name);
          assert.ok(valkeyVariable(m[2]), `${name}: \${${m[1]}_${m[2]}} is not a Valkey variable`);
        }
      }
    }
    assert.ok(seen >= 5, `only ${seen} references`);
  });

  test('the expander handles escapes, mirrors and choices', () => {
    assert.equal(expand('A: \\${${1:cache}_port} $1 ${2|x,y|} $0'), 'A: ${cache_port} cache x ');
  });
});

describe('the server\'s YAML snippets (catalogue), expanded, lint clean in their place', () => {
  const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');
  const expanded = (s: (typeof SNIPPETS)[number]) => expand(s.body.join('\n'));
  const HA_CACHE = ['services:', '  - hostname: cache', '    type: valkey:ha@7.2', '  - hostname: app', '    type: nodejs@22', '    envSecrets:'];

  test('prefixes are unique, zerops-…, with a description; every body expands', () => {
    assert.equal(new Set(SNIPPETS.map((s) => s.prefix)).size, SNIPPETS.length);
    for (const s of SNIPPETS) {
      assert.match(s.prefix, /^zerops-[a-z-]+$/);
      assert.ok(s.description.length > 20, s.prefix);
      assert.ok(s.kinds.length > 0 && s.places.length > 0, s.prefix);
      assert.doesNotThrow(() => expanded(s), s.prefix);
    }
  });

  test('every ${host_var} a snippet writes is a variable the catalogue knows', () => {
    let seen = 0;
    for (const s of SNIPPETS) {
      for (const m of expanded(s).matchAll(/\$\{([a-z0-9]+)_([A-Za-z0-9_]+)\}/g)) {
        seen++;
        if (m[1] === 'cache') assert.ok(valkeyVariable(m[2]), `${s.prefix}: \${${m[1]}_${m[2]}} is not a Valkey variable`);
      }
    }
    assert.ok(seen >= 10, `only ${seen} references`);
  });

  test('the service snippets, as items of services:', () => {
    const services = SNIPPETS.filter((s) => s.places.includes('service'));
    assert.ok(services.length >= 3);
    for (const s of services) {
      const text = `services:\n  - ${indent(expanded(s), '    ').trimStart()}\n`;
      assert.doesNotThrow(() => parse(text), s.prefix);
      assert.deepEqual(lint(text).map((f) => f.rule), [], s.prefix);
    }
  });

  test('the whole-file import skeleton lints clean and wires the app to the cache and the database', () => {
    for (const s of SNIPPETS.filter((x) => x.places.includes('file') && x.kinds.includes('import'))) {
      const text = expanded(s);
      const doc = parse(text);
      assert.deepEqual(doc.services.map((x: { hostname: string }) => x.hostname), ['cache', 'db', 'app'], s.prefix);
      assert.equal(doc.services[2].envSecrets.REDIS_URL, '${cache_connectionString}');
      assert.deepEqual(lint(text).map((f) => f.rule), [], s.prefix);
    }
  });

  test('the zerops.yml env wiring, under run.envVariables', () => {
    const wiring = SNIPPETS.filter((s) => s.places.includes('env') && s.kinds.length === 1 && s.kinds[0] === 'zerops-yml');
    assert.equal(wiring.length, 1);
    const text = `zerops:\n  - setup: app\n    run:\n      envVariables:\n${indent(expanded(wiring[0]), '        ')}\n`;
    const doc = parse(text);
    assert.equal(doc.zerops[0].run.envVariables.REDIS_URL, '${cache_connectionString}');
    assert.deepEqual(lint(text, 'zerops.yml').map((f) => f.rule), []);
  });

  describe('the zerops.yml setups and skeleton, in a realistic project', () => {
    // The project around the file: an import that runs the app and a Valkey, and a second setup beside
    // the new one, so the cross-file checks run too.
    // The service `app` is of the type the new setup runs (php-nginx@8.4 for the PHP one, and so on).
    const project = (appType: string) => parseZerops(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '  - hostname: app', `    type: ${appType}`, '  - hostname: worker', '    type: nodejs@22'), { fileName: 'zerops-import.yml' }).services;
    const WORKER = ['  - setup: worker', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: nodejs@22', '      start: node worker.js'];
    const lintYml = (text: string) => {
      const appType = parse(text).zerops.find((z: { setup: string }) => z.setup === 'app').run.base;
      return lint(text, 'zerops.yml', { external: project(appType), fileName: 'zerops.yml' });
    };
    const setups = SNIPPETS.filter((s) => s.places.includes('setup'));
    const severe = (text: string) => lintYml(text).filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.rule}: ${f.message}`);

    test('one setup per common runtime, each only for zerops.yml and only as a setup', () => {
      assert.deepEqual(setups.map((s) => s.prefix), ['zerops-setup-nodejs', 'zerops-setup-php-nginx', 'zerops-setup-python', 'zerops-setup-go', 'zerops-setup-static']);
      for (const s of setups) assert.deepEqual([s.kinds, s.places], [['zerops-yml'], ['setup']], s.prefix);
    });

    test('each setup, as a new item of zerops: after another setup, lints with nothing at warning or error', () => {
      for (const s of setups) {
        const text = ['zerops:', ...WORKER, `  - ${indent(expanded(s), '    ').trimStart()}`, ''].join('\n');
        const doc = parse(text);
        assert.equal(doc.zerops[1].setup, 'app', s.prefix);
        assert.deepEqual(severe(text), [], s.prefix);
        // Nothing at all, in fact, on the setup itself: no hint either.
        assert.deepEqual(lintYml(text).filter((f) => f.span.start > text.indexOf('setup: app')).map((f) => f.rule), [], s.prefix);
      }
    });

    test('probes as the platform takes them: httpGet with port and path, Go durations within 10s–1h', () => {
      for (const s of [...setups, ...SNIPPETS.filter((x) => x.kinds.includes('zerops-yml') && x.places.includes('file'))]) {
        const text = expanded(s);
        const doc = parse(s.places.includes('file') ? text : `zerops:\n  - ${indent(text, '    ').trimStart()}`).zerops[0];
        for (const probe of [doc.deploy.readinessCheck, doc.run.healthCheck]) {
          assert.equal(typeof probe.httpGet.port, 'number', s.prefix);
          assert.match(probe.httpGet.path, /^\//, s.prefix);
          for (const [key, value] of Object.entries(probe)) {
            if (key === 'httpGet') continue;
            const m = /^(\d+)(s|m)$/.exec(String(value));
            assert.ok(m, `${s.prefix}: ${key}: ${value}`);
            const seconds = Number(m[1]) * (m[2] === 'm' ? 60 : 1);
            assert.ok(seconds >= 10 && seconds <= 3600, `${s.prefix}: ${key}: ${value}`);
          }
        }
        // A declared port is the one the probes ask.
        const ports = (doc.run.ports ?? []).map((p: { port: number }) => p.port);
        assert.deepEqual(ports.length ? ports : [80], [doc.run.healthCheck.httpGet.port], s.prefix);
      }
    });

    test('the bases are ones the catalogue calls current, in the phase they are for', () => {
      for (const s of setups) {
        const text = `zerops:\n  - ${indent(expanded(s), '    ').trimStart()}\n`;
        assert.deepEqual(lintYml(text).filter((f) => /^base-/.test(f.rule)).map((f) => f.rule), [], s.prefix);
      }
      // The checks would see a stale or wrong-phase base: the test above is not vacuous.
      const stale = `zerops:\n  - ${indent(expanded(setups[0]).replace(/nodejs@22/g, 'nodejs@18'), '    ').trimStart()}\n`;
      assert.ok(lintYml(stale).some((f) => f.rule === 'base-version-legacy'));
    });

    test('the whole-file skeleton: one Node.js setup wired to the cache, clean next to the import', () => {
      const skeletons = SNIPPETS.filter((s) => s.kinds.includes('zerops-yml') && s.places.includes('file'));
      assert.deepEqual(skeletons.map((s) => s.prefix), ['zerops-yml']);
      const text = expanded(skeletons[0]);
      const doc = parse(text);
      assert.equal(doc.zerops[0].setup, 'app');
      assert.equal(doc.zerops[0].run.envVariables.REDIS_URL, '${cache_connectionString}');
      assert.deepEqual(lintYml(text).map((f) => f.rule), []);
      // Against an import whose Valkey is called otherwise, the wiring is caught: the reference is checked.
      const other = text.replace(/\$\{cache_/g, '${redis_');
      assert.ok(lintYml(other).some((f) => f.rule === 'reference-unknown-service'));
    });
  });

  test('the connection patterns, as env entries next to an HA Valkey; TLS alone draws the inside-the-project reminder', () => {
    const patterns = SNIPPETS.filter((s) => s.places.includes('env') && s.kinds.includes('import'));
    assert.deepEqual(patterns.map((p) => expanded(p).split('\n').map((l) => l.replace(/^[A-Z_]+: /, ''))), [
      ['redis://default:${cache_password}@${cache_hostname}:6379'],
      ['rediss://default:${cache_password}@${cache_hostname}:6380'],
      ['redis://default:${cache_password}@${cache_hostname}:6379', 'redis://default:${cache_password}@${cache_hostname}:7000'],
    ]);
    for (const p of patterns) {
      const text = yaml(...HA_CACHE, indent(expanded(p), '      '));
      assert.doesNotThrow(() => parse(text), p.prefix);
      const expected = expanded(p).includes('rediss://') ? ['valkey-tls-internal'] : [];
      assert.deepEqual(lint(text).map((f) => f.rule), expected, p.prefix);
    }
  });
});

describe('client-code snippets', () => {
  const clients = files
    .flatMap((f) => Object.entries(load(f)).map(([name, s]) => ({ file: f, name, text: expand(s.body.join('\n')) })));

  test('one for each of node-redis, iovalkey/ioredis, redis-py, go-redis and Predis', () => {
    assert.deepEqual(clients.map((c) => c.name.replace(/^Zerops: Valkey client( with read replicas)? /, '')), [
      '(node-redis)', '(iovalkey)', '(redis-py)', '(go-redis)', '(Predis)',
    ]);
  });

  test('they read REDIS_URL, wired to ${cache_connectionString}; URLs are lowercase with user default', () => {
    for (const c of clients) {
      assert.ok(c.text.includes('REDIS_URL: ${cache_connectionString}'), c.name);
      assert.ok(/REDIS_URL/.test(c.text.split('\n').filter((l) => !/^\s*(\/\/|#)/.test(l)).join('\n')), `${c.name} does not read REDIS_URL`);
      const urls = [...c.text.matchAll(/\b(rediss?):\/\/([^@\s]*)@/gi)];
      assert.ok(urls.length > 0, c.name);
      for (const u of urls) {
        assert.equal(u[1], u[1].toLowerCase(), c.name);
        assert.equal(u[2].split(':')[0], VALKEY.user, c.name);
      }
    }
  });

  test('each keeps the connection alive with a PING more often than Zerops closes idle ones', () => {
    for (const c of clients) {
      const m = /PING every (\d+) s/.exec(c.text);
      assert.ok(m, c.name);
      const every = Number(m[1]);
      assert.ok(every < VALKEY_BEHAVIOUR.idleTimeoutSeconds, c.name);
      assert.ok(c.text.includes(`${VALKEY_BEHAVIOUR.idleTimeoutSeconds} s`), c.name);
      const code = c.text.split('\n').filter((l) => !/^\s*(\/\/|#)/.test(l)).join('\n');
      assert.ok(code.includes(`${every}_000`) || code.includes(`${every} * time.Second`) || code.includes(`=${every}`) || code.includes(`>= ${every}`), `${c.name} does not use ${every} s in code`);
      assert.match(code, /ping|Ping|health_check_interval/, c.name);
    }
  });

  test('the JavaScript/TypeScript ones parse as ES modules (node --check); the iovalkey one also reads from the replicas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zerops-snippets-'));
    try {
      for (const [i, c] of clients.filter((x) => x.file === 'snippets/javascript.json').entries()) {
        const file = join(dir, `s${i}.mjs`);
        writeFileSync(file, c.text);
        assert.doesNotThrow(() => execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' }), c.name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const io = clients.find((c) => c.name.includes('iovalkey'));
    assert.ok(io);
    assert.ok(io.text.includes('REDIS_READ_URL: ${cache_connectionStringReplicas}'));
    assert.ok(io.text.includes("from 'iovalkey'"));
  });

  test('the others have balanced brackets (no parser for Go, Python or PHP here)', () => {
    for (const c of clients.filter((x) => x.file !== 'snippets/javascript.json')) {
      const code = c.text.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').split('\n').filter((l) => !/^\s*(\/\/|#)/.test(l)).join('\n');
      const stack: string[] = [];
      const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
      for (const ch of code) {
        if ('([{'.includes(ch)) stack.push(ch);
        else if (ch in pairs) assert.equal(stack.pop(), pairs[ch], `${c.name}: unbalanced ${ch}`);
      }
      assert.deepEqual(stack, [], c.name);
    }
  });
});
