import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { complete } from '../server/src/service/features/completion';
import { toCompletionItem } from '../server/src/service/lsp/features';
import { completeAt } from './editor';
import { atCursor, yaml } from './helpers';

const SERVICES = ['services:', '  - hostname: cache', '    type: valkey:single@7.2', '  - hostname: queue', '    type: valkey@7.2', '    mode: HA',
  '  - hostname: app', '    type: nodejs@22', '    envSecrets:'];

describe('completion of references', () => {
  test('after ${ the hostnames of the file, each inserting host_ and asking for more', () => {
    const c = completeAt(yaml(...SERVICES, '      R: ${|'));
    assert.deepEqual(c.labels, ['cache', 'queue']);
    assert.equal(c.entries[0].insertText, 'cache_');
    assert.equal(c.entries[0].retrigger, true);
    assert.equal(c.entries[0].detail, 'valkey:single@7.2');
    assert.equal(c.replaced(c.entries[0]), '');
  });

  test('between $ and { nothing is offered; on the host part of a full reference only the host is replaced', () => {
    assert.deepEqual(completeAt(yaml(...SERVICES, '      R: $|{cache_port}')).labels, []);
    const c = completeAt(yaml(...SERVICES, '      R: ${ca|che_port}'));
    assert.deepEqual(c.entries.map((e) => [e.label, e.insertText, c.replaced(e)]), [['cache', 'cache', 'cache'], ['queue', 'queue', 'cache']]);
  });

  test('a partly typed hostname is replaced, the whole word', () => {
    const c = completeAt(yaml(...SERVICES, '      R: ${ca|ch'));
    assert.deepEqual(c.entries.map((e) => c.replaced(e)), ['cach', 'cach']);
  });

  test('after ${cache_ the variables of a single node: no replica variables, the URL first', () => {
    const c = completeAt(yaml(...SERVICES, '      R: ${cache_|'));
    assert.deepEqual(c.labels, [
      'connectionString', 'hostname', 'port', 'password',
      'ZEROPS_PROMETHEUS_PORT', 'connectionTlsString', 'portTls', 'projectId', 'serviceId',
    ]);
    assert.equal(c.entries[0].insertText, 'connectionString}');
    assert.equal(c.entries[0].documentation, '`${cache_connectionString}`: redis://default:\\<password\\>@\\<hostname\\>.zerops:6379 (read/write, plain; always reaches the primary). Secret: its value is never shown.');
  });

  test('an HA service also offers the four replica variables', () => {
    const c = completeAt(yaml(...SERVICES, '      R: ${queue_|}'));
    assert.equal(c.labels.length, 13);
    for (const v of ['portReplicas', 'portTlsReplicas', 'connectionStringReplicas', 'connectionTlsStringReplicas']) assert.ok(c.labels.includes(v), v);
    // Already closed: nothing more to add.
    assert.equal(c.entries.find((e) => e.label === 'port')?.insertText, 'port');
  });

  test('inside an existing reference the variable name is replaced up to the brace', () => {
    const c = completeAt(yaml(...SERVICES, '      R: ${cache_po|rtTls}'));
    const port = c.entries.find((e) => e.label === 'port');
    assert.ok(port);
    assert.equal(c.replaced(port), 'portTls');
    assert.equal(port.insertText, 'port');
  });

  test('in zerops.yml, services known from the workspace', () => {
    const ws = parseZerops(yaml(...SERVICES), { fileName: 'import.yaml' }).services;
    const zyml = yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        REDIS_URL: ${|');
    assert.deepEqual(completeAt(zyml, 'zerops.yml', ws).labels, ['app', 'cache', 'queue']);
    assert.deepEqual(completeAt(zyml, 'zerops.yml').labels, []);
  });
});

describe('completion of values', () => {
  test('mode offers NON_HA and HA, replacing what is typed', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: h|'));
    assert.deepEqual(c.labels, ['HA', 'NON_HA']);
    assert.deepEqual(c.entries.map((e) => c.replaced(e)), ['h', 'h']);
    assert.equal(c.entries.find((e) => e.label === 'HA')?.documentation, 'Three nodes: a primary and replicas, automatic failover, and read-only replica ports 7000/7001. Fixed once created.');
  });

  test('Valkey profile: the three profiles, staging marked as default', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2', '    profile: |'));
    assert.deepEqual(c.labels, ['hobby', 'production', 'staging']);
    assert.equal(c.entries.find((e) => e.label === 'staging')?.detail, 'default');
  });

  test('maxmemory-policy in profileOverrides: the eight policies, inside the quotes', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2', '    profile: production', '    profileOverrides:', '      maxmemory-policy: "all|keys"'));
    assert.equal(c.labels.length, 8);
    assert.ok(c.labels.includes('volatile-ttl'));
    assert.equal(c.replaced(c.entries[0]), 'allkeys');
  });

  test('the maxmemory-policy key itself under profileOverrides, once', () => {
    const base = ['services:', '  - hostname: cache', '    type: valkey:ha@7.2', '    profileOverrides:'];
    const c = completeAt(yaml(...base, '      max|'));
    assert.deepEqual(c.entries.map((e) => [e.label, e.insertText, c.replaced(e)]), [['maxmemory-policy', 'maxmemory-policy: ', 'max']]);
    assert.deepEqual(completeAt(yaml(...base, '      maxmemory-policy: noeviction', '      |')).labels, []);
  });

  test('a profile is not offered on a runtime', () => {
    assert.deepEqual(completeAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    profile: |')).labels, []);
  });
});

describe('completion of keys', () => {
  test('in a Valkey service: the keys that apply to managed services and are not written yet, with docs', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    |'));
    assert.deepEqual(c.labels, ['mode', 'dotEnvSecrets', 'envIsolation', 'envSecrets', 'priority', 'profile', 'profileOverrides', 'sshIsolation', 'vault', 'verticalAutoscaling']);
    // A legacy valkey@7.2 needs mode (valkey-mode-missing asks for it): offered first, not called deprecated.
    assert.equal(c.entries.find((e) => e.label === 'mode')?.detail, 'needed: HA or NON_HA, fixed once created');
    const va = c.entries.find((e) => e.label === 'verticalAutoscaling');
    assert.equal(va?.insertText, 'verticalAutoscaling:\n      ');
    assert.equal(c.entries.find((e) => e.label === 'mode')?.insertText, 'mode: ');
    assert.ok(va?.documentation?.startsWith('CPU, RAM and disk limits'));
  });

  test('a partly typed key is replaced; on a line with a colon only the name is', () => {
    const c = completeAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    minC|'));
    const e = c.entries.find((x) => x.label === 'minContainers');
    assert.ok(e);
    assert.equal(c.replaced(e), 'minC');
    assert.equal(e.insertText, 'minContainers: ');
    const d = completeAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    minCon|tain: 2')).entries.find((x) => x.label === 'minContainers');
    assert.ok(d);
    assert.equal(d.insertText, 'minContainers');
  });

  test('root: project and services, each opening its block', () => {
    const c = completeAt('|\n');
    assert.deepEqual(c.entries.filter((e) => e.kind !== 'snippet').map((e) => [e.label, e.insertText, c.replaced(e)]), [['project', 'project:\n  ', ''], ['services', 'services:\n  - ', '']]);
    assert.deepEqual(completeAt('project:\n  name: x\n|\n').labels, ['services']);
  });

  test('verticalAutoscaling: keys not yet written', () => {
    const c = completeAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    verticalAutoscaling:', '      minRam: 1', '      |', '      maxRam: 2'));
    assert.ok(c.labels.includes('minFreeRamPercent'));
    assert.ok(!c.labels.includes('minRam') && !c.labels.includes('maxRam'));
  });
});

describe('completion of type values and enums', () => {
  test('type: offered types only, one spelling each (variant for managed services, bare runtimes), replacing the typed value', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valk|'));
    const valkey = c.labels.filter((l) => l.startsWith('valkey'));
    assert.deepEqual(valkey, ['valkey:single@7.2', 'valkey:ha@7.2']);
    assert.ok(!c.labels.some((l) => l.startsWith('keydb')), 'KeyDB is no longer offered');
    assert.ok(c.labels.includes('nodejs@22') && !c.labels.includes('alpine/nodejs@22'));
    assert.equal(new Set(c.labels).size, c.labels.length);
    assert.ok(completeAt(yaml('services:', '  - hostname: app', '    type: alpine/|')).labels.every((l) => l.startsWith('alpine/')));
    const ha = c.entries.find((e) => e.label === 'valkey:ha@7.2');
    assert.ok(ha);
    assert.equal(c.replaced(ha), 'valk');
    assert.equal(ha.detail, 'Valkey 7.2 (HA)');
  });

  test('enums from the key tables: corePackage, cpuMode; booleans', () => {
    assert.deepEqual(completeAt(yaml('project:', '  name: x', '  corePackage: |')).labels, ['LIGHT', 'SERIOUS']);
    assert.deepEqual(completeAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    verticalAutoscaling:', '      cpuMode: D|')).labels, ['DEDICATED', 'SHARED']);
    assert.deepEqual(completeAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    enableSubdomainAccess: |')).labels, ['false', 'true']);
  });

  test('${db_ on PostgreSQL offers its catalogued variables', () => {
    const c = completeAt(yaml('services:', '  - hostname: db', '    type: postgresql@16', '  - hostname: app', '    type: nodejs@22', '    envSecrets:', '      D: ${db_|'));
    assert.ok(c.labels.includes('password') && c.labels.includes('connectionString'), JSON.stringify(c.labels));
    assert.ok(!c.labels.includes('portReplicas'));
  });
});

describe('completion of preprocessor expressions', () => {
  const FILE = ['#yamlPreprocessor=on', 'services:', '  - hostname: app', '    type: nodejs@22', '    envSecrets:'];

  test('after <@ the functions of zParser, each opening its parenthesis', () => {
    const c = completeAt(yaml(...FILE, '      KEY: <@genR|'));
    assert.equal(c.labels.length, 13);
    const e = c.entries.find((x) => x.label === 'generateRandomString');
    assert.ok(e);
    assert.equal(e.insertText, 'generateRandomString(');
    assert.equal(c.replaced(e), 'genR');
    assert.equal(e.documentation, 'generateRandomString(length): random letters, digits and `_-.`');
    // Where the parenthesis is already written, only the name changes.
    assert.equal(completeAt(yaml(...FILE, '      KEY: <@gen|Foo(<32>)>')).entries.find((x) => x.label === 'getVar')?.insertText, 'getVar');
  });

  test('after | behind a call, the modifiers, replacing the one being typed', () => {
    const c = completeAt(yaml(...FILE, '      KEY: <@generateRandomString(<32>)|sha256|u‸pp>'));
    assert.deepEqual(c.labels, ['argon2id', 'bcrypt', 'lower', 'noop', 'sha256', 'sha512', 'title', 'toHex', 'toString', 'upper']);
    assert.equal(c.replaced(c.entries[0]), 'upp');
    assert.deepEqual(completeAt(yaml(...FILE, '      KEY: <@generateRandomString(<32>)>|‸')).labels, []);
  });
});

describe('completion items for the editor', () => {
  test('a hostname asks VS Code to suggest its variables next; other clients get no command to send back', () => {
    const marked = yaml(...SERVICES, '      R: ${c|');
    const c = completeAt(marked);
    const doc = TextDocument.create('file:///w/import.yaml', 'yaml', 1, c.text);
    const entry = c.entries.find((e) => e.label === 'cache');
    assert.ok(entry);
    const vscode = toCompletionItem(doc, entry, { suggestAgain: true });
    assert.deepEqual(vscode.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    assert.deepEqual(vscode.textEdit, { range: { start: { line: 9, character: 11 }, end: { line: 9, character: 12 } }, newText: 'cache_' });
    assert.equal(toCompletionItem(doc, entry).command, undefined);
  });
});

describe('mode, deprecated only where it is', () => {
  test('next to a variant in the type it is deprecated and last; with no type it says both', () => {
    const c = completeAt(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2', '    |'));
    assert.equal(c.entries.find((e) => e.label === 'mode')?.detail, 'deprecated next to :ha in the type');
    assert.equal(c.labels.at(-1), 'mode');
    const none = completeAt(yaml('services:', '  - hostname: x', '    |'));
    assert.equal(none.entries.find((e) => e.label === 'mode')?.detail, 'HA or NON_HA; deprecated next to a variant in the type');
  });
});

describe('snippets from the catalogue, only where they fit', () => {
  const snippets = (marked: string, fileName = 'import.yaml') => completeAt(marked, fileName).entries.filter((e) => e.kind === 'snippet');
  const ITEM = ['services:', '  - hostname: app', '    type: nodejs@22'];

  test('a new item of services: after its dash, or on a blank line of the list (the dash then written too)', () => {
    const withDash = snippets(yaml(...ITEM, '  - zer|'));
    assert.deepEqual(withDash.map((e) => e.label), ['zerops-runtime', 'zerops-valkey', 'zerops-valkey-ha']);
    const valkey = withDash.find((e) => e.label === 'zerops-valkey')!;
    assert.equal(valkey.insertText, 'hostname: ${1:cache}\n    type: valkey:single@7.2\n    priority: 10');
    assert.ok(valkey.documentation?.includes('```yaml\nhostname: cache\ntype: valkey:single@7.2'));
    const bare = snippets(yaml(...ITEM, '  |')).find((e) => e.label === 'zerops-valkey')!;
    assert.equal(bare.insertText, '- hostname: ${1:cache}\n    type: valkey:single@7.2\n    priority: 10');
  });

  test('not in a value, not in an item that has keys already, not at a key of the item', () => {
    assert.deepEqual(snippets(yaml('services:', '  - hostname: cache', '    type: valk|')), []);
    assert.deepEqual(snippets(yaml('services:', '  - hostname: cache', '    mode: |')), []);
    assert.deepEqual(snippets(yaml('services:', '  - |', '    type: nodejs@22')), []);
    assert.deepEqual(snippets(yaml(...ITEM, '    |')), []);
    assert.deepEqual(snippets(yaml('project:', '  |')), []);
  });

  test('variable maps get the connection patterns; the zerops.yml wiring only in zerops.yml', () => {
    const env = snippets(yaml(...ITEM, '    envSecrets:', '      |'));
    assert.deepEqual(env.map((e) => e.label), ['zerops-redis-replicas', 'zerops-redis-tls', 'zerops-redis-url']);
    const replicas = env.find((e) => e.label === 'zerops-redis-replicas')!;
    assert.equal(replicas.insertText!.split('\n')[1].match(/^ */)![0].length, 6);
    const yml = snippets(yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        |'), 'zerops.yml');
    assert.ok(yml.some((e) => e.label === 'zerops-env-valkey'));
    assert.deepEqual(snippets(yaml('zerops:', '  - setup: app', '    run:', '      |'), 'zerops.yml'), []);
  });

  test('an empty import file (comments aside) gets the whole-file skeleton, and only there', () => {
    assert.deepEqual(snippets('# new\n|\n').map((e) => e.label), ['zerops-import']);
    assert.deepEqual(snippets(yaml(...ITEM, '|')).map((e) => e.label), []);
  });
});

describe('zerops.yml snippets: a setup per runtime at a new item of zerops:, the skeleton in an empty file', () => {
  const snippets = (marked: string, fileName = 'zerops.yml') => completeAt(marked, fileName).entries.filter((e) => e.kind === 'snippet').map((e) => e.label);
  const SETUPS = ['zerops-setup-go', 'zerops-setup-nodejs', 'zerops-setup-php-nginx', 'zerops-setup-python', 'zerops-setup-static'];
  const APP = ['zerops:', '  - setup: app', '    build:', '      base: nodejs@22', '      deployFiles: ./', '    run:', '      base: nodejs@22', '      start: npm start'];

  test('after a new dash of zerops:, or on a blank line of the list (the dash then written, later lines under it)', () => {
    assert.deepEqual(snippets(yaml(...APP, '  - zer|')), SETUPS);
    assert.deepEqual(snippets(yaml('zerops:', '  - |')), SETUPS);
    const bare = completeAt(yaml(...APP, '  |'), 'zerops.yml').entries.find((e) => e.label === 'zerops-setup-go')!;
    // `app` is taken by the setup above: the snippet names the new one `app2`.
    assert.ok(bare.insertText!.startsWith('- setup: ${1:app2}\n    build:\n      base: go@1\n'), bare.insertText);
    assert.ok(bare.documentation?.includes('```yaml\n- setup: app2\n  build:\n    base: go@1'));
  });

  test('nowhere else: not at a value, not inside a setup, build: or run:, not at a key of the setup, not in an import file', () => {
    assert.deepEqual(snippets(yaml('zerops:', '  - setup: |')), []);
    assert.deepEqual(snippets(yaml(...APP.slice(0, 3), '      |')), []);
    assert.deepEqual(snippets(yaml(...APP, '      |')), []);
    assert.deepEqual(snippets(yaml(...APP, '    |')), []);
    assert.deepEqual(snippets(yaml(...APP.slice(0, 6), '      base: |')), []);
    assert.deepEqual(snippets(yaml('zerops:', '  - |', '    setup: app')), []);
    assert.deepEqual(snippets(yaml('services:', '  - |'), 'zerops-import.yml'), ['zerops-runtime', 'zerops-valkey', 'zerops-valkey-ha']);
    assert.deepEqual(snippets(yaml(...APP, '      envVariables:', '        |')).filter((l) => l.startsWith('zerops-setup')), []);
  });

  test('an empty zerops.yml (comments aside) gets the zerops.yml skeleton; an import file its own', () => {
    assert.deepEqual(snippets('# build and run\n|\n'), ['zerops-yml']);
    assert.deepEqual(snippets('|'), ['zerops-yml']);
    assert.deepEqual(snippets('|', 'zerops-import.yml'), ['zerops-import']);
    assert.deepEqual(snippets(yaml(...APP, '|')), []);
  });
});

describe('multi-line insertions, as the client takes them', () => {
  const item = (marked: string, label: string, asIs: boolean) => {
    const { text, offset } = atCursor(marked);
    const entry = complete(parseZerops(text, { fileName: 'import.yaml' }), offset).find((e) => e.label === label)!;
    return toCompletionItem(TextDocument.create('file:///import.yaml', 'yaml', 1, text), entry, { asIs });
  };
  const MARKED = yaml('services:', '  - hostname: app', '    type: nodejs@22', '    vert|');

  test('asIs for a client that supports it: the text as the file should read', () => {
    const i = item(MARKED, 'verticalAutoscaling', true);
    assert.equal(i.insertTextMode, 1);
    assert.equal((i.textEdit as { newText: string }).newText, 'verticalAutoscaling:\n      ');
  });

  test('otherwise relative to the line, which the client indents again (4 + 2 = column 6)', () => {
    const i = item(MARKED, 'verticalAutoscaling', false);
    assert.equal(i.insertTextMode, undefined);
    assert.equal((i.textEdit as { newText: string }).newText, 'verticalAutoscaling:\n  ');
    const first = item(yaml('services:', '  - hostname: app', '    type: nodejs@22', '  - zer|'), 'zerops-valkey', false);
    assert.equal((first.textEdit as { newText: string }).newText, 'hostname: ${1:cache}\n  type: valkey:single@7.2\n  priority: 10');
    assert.equal(first.insertTextFormat, 2);
    assert.equal(first.kind, 15);
  });
});
