import { partitionedPlan, upkeepPlan } from '../table-upkeep';

describe('upkeepPlan', () => {
  it('vacuums a table whose dead rows pass 50 plus a fifth of the live ones', () => {
    expect(upkeepPlan([{ ident: 'live_day_counts', live: 40, dead: 59, changedSinceAnalyze: 5000, insertedSinceVacuum: 0 }])).toEqual([
      { ident: 'live_day_counts', action: 'vacuum' },
    ]);
    expect(upkeepPlan([{ ident: 'live_day_counts', live: 40, dead: 58, changedSinceAnalyze: 0, insertedSinceVacuum: 0 }])).toEqual([]);
  });

  it('analyses a table changed by more than 50 rows plus a tenth since its last analysis', () => {
    expect(upkeepPlan([{ ident: 'tickets', live: 3000, dead: 0, changedSinceAnalyze: 351, insertedSinceVacuum: 0 }])).toEqual([
      { ident: 'tickets', action: 'analyze' },
    ]);
    expect(upkeepPlan([{ ident: 'tickets', live: 3000, dead: 0, changedSinceAnalyze: 350, insertedSinceVacuum: 0 }])).toEqual([]);
  });

  it('leaves quiet tables alone and handles each table on its own', () => {
    expect(
      upkeepPlan([
        { ident: 'sites', live: 3, dead: 0, changedSinceAnalyze: 0, insertedSinceVacuum: 0 },
        { ident: 'events', live: 0, dead: 0, changedSinceAnalyze: 10_000, insertedSinceVacuum: 0 },
      ]),
    ).toEqual([{ ident: 'events', action: 'analyze' }]);
  });

  it('vacuums an append-only table once 1,000 rows plus a fifth of it were inserted since its last vacuum', () => {
    expect(upkeepPlan([{ ident: 'reviews', live: 10_000, dead: 0, changedSinceAnalyze: 0, insertedSinceVacuum: 3001 }])).toEqual([
      { ident: 'reviews', action: 'vacuum' },
    ]);
    expect(upkeepPlan([{ ident: 'reviews', live: 10_000, dead: 0, changedSinceAnalyze: 0, insertedSinceVacuum: 3000 }])).toEqual([]);
  });

  it('analyses a partitioned table never analysed once its partitions hold rows, and again when they grew by 50 plus a tenth', () => {
    expect(partitionedPlan([{ ident: 'events', analysedRows: -1, live: 1 }])).toEqual([{ ident: 'events', action: 'analyze' }]);
    expect(partitionedPlan([{ ident: 'events', analysedRows: -1, live: 0 }])).toEqual([]);
    expect(partitionedPlan([{ ident: 'events', analysedRows: 10_000, live: 11_051 }])).toEqual([{ ident: 'events', action: 'analyze' }]);
    expect(partitionedPlan([{ ident: 'events', analysedRows: 10_000, live: 11_050 }])).toEqual([]);
    expect(partitionedPlan([{ ident: 'events', analysedRows: 10_000, live: 8_949 }])).toEqual([{ ident: 'events', action: 'analyze' }]);
  });
});
