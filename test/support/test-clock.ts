// A test that depends on "today" reads its moment here, so that it can be run as if at any
// instant: HALLWATCH_TEST_NOW=2026-12-01T00:30:00+08:00 npx jest test/browser/trends.test.ts
// proves it holds on the first of a month just after the hall's midnight. Unset, it is the
// real time, read once, so that a test running across midnight still sees one day.

const fixed = process.env.HALLWATCH_TEST_NOW;
if (fixed && Number.isNaN(Date.parse(fixed))) throw new Error(`HALLWATCH_TEST_NOW must be an ISO-8601 instant, not "${fixed}"`);

const startedAt = fixed ? new Date(fixed) : new Date();

/** The moment the test runs "at": give it to the server (FIXED_CLOCK) and the page (clock.setFixedTime) alike. */
export const testNow = (): Date => new Date(startedAt);

/** Only a moment the run was asked for; null when the test keeps the real clock. */
export const pinnedNow = (): Date | null => (fixed ? new Date(startedAt) : null);
