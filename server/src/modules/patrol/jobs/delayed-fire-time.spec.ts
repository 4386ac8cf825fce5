import { delayedFireTime } from './delayed-fire-time';

describe('delayedFireTime', () => {
  it('counts the delay from the creation of a job that never ran', () => {
    expect(delayedFireTime({ timestamp: 1_000, processedOn: undefined, delay: 500 })).toBe(1_500);
  });

  it('counts the delay from the last run of a job that was put back', () => {
    expect(delayedFireTime({ timestamp: 1_000, processedOn: 9_000, delay: 500 })).toBe(9_500);
  });

  it('is the creation itself for a job without delay', () => {
    expect(delayedFireTime({ timestamp: 1_000, processedOn: undefined, delay: 0 })).toBe(1_000);
  });
});
