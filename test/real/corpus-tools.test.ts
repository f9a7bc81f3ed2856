import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
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
