import { IsOptional, Matches } from 'class-validator';

export class AssessmentQuery {
  /** YYYY-MM; the hall's current month when left out. */
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

/** The weights are checked by hand (assessment-weights.ts) so that each error names its criterion. */
export class AssessmentWeightsDto {
  @IsOptional()
  weights?: unknown;
}
