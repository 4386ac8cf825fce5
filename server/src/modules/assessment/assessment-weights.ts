import { ASSESSMENT_CRITERIA, type AssessmentWeights } from '@hallwatch/shared';
import { badField } from '../../core/validation/input-validation';

/**
 * The weights as sent, checked field by field: every criterion, each a whole number from 0 to
 * 100, nothing else, and together 100 — so that a score reads as points out of 100.
 */
export function validWeights(input: unknown): AssessmentWeights {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw badField('weights', 'weights must be an object with one whole number per criterion');
  const given = input as Record<string, unknown>;
  for (const k of Object.keys(given))
    if (!(ASSESSMENT_CRITERIA as readonly string[]).includes(k))
      throw badField(`weights.${k}`, `"${k}" is not a criterion; the criteria are ${ASSESSMENT_CRITERIA.join(', ')}`);
  const out = {} as AssessmentWeights;
  for (const c of ASSESSMENT_CRITERIA) {
    const v = given[c];
    if (v === undefined || v === null) throw badField(`weights.${c}`, `weights.${c} is required (0 to 100 points)`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100)
      throw badField(`weights.${c}`, `weights.${c} must be a whole number of points from 0 to 100, not ${JSON.stringify(v)}`);
    out[c] = v;
  }
  const sum = ASSESSMENT_CRITERIA.reduce((s, c) => s + out[c], 0);
  if (sum !== 100) throw badField('weights', `the weights add up to ${sum} points; they must add up to 100`);
  return out;
}
