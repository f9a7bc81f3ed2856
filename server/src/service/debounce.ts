// How long the server waits after a change before it checks the document again. Ordinary typing is
// checked after a short fixed quiet period: a check costs what the edit reached, so there is nothing to
// wait out. Only a storm of changes (a paste replayed, a script, a client flushing its queue: changes
// arriving while the last one still waits) lengthens it, doubling per change that arrived inside the
// wait, so the storm is checked once, at its end. The first quiet period ends the storm. The cost of the
// last check plays no part: a slow check would otherwise make the next keystroke wait longer still.

export const QUIET_MS = 10;
export const MAX_QUIET_MS = 250;

/** The wait before checking, given how many changes in a row arrived while a check was still waiting. */
export function quietPeriod(changesInStorm: number): number {
  return Math.min(MAX_QUIET_MS, QUIET_MS * 2 ** Math.min(Math.max(0, changesInStorm), 5));
}
