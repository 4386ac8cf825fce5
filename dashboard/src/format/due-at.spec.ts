import { dueAt } from './due-at';

// A UTC clock stands in for the hall's: the rule only looks at the formatted minute.
const at = (iso: string) => iso.slice(5, 16).replace('T', ' ');

describe('dueAt', () => {
  it('shows a midnight deadline as the last minute of the day before', () => {
    expect(dueAt('2024-07-17T00:00:00.000Z', at)).toBe('07-16 23:59');
  });

  it('shows any other deadline as it is', () => {
    expect(dueAt('2024-07-17T17:30:00.000Z', at)).toBe('07-17 17:30');
  });
});
