// Go durations, as Zerops reads probe timings (`90s`, `1m30s`): the catalogue's duration keys, the rules
// that check them and the completion that offers them share this reader.

/** Parses a Go duration (`90s`, `1m30s`, `1.5h`, `500ms`) to seconds; undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  let pos = 0;
  let any = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
    any = true;
  }
  return any && pos === s.length ? total : undefined;
}
