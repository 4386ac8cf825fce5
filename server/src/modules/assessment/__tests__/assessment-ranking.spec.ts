import { ASSESSMENT_CRITERIA, DEFAULT_ASSESSMENT_WEIGHTS, type AssessmentCriterion } from '@hallwatch/shared';
import { rankTowns, type TownFigures } from '../assessment-ranking';
import { validWeights } from '../assessment-weights';

const town = (site: string, own: Partial<Record<AssessmentCriterion, [number, number]>>): TownFigures => ({
  site,
  name: site,
  nameEn: null,
  sites: 1,
  figures: Object.fromEntries(
    ASSESSMENT_CRITERIA.map((c) => [c, { num: own[c]?.[0] ?? 1, den: own[c]?.[1] ?? 2 }]),
  ) as TownFigures['figures'],
});

describe('the ranking of towns', () => {
  it('scores nothing due in full and no data as zero', () => {
    const { rows } = rankTowns([town('a', { notices: [0, 0], good: [0, 0] })], DEFAULT_ASSESSMENT_WEIGHTS);
    const part = (c: AssessmentCriterion) => rows[0].parts.find((p) => p.criterion === c)!;
    expect(part('notices')).toMatchObject({ noData: 'full', share: null, points: DEFAULT_ASSESSMENT_WEIGHTS.notices });
    expect(part('good')).toMatchObject({ noData: 'zero', share: null, points: 0 });
  });

  it('breaks an equal score on the heaviest criterion that differs, as exact fractions', () => {
    // 20 × 3/4 + 20 × 1/2 = 20 × 1/2 + 20 × 3/4: same score, a is better on wait (listed first of the 20s).
    const a = town('a', { wait: [3, 4], good: [1, 2] });
    const b = town('b', { wait: [1, 2], good: [3, 4] });
    const { rows } = rankTowns([b, a], DEFAULT_ASSESSMENT_WEIGHTS);
    expect(rows.map((r) => [r.site, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(rows[0].reason).toMatchObject({ kind: 'criterion', criterion: 'wait', mine: 0.75, theirs: 0.5 });
  });

  it('ties only identical figures, and counts ranks as competition ranks', () => {
    const { rows, spread } = rankTowns([town('c', {}), town('b', {}), town('a', { wait: [2, 2] })], DEFAULT_ASSESSMENT_WEIGHTS);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 2]);
    expect(rows[1].reason.kind).toBe('tie');
    expect(spread).toEqual({ towns: 3, distinctRanks: 2, range: 10 });
  });

  it('refuses weights naming the field', () => {
    const err = (w: unknown) => {
      try {
        validWeights(w);
        return null;
      } catch (e) {
        return (e as { getResponse(): { field: string } }).getResponse().field;
      }
    };
    expect(err(DEFAULT_ASSESSMENT_WEIGHTS)).toBeNull();
    expect(err({ ...DEFAULT_ASSESSMENT_WEIGHTS, notices: 11 })).toBe('weights');
    expect(err({ ...DEFAULT_ASSESSMENT_WEIGHTS, notices: '10' })).toBe('weights.notices');
    expect(err(null)).toBe('weights');
  });
});
