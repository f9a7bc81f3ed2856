import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLAIMED_SCHEMA, claims, isSyntaxDiagnostic } from '../client/src/claim';

// Which files the extension claims from Red Hat's YAML extension: the server's own classification, by
// name or content, where zerops.enable is on; and the schema it hands over, which must check nothing.

test('Zerops files by name or content, in an enabled folder, file or untitled only', () => {
  assert.ok(claims({ uri: 'file:///p/zerops.yml', enabled: true }), 'by name, even before it is open');
  assert.ok(claims({ uri: 'file:///p/zerops.yaml', text: '', enabled: true }));
  assert.ok(claims({ uri: 'file:///p/zerops-project-import.yml', enabled: true }));
  assert.ok(claims({ uri: 'file:///p/infra/app.yml', text: 'services:\n  - hostname: db\n    type: postgresql@16\n', enabled: true }), 'by content');
  assert.ok(claims({ uri: 'untitled:Untitled-1', text: 'zerops:\n  - setup: app\n    run:\n      base: nodejs@22\n', enabled: false }) === false);
  assert.ok(claims({ uri: 'untitled:Untitled-1.yaml', text: 'zerops:\n  - setup: app\n', enabled: true }));
});

test('look-alikes and switched-off folders stay Red Hat\'s', () => {
  assert.ok(!claims({ uri: 'file:///p/zerops.yml', enabled: false }), 'zerops.enable: false');
  assert.ok(!claims({ uri: 'file:///p/.github/workflows/ci.yml', text: 'on: push\njobs:\n  services: {}\n', enabled: true }));
  assert.ok(!claims({ uri: 'file:///p/docker-compose.yml', text: 'services:\n  web:\n    image: nginx\n', enabled: true }), 'compose services are a map');
  assert.ok(!claims({ uri: 'file:///p/k8s.yaml', text: 'kind: Deployment\n', enabled: true }));
  assert.ok(!claims({ uri: 'git:/p/zerops.yml?%7B%7D', enabled: true }), 'a scheme the language client does not serve (a diff\'s old side)');
  assert.ok(claims({ uri: 'vscode-vfs://github/p/zerops.yml', enabled: true }), 'a virtual workspace is served');
  assert.ok(!claims({ uri: 'file:///p/zerops.yml.orig', enabled: true }));
});

test('the handed-over schema allows anything and says nothing in a hover', () => {
  const schema = JSON.parse(CLAIMED_SCHEMA) as Record<string, unknown>;
  for (const k of ['type', 'properties', 'required', 'additionalProperties', 'enum', 'title', 'description']) assert.equal(schema[k], undefined, k);
});

test('only the yaml-syntax diagnostic steps back for Red Hat\'s', () => {
  assert.ok(isSyntaxDiagnostic('yaml-syntax'));
  assert.ok(isSyntaxDiagnostic({ value: 'yaml-syntax', target: 'https://x' }));
  assert.ok(!isSyntaxDiagnostic('base-version-unknown'));
  assert.ok(!isSyntaxDiagnostic({ value: 'schema-value-type' }));
  assert.ok(!isSyntaxDiagnostic(undefined));
});
