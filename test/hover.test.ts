import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseZerops } from '../server/src/model/parse';
import { hover } from '../server/src/service/features/hover';
import { hoverAt } from './editor';
import { assertNoSecretLeak, yaml } from './helpers';

const tableRows = (md: string) => md.split('\n').filter((l) => /^\| \d+ \|/.test(l));

const APP = ['  - hostname: app', '    type: nodejs@22', '    envSecrets:'];

describe('hover on a Valkey type', () => {
  test('legacy valkey@7.2 with mode HA: HA derived from mode, three nodes, four ports', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valk|ey@7.2', '    mode: HA'));
    assert.ok(h);
    assert.equal(h.covers, 'valkey@7.2');
    const lines = h.markdown.split('\n\n');
    assert.equal(lines[0], '### Valkey 7.2, HA (three nodes) · ports 6379, 6380, 7000, 7001', 'a summary line first');
    assert.equal(lines[1], '`valkey@7.2` with `mode: HA`: HA, the same as `valkey:ha@7.2`. One primary and two replicas; if the primary fails, a replica is promoted and clients keep using the hostname.');
    assert.deepEqual(tableRows(h.markdown), [
      '| 6379 | read/write, plain; always reaches the primary | `${cache_port}` | `${cache_connectionString}` |',
      '| 6380 | read/write over TLS; meant for access from outside the project (VPN, laptops) | `${cache_portTls}` | `${cache_connectionTlsString}` |',
      '| 7000 | read-only, plain; balanced over the replicas (HA only) | `${cache_portReplicas}` | `${cache_connectionStringReplicas}` |',
      '| 7001 | read-only over TLS; balanced over the replicas (HA only) | `${cache_portTlsReplicas}` | `${cache_connectionTlsStringReplicas}` |',
    ]);
    assert.ok(h.markdown.includes('- Reads spread over the replicas: `redis://default:${cache_password}@${cache_hostname}:7000` (read-only; writes go to 6379)'), h.markdown);
    assert.ok(h.markdown.includes('- Replication is asynchronous: writes the primary acknowledged just before a failover can be lost'), h.markdown);
    assert.ok(h.markdown.includes('- The mode is fixed when the service is created: changing it means a new service.'));
    assert.ok(h.markdown.includes('TLS only from outside'));
    // Read fast: a summary, a sentence, the table, three ways to connect, three notes, the other variables.
    assert.ok(h.markdown.split('\n').filter((l) => l.trim()).length <= 18, h.markdown);
  });

  test('valkey:single@7.2: one node, two ports, no replica variables, the exact text', () => {
    const h = hoverAt(yaml('services:', '  - hostname: kv', '    type: |valkey:single@7.2'));
    assert.ok(h);
    assert.equal(h.covers, 'valkey:single@7.2');
    assert.equal(h.markdown, [
      '### Valkey 7.2, single node (one node) · ports 6379, 6380',
      'The `:single` variant in the type decides: single node. No replicas and no failover.',
      '| Port | What it is | Port variable | URL variable |\n|---:|---|---|---|\n'
        + '| 6379 | read/write, plain; always reaches the primary | `${kv_port}` | `${kv_connectionString}` |\n'
        + '| 6380 | read/write over TLS; meant for access from outside the project (VPN, laptops) | `${kv_portTls}` | `${kv_connectionTlsString}` |',
      '**Connecting** (user `default`, always; TLS only from outside, certificates from the Zerops internal CA)\n'
        + '- Inside the project: `${kv_connectionString}`, that is `redis://default:${kv_password}@${kv_hostname}:6379`\n'
        + '- From outside (VPN, a laptop), over TLS: `rediss://default:${kv_password}@${kv_hostname}:6380`\n'
        + '- No read replicas (port 7000): they need HA.',
      '**Keep in mind**\n'
        + '- The mode is fixed when the service is created: changing it means a new service.\n'
        + '- Idle connections are closed after 300 s: let the client PING more often.',
      'Also: `${kv_hostname}` `${kv_serviceId}` `${kv_projectId}` `${kv_password}` `${kv_ZEROPS_PROMETHEUS_PORT}`.',
    ].join('\n\n'));
  });

  test('legacy valkey@7.2 without mode: single node, and it says why', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: "valkey@7.2|"'));
    assert.ok(h);
    assert.equal(h.covers, 'valkey@7.2');
    assert.equal(h.markdown.split('\n\n')[1], 'No `mode` is given, so Zerops creates the default, a single node (the same as `valkey:single@7.2`). No replicas and no failover.');
    assert.equal(tableRows(h.markdown).length, 2);
  });

  test('valkey@8 adds a warning that the import fails', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey@|8', '    mode: NON_HA'));
    assert.ok(h);
    assert.ok(h.markdown.includes('⚠ Zerops offers Valkey 7.2 only; `valkey@8` fails at import.'), h.markdown);
  });

  test('KeyDB: one port, no TLS, and why to move to Valkey', () => {
    const h = hoverAt(yaml('services:', '  - hostname: kv', '    type: keydb@|6', '    mode: HA'));
    assert.ok(h);
    assert.equal(h.covers, 'keydb@6');
    assert.equal(h.markdown.split('\n\n')[0], '### KeyDB 6, HA (two nodes)');
    assert.deepEqual(tableRows(h.markdown), ['| 6379 | read/write, plain (KeyDB has no TLS) | `${kv_port}` | `${kv_connectionString}` |']);
    assert.ok(h.markdown.includes('**Why move to Valkey** KeyDB is removed from the platform'), h.markdown);
    assert.ok(h.markdown.includes('Here that is `valkey:ha@7.2`'), h.markdown);
  });

  test('other types: what they are, which spelling, the versions Zerops offers', () => {
    assert.equal(hoverAt(yaml('services:', '  - hostname: db', '    type: postgresql:ha@1|6'))?.markdown,
      '### PostgreSQL 16, HA\n\nKind: managed services (databases, caches, search, queues). Composite spelling, the current one.\n\nVersions Zerops offers: `18`, `17`, `16`, `14`.');
    assert.equal(hoverAt(yaml('services:', '  - hostname: mq', '    type: rabbit|mq@3.9'))?.markdown,
      '### RabbitMQ 3.9\n\nKind: managed services (databases, caches, search, queues). Legacy spelling, still accepted.\n\n⚠ Zerops no longer offers RabbitMQ for new services.');
    assert.equal(hoverAt(yaml('services:', '  - hostname: x', '    type: nonsense|@1')), null);
  });
});

describe('hover on mode', () => {
  test('on a Valkey mode value: what HA and NON_HA mean and what this service is', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: H|A'));
    assert.ok(h);
    assert.equal(h.covers, 'HA');
    assert.equal(h.markdown, [
      '### `mode` on Valkey',
      '- `HA`: three nodes, one primary and two replicas, automatic failover, read-only replica ports 7000 and 7001. Replication is asynchronous: writes the primary acknowledged just before a failover can be lost, and writes pause for 10–15 s while a replica takes over.\n- `NON_HA`: one node, ports 6379 and 6380 only. The default when `mode` is missing.',
      'This service: HA. The mode is fixed when the service is created.',
    ].join('\n\n'));
  });

  test('on the mode key next to a composite type: the variant counts', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2', '    mo|de: HA'));
    assert.ok(h);
    assert.equal(h.covers, 'mode');
    assert.ok(h.markdown.endsWith('The type already names the `:ha` variant, which is what counts; `mode` next to it is deprecated (`HA` would agree).'), h.markdown);
  });

  test('on a runtime: ignored there, minContainers instead', () => {
    const h = hoverAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    mode: |HA'));
    assert.ok(h);
    assert.equal(h.markdown, '### `mode`\n\nNode.js is a runtime: Zerops ignores `mode` here. Run more containers with `minContainers` and `maxContainers`.');
  });

  test('on PostgreSQL with a variant in the type: the variant counts', () => {
    const h = hoverAt(yaml('services:', '  - hostname: db', '    type: postgresql:ha@16', '    mode|: HA'));
    assert.ok(h);
    assert.equal(h.markdown, '### `mode`\n\nPostgreSQL: `NON_HA` (the default) is one node, `HA` a replicated cluster. Fixed when the service is created. The type already names the `:ha` variant, which is what counts; `mode` next to it is deprecated.');
  });
});

describe('hover on a port in a value', () => {
  const SINGLE = ['services:', '  - hostname: cache', '    type: valkey:single@7.2'];

  test('7000 in a URL to a single node: its role and a warning that it does not exist', () => {
    const h = hoverAt(yaml(...SINGLE, ...APP, '      R: redis://default:${cache_password}@cache:70|00'));
    assert.ok(h);
    assert.equal(h.covers, '7000');
    assert.equal(h.markdown, [
      '**Port 7000** of `cache` (Valkey, single node)',
      'read-only, plain; balanced over the replicas (HA only). Variable: `${cache_portReplicas}`.',
      '⚠ This port does not exist on `cache`: it is a single node, and only HA has read replicas. Use 6379.',
    ].join('\n\n'));
  });

  test('a bare REDIS_PORT "6380" next to a URL of an HA Valkey: TLS read/write, no warning', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey:ha@7.2', ...APP,
      '      REDIS_URL: ${cache_connectionString}', '      REDIS_PORT: "63|80"'));
    assert.ok(h);
    assert.equal(h.covers, '6380');
    assert.equal(h.markdown, '**Port 6380** of `cache` (Valkey, HA)\n\nread/write over TLS; meant for access from outside the project (VPN, laptops). Variable: `${cache_portTls}`.');
  });

  test('a port Valkey does not listen on', () => {
    const h = hoverAt(yaml(...SINGLE, ...APP, '      R: redis://cache:6|381'));
    assert.ok(h);
    assert.ok(h.markdown.startsWith('**Port 6381** of `cache` (Valkey, single node)\n\n⚠ Valkey does not listen on 6381.'), h.markdown);
  });
});

describe('hover on a reference', () => {
  const HA = ['services:', '  - hostname: cache', '    type: valkey@7.2', '    mode: HA'];

  test('${cache_port} resolves to 6379, read/write, plain', () => {
    const h = hoverAt(yaml(...HA, ...APP, '      P: ${cache_po|rt}'));
    assert.ok(h);
    assert.equal(h.covers, '${cache_port}');
    assert.equal(h.markdown, '`${cache_port}` → `6379`\n\n`cache` is a Valkey service (`valkey@7.2`, HA).\n\nPort 6379: read/write, plain; always reaches the primary.');
  });

  test('a connection string shows its template with the password masked', () => {
    const h = hoverAt(yaml(...HA, ...APP, '      U: ${|cache_connectionTlsString}'));
    assert.ok(h);
    assert.ok(h.markdown.startsWith('`${cache_connectionTlsString}` → `rediss://default:••••••••@cache.zerops:6380`'), h.markdown);
    assert.ok(h.markdown.includes('The password is secret and not shown here. User: `default`.'));
  });

  test('the password is never shown, even when the file writes one', () => {
    const h = hoverAt(yaml(...HA, ...APP, '      S: s3cr3tpassw0rd', '      P: ${cache_password|}'));
    assert.ok(h);
    assert.ok(h.markdown.startsWith('`${cache_password}` → `••••••••`'), h.markdown);
    assert.ok(!h.markdown.includes('s3cr3t'));
  });

  test('a replica variable of a single node carries a warning', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey:single@7.2', ...APP, '      R: ${cache_connectionStringRep|licas}'));
    assert.ok(h);
    assert.ok(h.markdown.endsWith('⚠ `cache` is a single node: this endpoint exists only on HA, so the reference resolves to nothing usable. Use `${cache_connectionString}`.'), h.markdown);
  });

  test('${cache_user}: no such variable, the user is default', () => {
    const h = hoverAt(yaml(...HA, ...APP, '      U: ${cache_us|er}'));
    assert.ok(h);
    assert.equal(h.markdown, '`${cache_user}`: not a variable Valkey exposes. `cache` is a Valkey service (`valkey@7.2`, HA). The user is always `default`; write it literally. Zerops leaves an unknown reference as literal text.');
  });

  test('in zerops.yml, a service known from the workspace answers', () => {
    const other = parseZerops(yaml(...HA), { fileName: 'import.yaml' }).services;
    const zyml = yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        REDIS_PORT: ${cache_po|rtReplicas}');
    const h = hoverAt(zyml, 'zerops.yml', other);
    assert.ok(h);
    assert.equal(h.markdown, '`${cache_portReplicas}` → `7000`\n\n`cache` is a Valkey service (`valkey@7.2`, HA).\n\nPort 7000: read-only, plain; balanced over the replicas (HA only).');
    assert.ok(hoverAt(zyml, 'zerops.yml')?.markdown.includes('no service `cache` is defined here'));
  });
});

describe('hover on a reference to another type', () => {
  test('${db_password} on PostgreSQL: what it holds, never the value', () => {
    const h = hoverAt(yaml('services:', '  - hostname: db', '    type: postgresql@16', ...APP, '      D: ${db_pass|word}'));
    assert.ok(h);
    assert.ok(h.markdown.startsWith('`${db_password}`\n\n`db` is a PostgreSQL service (`postgresql@16`).\n\nIt holds '), h.markdown);
    assert.ok(h.markdown.endsWith('Its value is secret and not shown here.'), h.markdown);
  });
});

describe('hover on a hostname', () => {
  test('summary and how others reference it', () => {
    const h = hoverAt(yaml('services:', '  - hostname: ca|che', '    type: valkey:ha@7.2'));
    assert.ok(h);
    assert.equal(h.covers, 'cache');
    assert.equal(h.markdown, [
      '### `cache`',
      'Valkey 7.2, HA (three nodes); ports 6379, 6380, 7000, 7001.',
      'Other services reach it as `cache` or `cache.zerops` on the project network, and read its variables as `${cache_<variable>}`, for example `${cache_connectionString}`.',
      'The hostname is fixed once the service exists.',
    ].join('\n\n'));
  });
});

describe('hover on keys', () => {
  test('a verticalAutoscaling key: its path, value type and what it does', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    verticalAutoscaling:', '      minFreeRam|Percent: 30'));
    assert.ok(h);
    assert.equal(h.covers, 'minFreeRamPercent');
    assert.equal(h.markdown, '**`services[].verticalAutoscaling.minFreeRamPercent`** · number\n\nScale up when less than this percentage of RAM is free. On Valkey keep it above 20, or the cache may never grow.\n\nApplies to every kind of service.\n\nZerops documentation: <https://docs.zerops.io/references/import>', 'the key\'s documentation page last');
  });

  test('minContainers on a Valkey service: applies to runtimes only, with a warning', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', '    |minContainers: 2'));
    assert.ok(h);
    assert.deepEqual(h.markdown.split('\n\n').slice(2), [
      'Applies to runtimes, static sites.',
      '⚠ This service (`valkey@7.2`) is one of the managed services (databases, caches, search, queues), which this key does not apply to.',
      'Zerops documentation: <https://docs.zerops.io/references/import>',
    ]);
  });

  test('envSecrets, a project key with an enum, and the root keys', () => {
    assert.ok(hoverAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    envSe|crets:', '      A: b'))?.markdown.startsWith('**`services[].envSecrets`** · map of string\n\nSecret variables of the service'));
    assert.equal(hoverAt(yaml('project:', '  name: x', '  corePack|age: LIGHT'))?.markdown,
      '**`project.corePackage`** · string\n\n`LIGHT` (the default) or `SERIOUS`. A project can move from LIGHT to SERIOUS later, never back.\n\nValues: `LIGHT`, `SERIOUS`.\n\nZerops documentation: <https://docs.zerops.io/references/import>');
    assert.ok(hoverAt(yaml('ser|vices:', '  - hostname: app', '    type: nodejs@22'))?.markdown.startsWith('**`services`** · list of object\n\nThe services to create'));
  });

  test('maxmemory-policy under profileOverrides of a Valkey: the policies and the default, on key and value', () => {
    const base = ['services:', '  - hostname: cache', '    type: valkey@7.2', '    profile: production', '    profileOverrides:'];
    const h = hoverAt(yaml(...base, '      maxmemory-pol|icy: allkeys-lfu'));
    assert.ok(h);
    assert.equal(h.covers, 'maxmemory-policy');
    assert.equal(h.markdown, '**`maxmemory-policy`** · Valkey profile override\n\nWhat Valkey drops once its memory is full; Zerops sets the memory limit to 80 % of the service\'s RAM. The default is `allkeys-lru`; `noeviction` refuses writes instead of dropping keys.\n\nValues: `noeviction`, `allkeys-lru`, `allkeys-lfu`, `allkeys-random`, `volatile-lru`, `volatile-lfu`, `volatile-random`, `volatile-ttl`.');
    assert.equal(hoverAt(yaml(...base, '      maxmemory-policy: allkeys|-lfu'))?.covers, 'allkeys-lfu');
  });

  test('a key that no table knows has no hover; in a zerops.yml, one Zerops ignores says so (hover-zerops-yml)', () => {
    assert.equal(hoverAt(yaml('services:', '  - hostname: app', '    type: nodejs@22', '    hostN|ame: x')), null);
    assert.equal(hoverAt(yaml('zerops:', '  - setup: app', '    envSe|crets: {}'), 'zerops.yml')?.markdown, '`envSecrets` is not a key of a setup: Zerops ignores it.');
  });
});

describe('where hover stays silent or starts', () => {
  test('in a comment and in the blanks before it', () => {
    assert.equal(hoverAt(yaml('services:', '  - hostname: cache   # the c|ache', '    type: valkey@7.2')), null);
    assert.equal(hoverAt(yaml('services:', '  - hostname: cache  |  # the cache', '    type: valkey@7.2')), null);
  });

  test('on the $ of a reference the whole reference answers', () => {
    const h = hoverAt(yaml('services:', '  - hostname: cache', '    type: valkey@7.2', ...APP, '      P: |${cache_port}'));
    assert.equal(h?.covers, '${cache_port}');
  });
});

describe('hover on preprocessor names', () => {
  const FILE = ['#yamlPreprocessor=on', 'services:', '  - hostname: app', '    type: nodejs@22', '    envSecrets:'];

  test('a function: what it returns and when it runs', () => {
    const h = hoverAt(yaml(...FILE, '      K: <@generateRand|omString(<32>)>'));
    assert.ok(h);
    assert.equal(h.covers, 'generateRandomString');
    assert.equal(h.markdown, '`<@generateRandomString(…)>`: generateRandomString(length): random letters, digits and `_-.`\n\nPreprocessor function, evaluated once when the file is imported (the file must start with `#yamlPreprocessor=on` or `#zeropsPreprocessor=on`).');
  });

  test('a modifier', () => {
    const h = hoverAt(yaml(...FILE, '      K: <@generateRandomString(<32>)|sha‸256>'));
    assert.equal(h?.covers, 'sha256');
    assert.equal(h?.markdown, '`|sha256`: SHA-256 hash\n\nPreprocessor modifier: applied to the value on its left.');
  });

  test('an unknown function has no hover (the preprocessor rule reports it)', () => {
    assert.equal(hoverAt(yaml(...FILE, '      K: <@generateRand|omStrin(<32>)>')), null);
    assert.equal(hoverAt(yaml(...FILE, '      K: <@const|ructor(<32>)>')), null);
  });
});

describe('hover keeps secrets secret', () => {
  test('no hover anywhere in a file shows a literal secret, its own or one a reference points at', () => {
    const secrets = ['q8Zr2LmX4vT9wKp3Nc7Yb1Hd6Fg5Js0A', 'S3cr3t-pass-9911'];
    const text = yaml(
      'project:',
      '  name: demo',
      '  envVariables:',
      `    SHARED_KEY: ${secrets[0]}`,
      'services:',
      '  - hostname: cache',
      '    type: valkey@7.2',
      '    mode: HA',
      '  - hostname: api',
      '    type: nodejs@22',
      '    envSecrets:',
      `      APP_KEY: "${secrets[0]}"`,
      `      REDIS_URL: redis://default:${secrets[1]}@\${cache_hostname}:6379`,
      '  - hostname: web',
      '    type: nodejs@22',
      '    envSecrets:',
      '      KEY: ${api_APP_KEY}',
      '      URL: ${api_REDIS_URL}',
      '      PASS: ${cache_password}',
    );
    const model = parseZerops(text, { fileName: 'import.yaml' });
    let shown = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      const h = hover(model, offset);
      if (!h) continue;
      shown++;
      assertNoSecretLeak(h.markdown, secrets);
    }
    assert.ok(shown > 20, `only ${shown} offsets had a hover`);
  });
});

describe('hover on ports of other service types, from the port table', () => {
  const DB = ['services:', '  - hostname: db', '    type: postgresql@16', ...APP];
  const DB_HA = ['services:', '  - hostname: db', '    type: postgresql@16', '    mode: HA', ...APP];

  test('5432 in a postgresql:// URL: PostgreSQL\'s read/write port, its variable, the other ports', () => {
    const h = hoverAt(yaml(...DB, '      DATABASE_URL: postgresql://${db_user}:${db_password}@db:54|32/app'));
    assert.ok(h);
    assert.equal(h.covers, '5432');
    const lines = h.markdown.split('\n\n');
    assert.equal(lines[0], '**Port 5432** of `db` (PostgreSQL, single node)');
    assert.equal(lines[1], 'read/write port, plain. Variable: `${db_port}`.');
    assert.ok(lines[2].startsWith('PostgreSQL ports here: 5432 (read/write port, plain); 6432 (TLS port'), h.markdown);
    assert.ok(!h.markdown.includes('5433'), 'a single node has no replica port');
  });

  test('postgres:// is the same scheme; 5433 on a single node is flagged, on HA explained', () => {
    const single = hoverAt(yaml(...DB, '      RO_URL: postgres://u@db:54|33/app'));
    assert.ok(single);
    assert.ok(single.markdown.includes('⚠ This port does not exist on `db`: it is a single node, and only HA has it. Use 5432.'), single.markdown);
    const ha = hoverAt(yaml(...DB_HA, '      RO_URL: postgres://u@db:54|33/app'));
    assert.ok(ha);
    assert.equal(ha.markdown.split('\n\n')[1], 'read-only port balanced over the replicas, read-only. Variable: `${db_portReplicas}`.');
    assert.ok(!ha.markdown.includes('⚠'), ha.markdown);
  });

  test('a port PostgreSQL does not listen on says so and lists the real ones', () => {
    const h = hoverAt(yaml(...DB, '      DATABASE_URL: postgresql://u@db:33|06/app'));
    assert.ok(h);
    assert.ok(h.markdown.includes('⚠ PostgreSQL does not listen on 3306. Its ports here: 5432'), h.markdown);
  });

  test('${db_port} names the same row of the table', () => {
    const h = hoverAt(yaml(...DB, '      DB_PORT: ${db_p|ort}'));
    assert.ok(h);
    assert.equal(h.covers, '${db_port}');
    assert.ok(h.markdown.includes('It holds read/write port, plain (5432).'), h.markdown);
    assert.ok(h.markdown.includes('read/write port, plain. Variable: `${db_port}`.'), h.markdown);
  });

  test('MariaDB, NATS and Qdrant ports come from the same table', () => {
    const svc = (type: string, line: string) => ['services:', '  - hostname: x', `    type: ${type}`, ...APP, `      A: ${line}`];
    assert.ok(hoverAt(yaml(...svc('mariadb@10.6', 'mysql://u@x:33|06/db')))?.markdown.startsWith('**Port 3306** of `x` (MariaDB, single node)'));
    assert.ok(hoverAt(yaml(...svc('nats@2.10', 'nats://u@x:42|22')))?.markdown.startsWith('**Port 4222** of `x` (NATS, single node)'));
    assert.ok(hoverAt(yaml(...svc('qdrant@1.12', 'http://x:63|34')))?.markdown.includes('the gRPC API port. Variable: `${x_grpcPort}`.'));
  });

  test('in a zerops.yml, against the workspace\'s services', () => {
    const services = parseZerops(yaml('services:', '  - hostname: db', '    type: postgresql@16', '    mode: HA'), { fileName: 'import.yaml' }).services;
    const h = hoverAt(yaml('zerops:', '  - setup: app', '    run:', '      envVariables:', '        RO: postgresql://u@db:54|33/app'), 'zerops.yml', services);
    assert.ok(h);
    assert.equal(h.markdown.split('\n\n')[0], '**Port 5433** of `db` (PostgreSQL, HA)');
  });

  test('look-alikes stay silent: a port of an unknown host, an external URL, a type without a table', () => {
    assert.equal(hoverAt(yaml(...DB, '      A: postgresql://u@elsewhere:54|32/app')), null);
    assert.equal(hoverAt(yaml(...DB, '      A: https://example.com:54|32/x')), null);
    assert.equal(hoverAt(yaml('services:', '  - hostname: s', '    type: meilisearch@1.10', ...APP, '      A: http://s:77|00')), null);
  });
});
