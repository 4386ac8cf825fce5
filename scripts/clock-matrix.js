#!/usr/bin/env node
// Runs the tests that depend on the day and hour at chosen moments of the hall's calendar, to
// show they hold on any date: the first and last days of months, just after and just before the
// hall's midnight, on weekdays and at weekends. Not part of `npm test` (it runs each file once
// per moment). Build first (`npm run build`); then
//   npm run test:clock-matrix                      every moment, the default files
//   npm run test:clock-matrix -- test/browser/trends.test.ts   every moment, those files
//   HALLWATCH_CLOCK_MOMENTS=2027-03-01T00:30:00+08:00 npm run test:clock-matrix
// Each moment reaches the tests as HALLWATCH_TEST_NOW (test/support/test-clock.ts).
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const MOMENTS = [
  '2026-11-30T23:50:00+08:00', // Monday, last day of a month, ten minutes before midnight
  '2026-12-01T00:30:00+08:00', // Tuesday, first day of a month, half an hour after midnight
  '2026-12-31T23:50:00+08:00', // Thursday, the year's last minutes
  '2027-01-31T23:50:00+08:00', // Sunday, last day of a month
  '2027-03-01T00:30:00+08:00', // Monday, first day after a 28-day February
  '2027-05-01T00:30:00+08:00', // Saturday, first day of a month (a public holiday)
];
const FILES = [
  'test/browser/trends.test.ts',
  'test/browser/patrol.test.ts',
  'test/integration/reviews-deadlines.test.ts',
  'test/integration/patrol-schedule.test.ts',
];

const moments = process.env.HALLWATCH_CLOCK_MOMENTS ? process.env.HALLWATCH_CLOCK_MOMENTS.split(',') : MOMENTS;
const files = process.argv.slice(2).length ? process.argv.slice(2) : FILES;
const jest = join(__dirname, '..', 'node_modules', '.bin', 'jest');
const summary = [];
for (const moment of moments) {
  console.log(`\n=== ${moment} ===`);
  const run = spawnSync(jest, ['--runInBand', ...files], { stdio: 'inherit', env: { ...process.env, HALLWATCH_TEST_NOW: moment } });
  summary.push(`${run.status === 0 ? 'pass' : 'FAIL'}  ${moment}`);
}
console.log(`\nClock matrix (${files.join(', ')}):\n${summary.join('\n')}`);
process.exit(summary.some((line) => line.startsWith('FAIL')) ? 1 : 0);
