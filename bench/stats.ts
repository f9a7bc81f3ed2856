// Sampling, summaries and plain-text tables for the benchmark.

export interface Summary {
  samples: number;
  /** Milliseconds. */
  median: number;
  p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) return { samples: 0, median: NaN, p95: NaN };
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { samples: s.length, median, p95: s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] };
}

export interface SampleOptions {
  /** Untimed calls first, so the JIT has seen the code. */
  warmup: number;
  min: number;
  max: number;
  /** Stop after `min` samples once this much time has gone by. */
  budgetMs: number;
}

/** Times `fn` (given the sample's index) until `max` samples, or `min` once the budget is spent. */
export function sample(fn: (i: number) => unknown, o: SampleOptions): Summary {
  for (let i = 0; i < o.warmup; i++) fn(i);
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < o.max; i++) {
    if (i >= o.min && performance.now() - start > o.budgetMs) break;
    const t = performance.now();
    fn(o.warmup + i);
    times.push(performance.now() - t);
  }
  return summarize(times);
}

/**
 * Two functions sampled in turns, so a collector pause, the JIT or the machine's other load falls on both
 * alike: what a ratio of the two needs.
 */
export function sampleAlternately(a: (i: number) => unknown, b: (i: number) => unknown, o: SampleOptions): [Summary, Summary] {
  for (let i = 0; i < o.warmup; i++) {
    a(i);
    b(i);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const start = performance.now();
  for (let i = 0; i < o.max; i++) {
    if (i >= o.min && performance.now() - start > 2 * o.budgetMs) break;
    for (const [fn, times] of (i % 2 ? [[b, tb], [a, ta]] : [[a, ta], [b, tb]]) as [(i: number) => unknown, number[]][]) {
      const t = performance.now();
      fn(o.warmup + i);
      times.push(performance.now() - t);
    }
  }
  return [summarize(ta), summarize(tb)];
}

/** A duration with its unit: µs below a millisecond, s above ten seconds. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(ms < 100 ? 2 : 0)} ms`;
}

export const medP95 = (s: Summary | undefined) => (s && s.samples ? `${duration(s.median)} / ${duration(s.p95)}` : '—');

export function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !Number.isFinite(a / b) ? '—' : `${(a / b).toFixed(a / b < 10 ? 2 : 1)}×`;
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A titled table, columns padded to their widest cell; the first column left-aligned, the rest right. */
export function table(title: string, head: string[], rows: string[][], notes: string[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ').trimEnd();
  return [title, line(head), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line), ...notes.map((n) => `  ${n}`), ''].join('\n');
}
