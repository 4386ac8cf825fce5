import { Allow, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';

/** A finite number from min to max, both included. */
const Within = (min: number, max: number, message: string): PropertyDecorator =>
  ValidateBy({
    name: 'within',
    validator: {
      validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max,
      defaultMessage: () => message,
    },
  });

/** A finite number strictly inside (min, max): the bounds themselves make no sense as thresholds. */
const Inside = (min: number, max: number, message: string): PropertyDecorator =>
  ValidateBy({
    name: 'inside',
    validator: {
      validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > min && v < max,
      defaultMessage: () => message,
    },
  });

/**
 * `PATCH /api/v1/admin/sites/:site/settings`: what the indicators and the wall read from
 * sites.settings. A field left out stays as it is; null puts it back to its default.
 */
export class SiteSettingsDto {
  /**
   * Opening hours, e.g. {"opens": "08:30", "closes": "17:30", "weekdays": [1, 2, 3, 4, 5]}; the
   * fields given replace the current ones, and the result is checked as a whole by the service
   * (opens before closes), so that the error can name the field that broke it.
   */
  @Allow()
  hours?: unknown;

  @IsOptional()
  @IsInt({ message: 'waitTargetSec must be a whole number of seconds' })
  @Min(1, { message: 'waitTargetSec must be at least 1' })
  waitTargetSec?: number | null;

  @IsOptional()
  @Inside(0, 1, 'waitWarnRatio must be a number between 0 and 1, e.g. 0.8')
  waitWarnRatio?: number | null;

  @IsOptional()
  @IsInt({ message: 'tidalQueue must be a whole number of waiting tickets' })
  @Min(1, { message: 'tidalQueue must be at least 1' })
  tidalQueue?: number | null;

  @IsOptional()
  @IsInt({ message: 'allowedBreakSec must be a whole number of seconds' })
  @Min(1, { message: 'allowedBreakSec must be at least 1' })
  allowedBreakSec?: number | null;

  @IsOptional()
  @Inside(1, Number.MAX_VALUE, 'surgeFactor must be a number above 1, e.g. 2')
  surgeFactor?: number | null;

  @IsOptional()
  @IsInt({ message: 'surgeMinWaiting must be a whole number of waiting tickets' })
  @Min(1, { message: 'surgeMinWaiting must be at least 1' })
  surgeMinWaiting?: number | null;

  @IsOptional()
  @IsInt({ message: 'roundWindowLeadMin must be a whole number of minutes' })
  @Min(0, { message: 'roundWindowLeadMin must be 0 or more' })
  @Max(120, { message: 'roundWindowLeadMin must be at most 120 (two hours before the round)' })
  roundWindowLeadMin?: number | null;

  @IsOptional()
  @IsInt({ message: 'roundMinDurationSec must be a whole number of seconds' })
  @Min(1, { message: 'roundMinDurationSec must be at least 1' })
  @Max(3600, { message: 'roundMinDurationSec must be at most 3600 (a round must fit in the hour before it is missed)' })
  roundMinDurationSec?: number | null;

  /** 0 leaves only each handler's weekly minimum; 1 calls every closure back a second time. */
  @IsOptional()
  @Within(0, 1, 'callbackSampleShare must be a number from 0 to 1, e.g. 0.1 for 10%')
  callbackSampleShare?: number | null;

  @IsOptional()
  @IsInt({ message: 'unattendedWindowSec must be a whole number of seconds' })
  @Min(60, { message: 'unattendedWindowSec must be at least 60 seconds (a window is not unattended the moment its staff sign out)' })
  @Max(28800, { message: 'unattendedWindowSec must be at most 28800 seconds (eight hours, a whole opening day)' })
  unattendedWindowSec?: number | null;

  /**
   * The midday break, e.g. {"from": "12:00", "to": "13:30"}, in which a window may close without
   * counting as unattended; checked as a whole by the service so that the error names the field.
   */
  @Allow()
  lunchBreak?: unknown;

  @IsOptional()
  @Inside(
    0,
    Number.MAX_VALUE,
    "windowImbalanceMax must be a number above 0, e.g. 1 (the busiest window ahead of the idlest by one average window's load)",
  )
  windowImbalanceMax?: number | null;

  @IsOptional()
  @IsInt({ message: 'badReviewAlertRating must be a whole number of stars, 1 or 2' })
  @Min(1, { message: 'badReviewAlertRating must be 1 or 2 stars (1–2 are 差评)' })
  @Max(2, { message: 'badReviewAlertRating must be 1 or 2 stars (1–2 are 差评)' })
  badReviewAlertRating?: number | null;

  /** Checked by the service as a whole (placeholders, {seq} and {year} present) so that the error says what is missing. */
  @Allow()
  noticeNumberPattern?: unknown;

  @IsOptional()
  @IsString({ message: 'noticeIssuer must be the name of the issuing office' })
  @MaxLength(60, { message: 'noticeIssuer must be at most 60 characters' })
  noticeIssuer?: string | null;

  @IsOptional()
  @IsBoolean({ message: 'wallDistrictPage must be true or false' })
  wallDistrictPage?: boolean | null;
}
