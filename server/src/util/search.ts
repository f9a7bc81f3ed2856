/**
 * The last index `i` in `0 … count-1` whose `keyAt(i)` is at most `value`, for keys in ascending order
 * (0 when none is): which line, piece or section an offset falls in, in log time.
 */
export function lastAtOrBefore(count: number, keyAt: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (keyAt(mid) <= value) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(lo, 0);
}
