import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@hallwatch/shared';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { IsName, Required } from '../../core/validation/input-validation';
import { isCalendarDay } from '../../core/time/zoned-time';

@ValidatorConstraint({ name: 'calendarDay' })
export class CalendarDayRule implements ValidatorConstraintInterface {
  validate(v: unknown): boolean {
    return isCalendarDay(v);
  }
  defaultMessage(): string {
    return '$property must be a real date YYYY-MM-DD';
  }
}

export class CalendarEditDto {
  @Required()
  @Validate(CalendarDayRule)
  from!: string;

  /** Last day of the range; absent for a single day. */
  @IsOptional()
  @Validate(CalendarDayRule)
  to?: string;

  @Required()
  @IsIn(CALENDAR_DAY_KINDS, { message: 'kind must be holiday (a weekday off) or workday (a weekend day worked, 调休)' })
  kind!: CalendarDayKind;

  /** e.g. 国庆节, 国庆节调休. */
  @Required()
  @IsName(60)
  name!: string;
}

export class CalendarQuery {
  @IsOptional()
  @IsString()
  @MaxLength(32)
  site?: string;

  @IsOptional()
  @Validate(CalendarDayRule)
  from?: string;

  @IsOptional()
  @Validate(CalendarDayRule)
  to?: string;
}

/** ?site= of an edit: one site's own calendar; absent for every site's. */
export class CalendarSiteQuery {
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'site must be a site code' })
  site?: string;
}
