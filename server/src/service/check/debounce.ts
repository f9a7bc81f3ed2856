// How long the server waits after a change before it checks the document again. Ordinary typing is
// checked after a short fixed quiet period: a check costs what the edit reached, so there is nothing to
// wait out. Only a storm of changes (a paste replayed, a script, a client flushing its queue: changes
// arriving while the last one still waits) lengthens it, doubling per change that arrived inside the
// wait, so the storm is checked once, at its end. The first quiet period ends the storm. The cost of the
// last check plays no part: a slow check would otherwise make the next keystroke wait longer still.

export const QUIET_MS = 10;
export const MAX_QUIET_MS = 250;
/**
 * After a check that held back a finding where the user is typing (check/typing.ts), the quiet check that
 * shows everything waits this long after the last change.
 */
export const TYPING_QUIET_MS = 1000;

/** The wait before checking, given how many changes in a row arrived while a check was still waiting. */
export function quietPeriod(changesInStorm: number): number {
  return Math.min(MAX_QUIET_MS, QUIET_MS * 2 ** Math.min(Math.max(0, changesInStorm), 5));
}

/**
 * When each open document is checked next: an edit waits the quiet period (longer in a storm), anything
 * else (a document opened, the workspace changed) is checked at once. `check` runs when the wait is over,
 * told whether it is the quiet check asked for by `quietLater` (which any other check cancels).
 */
export class CheckScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Changes that arrived while a check was still waiting, since the last check ran, per document. */
  private readonly storms = new Map<string, number>();

  /** The quiet checks waiting, per document. */
  private readonly quietTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly check: (uri: string, quiet: boolean) => void) {}

  /** An edit of `uri`: checked after the quiet period, which this edit may lengthen. */
  edited(uri: string): void {
    const storm = this.timers.has(uri) ? (this.storms.get(uri) ?? 0) + 1 : 0;
    this.storms.set(uri, storm);
    this.schedule(uri, quietPeriod(storm));
  }

  /** `uri` is checked at once (on the next turn). */
  now(uri: string): void {
    this.schedule(uri, 0);
  }

  /** The last check held something back while typing: `uri` is checked quietly once typing has paused. */
  quietLater(uri: string): void {
    this.cancelQuiet(uri);
    this.quietTimers.set(uri, setTimeout(() => {
      this.quietTimers.delete(uri);
      this.check(uri, true);
    }, TYPING_QUIET_MS));
  }

  /** A closed document: nothing waits for it any more. */
  forget(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.storms.delete(uri);
    this.cancelQuiet(uri);
  }

  private cancelQuiet(uri: string): void {
    clearTimeout(this.quietTimers.get(uri));
    this.quietTimers.delete(uri);
  }

  private schedule(uri: string, delay: number): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    // A change restarts the quiet period: the check it schedules decides whether a quiet one is needed again.
    this.cancelQuiet(uri);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.storms.set(uri, 0);
      this.check(uri, false);
    }, delay));
  }
}
