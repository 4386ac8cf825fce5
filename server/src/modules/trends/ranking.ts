import { activeRate, goodRate, RankingCriterion, RankingRow, RateCounts } from '@hallwatch/shared';

export interface RankInput {
  key: string;
  name: string;
  nameEn: string;
  counts: RateCounts;
}

// Item 46: a ranking that gave six of eight departments the same place hid real differences.
// Units are ordered by a chain of criteria, each consulted only when every earlier one is
// exactly equal; ratios are compared as fractions so that rounding never makes a tie.

type Fraction = { n: number; d: number } | null;

/** Negative when a is better than b. A unit without data comes after one with data. */
function compareRatioDesc(a: Fraction, b: Fraction): number {
  if (!a && !b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return b.n * a.d - a.n * b.d;
}

const CRITERIA: Record<RankingCriterion, (a: RateCounts, b: RateCounts) => number> = {
  goodRate: (a, b) => compareRatioDesc(a.reviews ? { n: a.good, d: a.reviews } : null, b.reviews ? { n: b.good, d: b.reviews } : null),
  bad: (a, b) => a.bad - b.bad,
  activeRate: (a, b) =>
    compareRatioDesc(a.completed ? { n: a.reviews, d: a.completed } : null, b.completed ? { n: b.reviews, d: b.completed } : null),
  reviews: (a, b) => b.reviews - a.reviews,
};
const ORDER: RankingCriterion[] = ['goodRate', 'bad', 'activeRate', 'reviews'];

/** The first criterion on which two units differ, or null when they are equal on all. */
function decisive(a: RateCounts, b: RateCounts): { criterion: RankingCriterion; sign: number } | null {
  for (const c of ORDER) {
    const sign = CRITERIA[c](a, b);
    if (sign !== 0) return { criterion: c, sign };
  }
  return null;
}

/** Two ratios written with as many decimals as it takes to tell them apart (up to four). */
function percents(a: number | null, b: number | null): [string, string] {
  const f = (v: number | null, d: number) => (v === null ? '—' : `${(v * 100).toFixed(d)}%`);
  for (let d = 1; d < 4; d++) if (f(a, d) !== f(b, d)) return [f(a, d), f(b, d)];
  return [f(a, 4), f(b, 4)];
}

const LABEL: Record<RankingCriterion, { zh: string; en: string }> = {
  goodRate: { zh: '好评率', en: 'good rate' },
  bad: { zh: '差评数', en: 'bad reviews' },
  activeRate: { zh: '主动评价率', en: 'active rate' },
  reviews: { zh: '评价量', en: 'reviews' },
};

function values(c: RankingCriterion, mine: RateCounts, other: RateCounts): [string, string] {
  if (c === 'goodRate') return percents(goodRate(mine), goodRate(other));
  if (c === 'activeRate') return percents(activeRate(mine), activeRate(other));
  return c === 'bad' ? [String(mine.bad), String(other.bad)] : [String(mine.reviews), String(other.reviews)];
}

/** Why `mine` stands where it does against its neighbour at place `otherPlace`. */
function reason(
  mine: RateCounts,
  other: RateCounts,
  otherPlace: number,
  criterion: RankingCriterion,
  ahead: boolean,
): RankingRow['reason'] {
  const [m, o] = values(criterion, mine, other);
  const equalBefore = ORDER.slice(0, ORDER.indexOf(criterion)).map((c) => LABEL[c].zh);
  const prefix = equalBefore.length ? `${equalBefore.join('、')}相同；` : '';
  const prefixEn = equalBefore.length
    ? `${ORDER.slice(0, ORDER.indexOf(criterion))
        .map((c) => LABEL[c].en)
        .join(', ')} equal; `
    : '';
  const better = criterion === 'bad' ? (ahead ? '少于' : '多于') : ahead ? '高于' : '低于';
  const betterEn = criterion === 'bad' ? (ahead ? 'fewer than' : 'more than') : ahead ? 'above' : 'below';
  return {
    zh: `${prefix}${LABEL[criterion].zh} ${m}，${better}第${otherPlace}名的 ${o}`,
    en: `${prefixEn}${LABEL[criterion].en} ${m}, ${betterEn} #${otherPlace}'s ${o}`,
  };
}

export function rankUnits(units: RankInput[]): RankingRow[] {
  const sorted = [...units].sort((a, b) => decisive(a.counts, b.counts)?.sign || a.key.localeCompare(b.key));
  const places: number[] = [];
  sorted.forEach((u, i) => (places[i] = i > 0 && !decisive(sorted[i - 1].counts, u.counts) ? places[i - 1] : i + 1));
  return sorted.map((u, i) => {
    const c = u.counts;
    const base = {
      place: places[i],
      key: u.key,
      name: u.name,
      nameEn: u.nameEn,
      reviews: c.reviews,
      good: c.good,
      bad: c.bad,
      completed: c.completed,
      goodRate: goodRate(c),
      activeRate: activeRate(c),
    };
    if (!c.reviews && !c.completed)
      return { ...base, decidedBy: null, reason: { zh: '本月无评价，亦无办件', en: 'No reviews or services this month' } };
    const neighbour = i > 0 ? i - 1 : i + 1;
    if (neighbour >= sorted.length) return { ...base, decidedBy: null, reason: { zh: '唯一参评单位', en: 'The only unit ranked' } };
    const d = decisive(c, sorted[neighbour].counts);
    if (!d)
      return {
        ...base,
        decidedBy: null,
        reason: {
          zh: `与第${places[neighbour]}名各项数据完全相同，并列`,
          en: `Identical to #${places[neighbour]} on every criterion: tied`,
        },
      };
    return { ...base, decidedBy: d.criterion, reason: reason(c, sorted[neighbour].counts, places[neighbour], d.criterion, i === 0) };
  });
}
