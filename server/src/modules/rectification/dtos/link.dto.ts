import {
  INDICATOR_IDS,
  LINK_WINDOWS,
  TARGET_COMPARATORS,
  type IndicatorId,
  type LinkWindow,
  type RectificationLinkInput,
  type RectificationLinkPatch,
  type TargetComparator,
} from '@hallwatch/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsNumber, IsOptional } from 'class-validator';
import { IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

// ≥ and ≤ are what people type from the report; they are stored as >= and <=.
const comparator = ({ value }: { value: unknown }) => (value === '≥' ? '>=' : value === '≤' ? '<=' : value);

const IsComparator = (): PropertyDecorator => IsIn(TARGET_COMPARATORS, { message: 'comparator must be one of >=, <=, = (or ≥, ≤)' });
const IsWindow = (): PropertyDecorator => IsIn(LINK_WINDOWS, { message: 'window must be day (judged once a day) or now (watched live)' });
const IsTarget = (): PropertyDecorator =>
  IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'target must be a number (ratios as 0–1, e.g. 0.995)' });

export class CreateLinkDto implements RectificationLinkInput {
  @Required()
  @IsIn(INDICATOR_IDS, { message: 'indicator must be one of the canonical indicator ids, e.g. reviews.active_rate' })
  indicator!: IndicatorId;

  @Required()
  @Transform(comparator)
  @IsComparator()
  comparator!: TargetComparator;

  @Required()
  @IsTarget()
  target!: number;

  @Required()
  @IsWindow()
  window!: LinkWindow;

  /** A department code of the site; absent or null for the whole site. */
  @IsOptional()
  @IsRegistryCode()
  department?: string | null;
}

export class UpdateLinkDto implements RectificationLinkPatch {
  @UnlessAbsent()
  @Transform(comparator)
  @IsComparator()
  comparator?: TargetComparator;

  @UnlessAbsent()
  @IsTarget()
  target?: number;

  @UnlessAbsent()
  @IsWindow()
  window?: LinkWindow;

  @IsOptional()
  @IsRegistryCode()
  department?: string | null;
}
