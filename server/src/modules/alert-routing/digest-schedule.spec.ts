import { DEFAULT_HALL_HOURS } from '@hallwatch/shared';
import { dueOccasions, nextOccasion, occasionOf } from './digest-schedule';

const SH = 'Asia/Shanghai';
const none = new Map();

describe('digest occasions', () => {
  it('sends the daily digest at closing time on the days the hall opens', () => {
    expect(occasionOf('daily', '2026-12-07', DEFAULT_HALL_HOURS, SH, none)).toEqual({
      kind: 'daily',
      from: '2026-12-07',
      to: '2026-12-07',
      at: new Date('2026-12-07T09:30:00Z'),
    });
    expect(occasionOf('daily', '2026-12-06', DEFAULT_HALL_HOURS, SH, none)).toBeNull(); // Sunday
    expect(occasionOf('daily', '2026-12-07', DEFAULT_HALL_HOURS, SH, new Map([['2026-12-07', 'holiday']]))).toBeNull();
    expect(occasionOf('daily', '2026-12-06', DEFAULT_HALL_HOURS, SH, new Map([['2026-12-06', 'workday']]))).not.toBeNull();
  });

  it('sends the weekly digest on Monday morning for the week before', () => {
    expect(occasionOf('weekly', '2026-12-07', DEFAULT_HALL_HOURS, SH, none)).toEqual({
      kind: 'weekly',
      from: '2026-11-30',
      to: '2026-12-06',
      at: new Date('2026-12-07T00:30:00Z'),
    });
    expect(occasionOf('weekly', '2026-12-08', DEFAULT_HALL_HOURS, SH, none)).toBeNull();
  });

  it('finds what is due, catching up within twelve hours, and what comes next', () => {
    expect(dueOccasions('daily', new Date('2026-12-07T09:29:00Z'), DEFAULT_HALL_HOURS, SH, none)).toEqual([]);
    expect(dueOccasions('daily', new Date('2026-12-07T12:00:00Z'), DEFAULT_HALL_HOURS, SH, none).map((o) => o.to)).toEqual(['2026-12-07']);
    expect(dueOccasions('daily', new Date('2026-12-08T00:00:00Z'), DEFAULT_HALL_HOURS, SH, none)).toEqual([]);
    // Friday evening: the next daily digest is Monday's.
    expect(nextOccasion('daily', new Date('2026-12-11T10:00:00Z'), DEFAULT_HALL_HOURS, SH, none)?.to).toBe('2026-12-14');
  });
});
