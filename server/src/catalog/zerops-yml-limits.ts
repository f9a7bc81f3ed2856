// Numbers the platform holds zerops.yml values to, for the rules that check them (spec §1.4–1.9).

/** The ports a setup may declare in `run.ports`; the rest are reserved for Zerops (portOutOfRange). */
export const PORT_RANGE = { min: 10, max: 65435 } as const;

/** The port the default server of a webserver runtime (PHP with nginx or Apache, nginx) listens on. */
export const WEBSERVER_PORT = 80;

/** The five fields of a cron timing and the range of each: minute, hour, day of month, month, weekday (0 and 7: Sunday). */
export const CRON_FIELDS: readonly { name: string; min: number; max: number }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'weekday', min: 0, max: 7 },
];
