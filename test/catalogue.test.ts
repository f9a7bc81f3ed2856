import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { join } from 'node:path';
import { typeInfo, typeProblem, splitType } from '../server/src/catalog/types';
import { baseInfo } from '../server/src/catalog/zerops-yml';
import { keyInfo, keyNamesAt } from '../server/src/catalog/schema';
import { catalogueTables, type CatalogueTables, type SchemaKey, type ZySchemaKey } from '../server/src/catalog/schema-tables';
import {
  BUILT_IN_DATE, COMPOSITE_TYPES, LEGACY_TABLES, builtInTables, catalogueDescription, catalogueInfo, corrected, useCatalogue,
} from '../server/src/catalog/tables';
import { CatalogueError, readCatalogueFolder, useCatalogueFolder } from '../server/src/catalogue-folder';
import { hits, lint, only, yaml } from './helpers';

// The catalogue: the §12 corrections on the built-in tables (what the rules say of them, dated: the
// tester cases of test/rules/catalogue.ts), and a newer
// catalogue built at run time from a folder of schemas with the generator's code. The folder
// test/fixtures/catalogue/ holds two small schemas written for these tests in the published shape.

const FIXTURE = join(__dirname, '../../test/fixtures/catalogue');

const svc = (type: string, ...more: string[]) => yaml('services:', '  - hostname: app', `    type: ${type}`, ...more.map((l) => `    ${l}`));
const ok = (type: string) => typeProblem(splitType(type)!);

describe('the built-in catalogue, corrected to shared/zerops-facts.md §12', () => {
  test('MySQL 5.7, Local Storage and SeaweedFS 3.85 are offered; their wrong neighbours are not', () => {
    for (const t of ['mysql:single@5.7', 'mysql:ha@5.7', 'local-storage:single', 'local-storage:single@1', 'seaweedfs:single@3.85', 'seaweedfs:ha@3.85']) {
      assert.equal(ok(t), undefined, t);
    }
    assert.equal(typeInfo('mysql')!.category, 'managed');
    assert.equal(typeInfo('local-storage')!.category, 'managed');
    assert.equal(ok('mysql:ha@8.0'), 'version');
    assert.equal(ok('local-storage:ha@1'), 'variant');
    assert.equal(ok('seaweedfs:ha@3.99'), 'version');
    assert.equal(ok('mysqll:ha@5.7'), 'base');
  });

  test('Kafka 3.8 is retired (said so), 3.9 stays; both spellings', () => {
    assert.equal(ok('kafka@3.8'), 'version');
    assert.equal(ok('kafka@3.9'), undefined);
    assert.equal(ok('kafka:ha@3.9'), undefined);
    assert.ok(!COMPOSITE_TYPES.includes('kafka@3.8'));
  });

  test('KeyDB is known by name, removed from the platform, and an error', () => {
    const info = typeInfo('keydb')!;
    assert.equal(info.offered, false);
    assert.equal(info.removed, true);
    assert.equal(typeInfo('rabbitmq')!.removed, undefined);
    // The rule's case is in test/rules/catalogue.ts; not also a misspelt type or an unknown version.
    assert.deepEqual(lint(svc('keydb@6', 'mode: NON_HA')).map((f) => f.rule), ['keydb-deprecated']);
  });

  test('Valkey stays 7.2 only', () => {
    assert.deepEqual(typeInfo('valkey')!.versions.filter(Boolean), ['7.2']);
  });

  test('run.startCommands[].user is a zerops.yml key (default zerops); a misspelling of it is still unknown', () => {
    const user = keyInfo('zerops-yml', 'run.startCommands[]', 'user')!;
    assert.deepEqual(user.types, ['string']);
    assert.equal(user.default, 'zerops');
    assert.ok(user.doc.length > 10);
  });

  test('--version and the output say which catalogue is in use', () => {
    assert.deepEqual(catalogueInfo(), { source: 'built-in', date: BUILT_IN_DATE });
    assert.match(catalogueDescription(), /^built-in, Zerops' schemas of 2026-07-30 with hand corrections/);
  });
});

/** A schema in the published shape holding exactly what `tables` say: the generator's input, rebuilt. */
function schemasOf(t: CatalogueTables): { importSchema: unknown; zySchema: unknown } {
  const keyDef = (k: SchemaKey) => ({
    type: k.type,
    ...(k.items ? { items: { type: k.items } } : {}),
    ...(k.values ? { additionalProperties: { type: k.values } } : {}),
    ...(k.enum ? { enum: [...k.enum] } : {}),
    ...(k.deprecated ? { deprecated: true } : {}),
  });
  const level = (keys: Record<string, SchemaKey>, required: readonly string[], extra: Record<string, unknown> = {}) => ({
    type: 'object',
    required: [...required],
    properties: Object.fromEntries(Object.entries(keys).filter(([, k]) => !k.legacyOnly).map(([name, k]) => [name, { ...keyDef(k), ...(extra[name] as object ?? {}) }])),
  });
  const va = level(t.schemaKeys.verticalAutoscaling, t.schemaRequired.verticalAutoscaling);
  const service = level(t.schemaKeys.service, t.schemaRequired.service, { type: { enum: t.compositeTypes }, verticalAutoscaling: va });
  const importSchema = {
    ...level(t.schemaKeys.root, t.schemaRequired.root, { project: level(t.schemaKeys.project, t.schemaRequired.project), services: { items: service } }),
    $id: 'https://api.app-prg1.zerops.io/api/rest/public/settings/import-project-yaml-json-schema.json',
  };
  if (!t.schemaRequired.root.length) delete (importSchema as { required?: unknown }).required;

  const zyDef = (levelName: string, key: string, k: ZySchemaKey): Record<string, unknown> => {
    const child = levelName === 'root' ? (key === 'zerops' ? 'setup' : key) : levelName === 'setup' ? key : `${levelName}.${key}`;
    // The bases are an enum the tables keep apart (zyCompositeBases), on each alternative.
    const bases = key === 'base' && (levelName === 'build' || levelName === 'run') ? { enum: t.zyCompositeBases[levelName] } : {};
    const alt = (type: string): Record<string, unknown> => ({
      type,
      ...(type === 'string' ? bases : {}),
      ...(type === 'array' && k.items ? { items: { type: k.items, ...bases } } : {}),
      ...(type === 'object' && k.values ? { additionalProperties: k.values.length === 1 ? { type: k.values[0] } : { oneOf: k.values.map((v) => ({ type: v })) } } : {}),
    });
    const alts = k.types.map(alt);
    if (k.enum) alts[0].enum = [...k.enum];
    const def: Record<string, unknown> = alts.length === 1 ? alts[0] : { oneOf: alts };
    if (k.deprecated) def.deprecated = true;
    const sub = t.zyLevels[key === 'zerops' && levelName === 'root' ? 'setup' : child];
    const subItems = t.zyLevels[`${child}[]`];
    if (levelName === 'root' && key === 'zerops') def.items = zyNode('setup');
    else if (sub && levelName !== 'root' && !(levelName === 'setup' && key === 'setup')) Object.assign(def, zyNode(child));
    else if (subItems) def.items = zyNode(`${child}[]`);
    return def;
  };
  const zyNode = (levelName: string): Record<string, unknown> => {
    const keys = t.zyLevels[levelName];
    const own = Object.entries(keys).filter(([, k]) => !k.legacyOnly);
    const node: Record<string, unknown> = { properties: Object.fromEntries(own.map(([key, k]) => [key, zyDef(levelName, key, k)])) };
    const required = own.filter(([, k]) => k.required).map(([key]) => key);
    if (required.length) node.required = required;
    return node;
  };
  return { importSchema, zySchema: { $id: 'https://api.app-prg1.zerops.io/api/rest/public/settings/zerops-yaml-json-schema.json', type: 'object', ...zyNode('root') } };
}

describe('a catalogue built at run time from a folder of schemas', () => {
  after(() => useCatalogue());

  test('the schemas behind the built-in tables, read at run time, give the built-in tables again', () => {
    const built = builtInTables();
    const { importSchema, zySchema } = schemasOf(built);
    const again = catalogueTables(importSchema, zySchema, LEGACY_TABLES);
    assert.deepEqual(again.compositeTypes, built.compositeTypes);
    assert.deepEqual(again.schemaKeys, built.schemaKeys);
    assert.deepEqual(again.schemaRequired, built.schemaRequired);
    assert.deepEqual(again.zyCompositeBases, built.zyCompositeBases);
    assert.deepEqual(again.zyLevels, built.zyLevels);
    assert.deepEqual(again, built);
    assert.deepEqual(corrected(again), corrected(built));
  });

  test('a folder with a new type, under the same corrections, dated by its download; back to built-in', () => {
    const info = useCatalogueFolder(FIXTURE);
    assert.deepEqual(info, { source: 'folder', dir: FIXTURE, date: '2026-12-01' });
    assert.match(catalogueDescription(), /test\/fixtures\/catalogue, Zerops' schemas of 2026-12-01 with the same hand corrections$/);
    // The folder's own type, and the corrections: MySQL 5.7 added, Kafka 3.8 retired although the folder lists it.
    assert.deepEqual(lint(svc('newdb:ha@1')).map((f) => f.rule), []);
    assert.deepEqual(hits(svc('mysql:ha@5.7'), 'service-type-unknown'), []);
    assert.match(only(svc('kafka@3.8', 'mode: HA'), 'service-version-unknown').message, /^Kafka 3\.8 is not in Zerops' catalogue of 2026-12-01 \(retired in 2026-07\)/);
    assert.match(only(svc('newdb:ha@2'), 'service-version-unknown').message, /Zerops' catalogue of 2026-12-01; offered: 1\./);
    // zerops.yml: the folder's base, durations still corrected, startCommands[].user still added.
    assert.equal(baseInfo('ubuntu/newlang@1', 'run').status, 'ok');
    assert.deepEqual(keyInfo('zerops-yml', 'run.healthCheck', 'failureTimeout')!.types, ['duration']);
    assert.deepEqual(keyInfo('zerops-yml', 'run.startCommands[]', 'user')!.types, ['string']);
    assert.ok(keyNamesAt('import', 'service').includes('zeropsSetup'));

    useCatalogue();
    assert.equal(catalogueInfo().source, 'built-in');
    assert.deepEqual(hits(svc('newdb:ha@1'), 'service-type-unknown'), ['newdb:ha@1']);
    assert.equal(baseInfo('ubuntu/newlang@1', 'run').status, 'unknown-tech');
  });

  test('a folder that cannot be used is an error naming it, and the catalogue in use stays', () => {
    const fails = (dir: string, why: RegExp) => {
      assert.throws(() => useCatalogueFolder(dir), (e: unknown) => e instanceof CatalogueError && why.test(e.message));
      assert.equal(catalogueInfo().source, 'built-in');
    };
    fails(join(FIXTURE, 'missing'), /the catalogue folder .*missing cannot be read \(ENOENT\)/);
    fails(join(FIXTURE, 'zerops-catalogue.json'), /is not a folder/);
    fails(join(FIXTURE, '..'), /import-project-yml-json-schema\.json cannot be read \(ENOENT\); a catalogue folder holds/);
    assert.throws(() => readCatalogueFolder(join(FIXTURE, '..', 'samples')), CatalogueError);
  });
});
