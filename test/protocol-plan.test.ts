import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import type { PlanAnswer } from '../server/src/service/plan-types';
import { withServer } from './lsp-client';

// The editor preview's requests through the real bundled server over stdio: `zerops/plan` answers the
// plan of the project an open document belongs to (the same object `zerops-lint plan --format json`
// prints for it), with the diagram and the files' URIs; `zerops/documentKind` drives the title button.

const FIXTURE = resolve(__dirname, '../../test/fixtures/plan/shop');
const IMPORT = 'file:///w/shop/import.yaml';
const YML = 'file:///w/shop/zerops.yml';


describe('zerops/plan over stdio', () => {
  test('the plan of the open import file and the zerops.yml beside it, following edits', async () => {
    await withServer(async (s) => {
      await s.open(IMPORT, readFileSync(join(FIXTURE, 'import.yaml'), 'utf8'));
      await s.open(YML, readFileSync(join(FIXTURE, 'zerops.yml'), 'utf8'));
      const plan = await s.request<PlanAnswer | null>('zerops/plan', { uri: IMPORT });
      assert.ok(plan);
      assert.equal(plan.version, 1);
      assert.equal(plan.project.file, 'shop/import.yaml');
      assert.deepEqual(plan.uris['shop/zerops.yml'], YML);
      const expected = JSON.parse(readFileSync(join(FIXTURE, 'plan.json'), 'utf8')).projects[0];
      assert.deepEqual(plan.project.services.map((x) => [x.hostname, x.canonicalType]), expected.services.map((x: PlanAnswer['project']['services'][number]) => [x.hostname, x.canonicalType]));
      assert.deepEqual(plan.project.connections.length, expected.connections.length);
      assert.deepEqual(plan.nodeIds, ['svc_cache', 'svc_db', 'svc_files', 'svc_api', 'svc_worker']);
      assert.match(plan.mermaid, /svc_api -->\|"7000 read-only replicas"\| svc_cache/);
      // From the zerops.yml, the same project.
      assert.equal((await s.request<PlanAnswer | null>('zerops/plan', { uri: YML }))?.project.file, 'shop/import.yaml');

      // An edit of the buffer (not yet on any disk) is what the next plan shows.
      const edited = readFileSync(join(FIXTURE, 'import.yaml'), 'utf8').replace('mode: HA\n    priority', 'mode: NON_HA\n    priority');
      await s.change(IMPORT, 2, edited);
      const after = await s.request<PlanAnswer | null>('zerops/plan', { uri: IMPORT });
      assert.equal(after?.project.services[0].canonicalType, 'valkey:single@7.2');
      assert.ok(after!.project.findings.errors > 0, 'the replica port is now an error');

      assert.equal(await s.request('zerops/documentKind', { uri: IMPORT }), 'import');
      assert.equal(await s.request('zerops/documentKind', { uri: YML }), 'zerops-yml');
    });
  });

  test('a document that is no Zerops file, or not open, has no plan', async () => {
    await withServer(async (s) => {
      await s.open('file:///w/ci.yml', 'on: push\njobs: {}\n');
      assert.equal(await s.request('zerops/plan', { uri: 'file:///w/ci.yml' }), null);
      assert.equal(await s.request('zerops/plan', { uri: 'file:///w/missing.yaml' }), null);
      assert.equal(await s.request('zerops/documentKind', { uri: 'file:///w/ci.yml' }), null);
    });
  });
});
