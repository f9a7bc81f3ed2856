import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isZeropsFile, walk } from '../server/src/cli/files';
import { kindByName } from '../server/src/model/kind';
import { isYamlName } from '../server/src/model/sniff';

// What discovery by content costs: a folder search over a large tree (by default this repository's
// node_modules, with the node_modules/.git skip turned off so the tree is walked whole), once by name
// only and once by name or content. `npm run bench:discovery [folder | --synthetic N]`: --synthetic writes
// N YAML files (Kubernetes manifests, compose files, workflows, one in fifty a Zerops import file with an
// unknown name) into a temporary folder, the worst case: every file is YAML and has to be looked into.

function synthetic(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'zerops-discovery-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const kinds = [
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
    'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "80:80"\n',
    'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
  ];
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `d${i % 100}`);
    mkdirSync(sub, { recursive: true });
    const text = i % 50 === 0 ? 'services:\n  - hostname: cache\n    type: valkey@7.2\n    mode: HA\n' : kinds[i % kinds.length].repeat(1 + (i % 7));
    writeFileSync(join(sub, `f${i}.yaml`), text);
  }
  return dir;
}

const at = process.argv.indexOf('--synthetic');
const root = at > 0 ? synthetic(Number(process.argv[at + 1] ?? 10_000)) : resolve(process.argv[2] ?? join(__dirname, '../../node_modules'));
const runs = 5;

function time(fn: () => number): { ms: number; found: number } {
  let best = Infinity;
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    found = fn();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, found };
}

const files = walk(root, { skipDirs: false });
const yaml = files.filter(isYamlName);
const yamlBytes = yaml.reduce((n, f) => n + statSync(join(root, f)).size, 0);
const walkOnly = time(() => walk(root, { skipDirs: false }).length);
const byName = time(() => walk(root, { skipDirs: false }).filter((f) => kindByName(f)).length);
const byContent = time(() => walk(root, { skipDirs: false }).filter((f) => isZeropsFile(join(root, f))).length);
console.log(`${root}: ${files.length} files, ${yaml.length} YAML files (${(yamlBytes / 1024 / 1024).toFixed(1)} MB)`);
console.log(`walk only:            ${walkOnly.ms.toFixed(0)} ms`);
console.log(`by name:              ${byName.ms.toFixed(0)} ms, ${byName.found} found`);
console.log(`by name or content:   ${byContent.ms.toFixed(0)} ms, ${byContent.found} found (+${(byContent.ms - byName.ms).toFixed(0)} ms, ${((byContent.ms - byName.ms) / Math.max(1, yaml.length)).toFixed(3)} ms per YAML file)`);
console.log(`best of ${runs} runs, warm file cache, Node ${process.version}`);
