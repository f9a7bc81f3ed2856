import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { builtInTables, corrected } from '../../server/src/catalog/tables';
import { readCatalogueFolder } from '../../server/src/catalogue-folder';
import { tempDir } from '../cli-helpers';
import { fixRoundTrip } from '../cli-helpers';
import { navigateEverywhere, zeropsYmlSweep } from '../features';
import { corpusDir, yamlFiles } from '../helpers';

// What needs Zerops' own files (npm run test:real): the published schemas the generated catalogue comes
// from, and the real corpus under --fix, navigation and the zerops.yml reader. npm test runs the same
// checks on the samples written for the tests.

test('the generated catalogue is what the two published schemas give (gen:catalog --check)', () => {
  // Exit 1 when types.generated.ts is stale, 2 (with the reason) when the schemas are missing.
  execFileSync(process.execPath, [resolve(__dirname, '../../scripts/gen-catalog.mjs'), '--check'], { stdio: 'pipe' });
});

test('the two published schemas as a catalogue folder (--schemas) give the built-in catalogue, corrections applied', () => {
  // The files as Zerops publishes them (shared/zerops-facts.md §8): the July 2026 import and zerops.yml schemas.
  const schemas = resolve(process.env.ZEROPS_SCHEMAS ?? resolve(__dirname, '../../../shared/schemas'));
  assert.ok(existsSync(join(schemas, 'import-schema.json')), `Zerops' schemas are not in ${schemas}: set ZEROPS_SCHEMAS`);
  const dir = tempDir();
  copyFileSync(join(schemas, 'import-schema.json'), join(dir, 'import-project-yml-json-schema.json'));
  copyFileSync(join(schemas, 'zerops-yml-schema.json'), join(dir, 'zerops-yml-json-schema.json'));
  const start = process.hrtime.bigint();
  const folder = readCatalogueFolder(dir);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  assert.deepEqual(folder.tables, builtInTables());
  const c = corrected(folder.tables);
  assert.deepEqual(c, corrected(builtInTables()));
  // The §12 corrections on the real tables.
  assert.ok(c.compositeTypes.includes('mysql:ha@5.7') && c.compositeTypes.includes('local-storage:single@1'));
  assert.ok(!c.legacyTypes.includes('kafka@3.8') && !c.compositeTypes.includes('kafka@3.8'));
  assert.ok(c.zyLevels['run.startCommands[]'].user);
  console.log(`# catalogue folder read and built in ${ms.toFixed(1)} ms`);
});

test('--fix on copies of the corpus: only the fixed ranges change, and a second run finds nothing to fix', () => {
  assert.equal(yamlFiles(corpusDir()).length, 62);
  assert.ok(fixRoundTrip(corpusDir()) > 0, 'the corpus has something to fix');
});

test('navigation at every 11th offset of every corpus file never throws', () => {
  const hits = navigateEverywhere(yamlFiles(corpusDir()));
  assert.ok(hits > 20, `only ${hits} definitions found`);
});

test('all 13 corpus zerops.yml files are read as zerops.yml with named setups; outline and lookups do not throw', () => {
  const r = zeropsYmlSweep(yamlFiles(corpusDir()));
  assert.equal(r.files, 13);
  assert.ok(r.references > 100, `only ${r.references} references`);
});
