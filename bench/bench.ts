import { parseDocument } from 'yaml';
import { parseZerops } from '../server/src/model/parse';
import { runRules } from '../server/src/service/validate';

// Times the floor (the YAML parse alone) against the whole check, on generated import files.
// Prints numbers; asserts nothing. Run with `npm run bench`.

export function generate(services: number): string {
  const out = ['project:', '  name: bench', '  envVariables:', '    SHARED_REDIS: ${cache0_connectionString}', 'services:'];
  for (let i = 0; i < services; i++) {
    switch (i % 4) {
      case 0:
        out.push(`  - hostname: cache${i}`, '    type: valkey:ha@7.2', '    priority: 10', '    verticalAutoscaling:', '      minRam: 0.5');
        break;
      case 1:
        out.push(`  - hostname: kv${i}`, '    type: valkey@7.2', '    mode: NON_HA');
        break;
      case 2:
        out.push(`  - hostname: db${i}`, '    type: postgresql@16', '    mode: NON_HA', '    priority: 10');
        break;
      default: {
        const c = i - 3;
        out.push(
          `  - hostname: api${i}`, '    type: nodejs@22', '    enableSubdomainAccess: true', '    envSecrets:',
          `      REDIS_URL: \${cache${c}_connectionString}`,
          `      REDIS_READ: redis://default:\${cache${c}_password}@cache${c}.zerops:7000`,
          `      SESSIONS: redis://default:\${kv${c + 1}_password}@\${kv${c + 1}_hostname}:6379/1`,
          `      DATABASE_URL: postgresql://\${db${c + 2}_user}:\${db${c + 2}_password}@db${c + 2}:5432/db`,
        );
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function time(fn: () => void, runs: number): { median: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)] };
}

const fmt = (n: number) => n.toFixed(2).padStart(8);

function main(): void {
  console.log('services     size   parse med/p95 (ms)   check med/p95 (ms)   check/parse');
  for (const n of [10, 100, 400, 1000]) {
    const text = generate(n);
    const runs = n >= 1000 ? 15 : 40;
    for (let i = 0; i < 3; i++) runRules(parseZerops(text, { fileName: 'import.yaml' }));
    const parse = time(() => parseDocument(text), runs);
    const check = time(() => runRules(parseZerops(text, { fileName: 'import.yaml' })), runs);
    console.log(`${String(n).padStart(8)} ${`${Math.round(text.length / 1024)} KB`.padStart(8)} ${fmt(parse.median)} ${fmt(parse.p95)}     ${fmt(check.median)} ${fmt(check.p95)}      ${(check.median / parse.median).toFixed(2)}x`);
  }
}

main();
