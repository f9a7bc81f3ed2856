import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RULES, ruleDocUrl } from '../server/src/rules/registry';
import { json, run, tempDir, VALKEY8_HA, writeTree } from './cli-helpers';

// --format sarif checked against what SARIF 2.1.0 requires of the fields we write and what GitHub code
// scanning reads: a structural validator, proven to catch broken documents, then run on real output.

type J = Record<string, unknown>;

const isObj = (v: unknown): v is J => !!v && typeof v === 'object' && !Array.isArray(v);
const isPosInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const text = (v: unknown): boolean => isObj(v) && typeof v.text === 'string' && v.text.length > 0;

function isAbsoluteUrl(s: unknown): boolean {
  try {
    return typeof s === 'string' && new URL(s).protocol.length > 0;
  } catch {
    return false;
  }
}

/** Every problem found, as `path: what`; empty when the document is valid for what we use. */
function sarifProblems(doc: unknown): string[] {
  const out: string[] = [];
  const need = (ok: boolean, path: string, what: string) => { if (!ok) out.push(`${path}: ${what}`); };
  if (!isObj(doc)) return ['$: not an object'];
  need(doc.version === '2.1.0', '$.version', 'must be "2.1.0"');
  need(typeof doc.$schema === 'string' && /sarif-2\.1\.0/.test(doc.$schema), '$.$schema', 'must name the 2.1.0 schema');
  if (!Array.isArray(doc.runs) || doc.runs.length === 0) return [...out, '$.runs: must be a non-empty array'];
  doc.runs.forEach((run: unknown, ri) => {
    const at = `$.runs[${ri}]`;
    if (!isObj(run) || !isObj(run.tool) || !isObj(run.tool.driver)) { out.push(`${at}.tool.driver: missing`); return; }
    const driver = run.tool.driver;
    need(typeof driver.name === 'string' && driver.name.length > 0, `${at}.tool.driver.name`, 'must be a non-empty string');
    const rules = Array.isArray(driver.rules) ? driver.rules : [];
    need(Array.isArray(driver.rules), `${at}.tool.driver.rules`, 'must be an array');
    const ids: string[] = [];
    rules.forEach((rule: unknown, i) => {
      const rat = `${at}.tool.driver.rules[${i}]`;
      if (!isObj(rule)) { out.push(`${rat}: not an object`); return; }
      need(typeof rule.id === 'string' && rule.id.length > 0, `${rat}.id`, 'must be a non-empty string');
      need(!ids.includes(rule.id as string), `${rat}.id`, 'duplicate');
      ids.push(rule.id as string);
      need(isAbsoluteUrl(rule.helpUri), `${rat}.helpUri`, 'must be an absolute URI');
      need(text(rule.shortDescription), `${rat}.shortDescription.text`, 'must be a non-empty string');
    });
    if (!Array.isArray(run.results)) { out.push(`${at}.results: must be an array`); return; }
    run.results.forEach((result: unknown, i) => {
      const rat = `${at}.results[${i}]`;
      if (!isObj(result)) { out.push(`${rat}: not an object`); return; }
      need(typeof result.ruleId === 'string' && ids.includes(result.ruleId), `${rat}.ruleId`, 'must be a rule of the driver');
      need(Number.isInteger(result.ruleIndex) && ids[result.ruleIndex as number] === result.ruleId, `${rat}.ruleIndex`, 'must point at the rule with ruleId');
      need(['error', 'warning', 'note', 'none'].includes(result.level as string), `${rat}.level`, 'must be error, warning, note or none');
      need(text(result.message), `${rat}.message.text`, 'must be a non-empty string');
      const locations = result.locations;
      if (!Array.isArray(locations) || locations.length === 0) { out.push(`${rat}.locations: must be a non-empty array`); return; }
      locations.forEach((loc: unknown, li) => {
        const lat = `${rat}.locations[${li}].physicalLocation`;
        const pl = isObj(loc) ? loc.physicalLocation : undefined;
        if (!isObj(pl)) { out.push(`${lat}: missing`); return; }
        const uri = isObj(pl.artifactLocation) ? pl.artifactLocation.uri : undefined;
        need(typeof uri === 'string' && uri.length > 0 && !/[\\\s]/.test(uri), `${lat}.artifactLocation.uri`, 'must be a URI reference (no backslashes or spaces)');
        const r = pl.region;
        if (!isObj(r)) { out.push(`${lat}.region: missing`); return; }
        need(isPosInt(r.startLine), `${lat}.region.startLine`, 'must be an integer >= 1');
        need(isPosInt(r.startColumn), `${lat}.region.startColumn`, 'must be an integer >= 1');
        need(isPosInt(r.endLine) && (r.endLine as number) >= (r.startLine as number), `${lat}.region.endLine`, 'must be >= startLine');
        need(isPosInt(r.endColumn) && (r.endLine !== r.startLine || (r.endColumn as number) >= (r.startColumn as number)), `${lat}.region.endColumn`, 'must be >= startColumn on one line');
      });
    });
  });
  return out;
}

describe('zerops-lint --format sarif', () => {
  const dir = tempDir();
  writeTree(dir, {
    'import.yaml': VALKEY8_HA,
    'deploy/my app.import.yml': 'services:\n  - hostname: cache\n    type: valkey@7.2\n',
    'examples/mistakes.import.yaml': [
      'services:',
      '  - hostname: cache',
      '    type: valkey@8',
      '  - hostname: api',
      '    type: nodejs@22',
      '    envSecrets:',
      '      URL: rediss://default:${cache_password}@cache:6379',
      '',
    ].join('\n'),
  });

  test('the validator catches what it checks', () => {
    const good = {
      version: '2.1.0', $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [{
        tool: { driver: { name: 't', rules: [{ id: 'a', helpUri: 'https://x/a', shortDescription: { text: 'A' } }] } },
        results: [{ ruleId: 'a', ruleIndex: 0, level: 'error', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'f.yml' }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } } }] }],
      }],
    };
    assert.deepEqual(sarifProblems(good), []);
    const broken = (edit: (d: typeof good) => void): string[] => {
      const d = structuredClone(good);
      edit(d);
      return sarifProblems(d);
    };
    assert.deepEqual(broken((d) => { d.version = '2.0.0'; }), ['$.version: must be "2.1.0"']);
    assert.deepEqual(broken((d) => { d.runs[0].tool.driver.rules[0].helpUri = 'docs/a'; }), ['$.runs[0].tool.driver.rules[0].helpUri: must be an absolute URI']);
    assert.deepEqual(broken((d) => { d.runs[0].results[0].ruleIndex = 1; }), ['$.runs[0].results[0].ruleIndex: must point at the rule with ruleId']);
    assert.deepEqual(broken((d) => { d.runs[0].results[0].level = 'info'; }), ['$.runs[0].results[0].level: must be error, warning, note or none']);
    assert.deepEqual(broken((d) => { d.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0; }), ['$.runs[0].results[0].locations[0].physicalLocation.region.startLine: must be an integer >= 1']);
    assert.deepEqual(broken((d) => { d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a\\b c.yml'; }), ['$.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: must be a URI reference (no backslashes or spaces)']);
    assert.deepEqual(broken((d) => { d.runs[0].results[0].message.text = ''; }), ['$.runs[0].results[0].message.text: must be a non-empty string']);
  });

  test('valid SARIF 2.1.0: every rule once with its help URL, results at the same places as --format json', () => {
    const r = run(['--format', 'sarif'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: J[]; originalUriBaseIds: J }[] };
    assert.deepEqual(sarifProblems(sarif), []);
    const [run0] = sarif.runs;
    assert.deepEqual(run0.tool.driver.rules.map((x) => x.id), RULES.map((x) => x.id));
    for (const rule of run0.tool.driver.rules) assert.equal(rule.helpUri, ruleDocUrl(rule.id));
    assert.deepEqual(run0.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${dir}/` } });

    const fromJson = json(run(['--format', 'json'], { cwd: dir }).stdout).flatMap((f) => f.diagnostics.map((d) => ({
      ruleId: d.code,
      level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
      message: d.message,
      uri: f.file.split('/').map(encodeURIComponent).join('/'),
      region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
    })));
    const fromSarif = run0.results.map((x) => {
      const pl = (x.locations as { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: J } }[])[0].physicalLocation;
      assert.equal(pl.artifactLocation.uriBaseId, '%SRCROOT%');
      return { ruleId: x.ruleId, level: x.level, message: (x.message as { text: string }).text, uri: pl.artifactLocation.uri, region: pl.region };
    });
    assert.ok(fromJson.length >= 4, JSON.stringify(fromJson));
    assert.deepEqual(fromSarif, fromJson);
    assert.ok(fromSarif.some((x) => x.uri === 'deploy/my%20app.import.yml'));
  });

  test('a preferred fix travels as a SARIF fix with 1-based regions', () => {
    const r = run(['--format', 'sarif', 'import.yaml'], { cwd: dir });
    const result = (JSON.parse(r.stdout) as { runs: { results: J[] }[] }).runs[0].results[0];
    assert.deepEqual(result.fixes, [{
      description: { text: 'Use Valkey 7.2' },
      artifactChanges: [{
        artifactLocation: { uri: 'import.yaml', uriBaseId: '%SRCROOT%' },
        replacements: [{ deletedRegion: { startLine: 3, startColumn: 18, endLine: 3, endColumn: 19 }, insertedContent: { text: '7.2' } }],
      }],
    }]);
  });

  test('a clean run is still a valid SARIF log, with no results, exit 0', () => {
    const r = run(['--format', 'sarif', '--rule', 'valkey-mode-missing=off', 'deploy'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { results: unknown[] }[] };
    assert.deepEqual(sarifProblems(sarif), []);
    assert.deepEqual(sarif.runs[0].results, []);
  });

  test('a file outside the current folder gets an absolute file URI', () => {
    const r = run(['--format', 'sarif', join(dir, 'import.yaml')], { cwd: join(dir, 'deploy') });
    const sarif = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: J } }[] }[] }[] };
    assert.deepEqual(sarifProblems(sarif), []);
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: `file://${dir}/import.yaml` });
  });
});
