/** What a log says of a failure: its stack when it has one, else what it is. */
export function stackOf(err: unknown): string {
  return (err as Error)?.stack ?? String(err);
}
