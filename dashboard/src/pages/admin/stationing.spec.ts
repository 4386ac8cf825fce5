import type { DepartmentView } from '@hallwatch/shared';
import { stationing } from './stationing';

const dept = (code: string, extra: Partial<DepartmentView> = {}): DepartmentView => ({
  code,
  name: code,
  nameEn: null,
  waitTargetSec: null,
  expectedToStation: true,
  expectedStaff: null,
  retiredAt: null,
  ...extra,
});
const person = (code: string, departmentCode: string | null, onRoster = true) => ({ code, name: code, departmentCode, onRoster });

describe('stationing', () => {
  it('counts departments expected in the hall against those with anyone on the roster', () => {
    const s = stationing(
      [
        dept('jj5', { expectedStaff: 32 }),
        dept('mz'),
        dept('sw', { expectedToStation: false }),
        dept('old', { retiredAt: '2026-01-01T00:00:00Z' }),
      ],
      [person('a', 'jj5'), person('b', 'jj5'), person('c', 'jj5', false), person('d', 'sw'), person('e', 'old'), person('f', null)],
    );
    expect(s.expected.map((e) => [e.department.code, e.onRoster, e.shortOfList])).toEqual([
      ['jj5', 2, 30],
      ['mz', 0, null],
    ]);
    expect(s).toMatchObject({ stationed: 1, onRoster: 2, listed: 32, listedOnRoster: 2 });
  });

  it('never reports a negative shortfall when more are stationed than listed', () => {
    const s = stationing([dept('x', { expectedStaff: 1 })], [person('a', 'x'), person('b', 'x')]);
    expect(s.expected[0].shortOfList).toBe(0);
  });
});
