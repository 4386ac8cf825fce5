import {
  ASSESSMENT_CRITERIA,
  type AssessmentCriterion,
  type AssessmentEvidence,
  type AssessmentPart,
  type AssessmentReason,
  type AssessmentReasonKind,
  type AssessmentRow,
  type AssessmentSpread,
  type AssessmentWeights,
} from '@hallwatch/shared';

// The scoring and the ranking, pure: a town's figures in, its parts, place and reason out.

/** Criteria about deadlines: with nothing due, nothing was late, so they score in full. */
const FULL_WHEN_NOTHING_DUE: ReadonlySet<AssessmentCriterion> = new Set(['followUps', 'notices']);

export interface TownFigures {
  site: string;
  name: string;
  nameEn: string | null;
  sites: number;
  figures: Record<AssessmentCriterion, AssessmentEvidence>;
}

interface Scored extends TownFigures {
  parts: AssessmentPart[];
  /** Exact (unrounded) score. */
  raw: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The share the score counts: num/den, or what "nothing to judge" is worth for that criterion. */
const effective = (c: AssessmentCriterion, e: AssessmentEvidence): [number, number] =>
  e.den > 0 ? [e.num, e.den] : FULL_WHEN_NOTHING_DUE.has(c) ? [1, 1] : [0, 1];

export function scoreTown(t: TownFigures, weights: AssessmentWeights): Scored {
  const parts = ASSESSMENT_CRITERIA.map((criterion): AssessmentPart & { exact: number } => {
    const evidence = t.figures[criterion];
    const [n, d] = effective(criterion, evidence);
    const exact = (weights[criterion] * n) / d;
    return {
      criterion,
      weight: weights[criterion],
      share: evidence.den > 0 ? evidence.num / evidence.den : null,
      points: round2(exact),
      noData: evidence.den > 0 ? null : FULL_WHEN_NOTHING_DUE.has(criterion) ? 'full' : 'zero',
      evidence,
      exact,
    };
  });
  const raw = parts.reduce((s, p) => s + p.exact, 0);
  return { ...t, raw, parts: parts.map(({ exact: _exact, ...p }) => p) };
}

/** Scores closer than this are the same score (float sums of the same fractions). */
const SAME_SCORE = 1e-9;

/** Criteria by weight, heaviest first; equal weights in the scorecard's order. */
const byWeight = (w: AssessmentWeights) =>
  [...ASSESSMENT_CRITERIA].sort((a, b) => w[b] - w[a] || ASSESSMENT_CRITERIA.indexOf(a) - ASSESSMENT_CRITERIA.indexOf(b));

interface Decision {
  /** < 0: a above b. */
  order: number;
  kind: Exclude<AssessmentReasonKind, 'last'>;
  criterion: AssessmentCriterion | null;
}

/**
 * Higher score first; equal scores go to the better share of the heaviest criterion on which
 * the two differ (compared exactly, as fractions), then to the larger body of evidence (the
 * larger denominator) — so two towns tie only when every figure is the same.
 */
export function decide(a: Scored, b: Scored, w: AssessmentWeights): Decision {
  if (Math.abs(a.raw - b.raw) > SAME_SCORE) {
    const gaps = a.parts.map((p, i) => ({ c: p.criterion, gap: Math.sign(a.raw - b.raw) * (p.points - b.parts[i].points) }));
    const widest = gaps.reduce((m, g) => (g.gap > m.gap ? g : m));
    return { order: b.raw - a.raw, kind: 'score', criterion: widest.gap > 0 ? widest.c : null };
  }
  for (const c of byWeight(w)) {
    const [an, ad] = effective(c, a.figures[c]);
    const [bn, bd] = effective(c, b.figures[c]);
    const diff = bn * ad - an * bd;
    if (diff !== 0) return { order: diff, kind: 'criterion', criterion: c };
  }
  for (const c of byWeight(w)) {
    const diff = b.figures[c].den - a.figures[c].den || b.figures[c].num - a.figures[c].num;
    if (diff !== 0) return { order: diff, kind: 'evidence', criterion: c };
  }
  return { order: 0, kind: 'tie', criterion: null };
}

export function rankTowns(towns: TownFigures[], weights: AssessmentWeights): { rows: AssessmentRow[]; spread: AssessmentSpread } {
  const scored = towns.map((t) => scoreTown(t, weights));
  scored.sort((a, b) => decide(a, b, weights).order || a.site.localeCompare(b.site));
  const rows: AssessmentRow[] = [];
  scored.forEach((t, i) => {
    const next = scored[i + 1];
    const prev = scored[i - 1];
    const tiedAbove = prev !== undefined && decide(prev, t, weights).kind === 'tie';
    const rank = tiedAbove ? rows[i - 1].rank : i + 1;
    let reason: AssessmentReason;
    if (!next) reason = { kind: 'last', next: null, nextName: null, nextNameEn: null, gap: 0, criterion: null, mine: null, theirs: null };
    else {
      const d = decide(t, next, weights);
      const share = (x: Scored) => (d.criterion ? x.parts.find((p) => p.criterion === d.criterion)!.share : null);
      reason = {
        kind: d.kind,
        next: next.site,
        nextName: next.name,
        nextNameEn: next.nameEn,
        gap: round2(t.raw - next.raw),
        criterion: d.criterion,
        mine: share(t),
        theirs: share(next),
      };
    }
    rows.push({ rank, site: t.site, name: t.name, nameEn: t.nameEn, sites: t.sites, score: round2(t.raw), parts: t.parts, reason });
  });
  const scores = rows.map((r) => r.score);
  return {
    rows,
    spread: {
      towns: rows.length,
      distinctRanks: new Set(rows.map((r) => r.rank)).size,
      range: rows.length ? round2(Math.max(...scores) - Math.min(...scores)) : 0,
    },
  };
}
