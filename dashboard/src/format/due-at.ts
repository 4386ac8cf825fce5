/**
 * A deadline as people read it: one at the stroke of midnight (a working-day deadline ends its
 * day there) is shown as the last minute of the day before, so that "07/17 00:00" is not read as
 * "some time on the 17th". `at` is the page's own clock format (time zone and language).
 */
export const dueAt = (iso: string, at: (iso: string) => string): string =>
  at(iso).endsWith('00:00') ? at(new Date(Date.parse(iso) - 60_000).toISOString()) : at(iso);
