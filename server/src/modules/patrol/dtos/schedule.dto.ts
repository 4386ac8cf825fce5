import { MAX_ROUNDS_PER_DAY, PATROL_DAY_KINDS } from '@hallwatch/shared';
import type { PatrolDayKind } from '@hallwatch/shared';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsName, Required, UnlessAbsent } from '../../../core/validation/input-validation';
import { HHMM } from '../../../core/time/zoned-time';

export class UpdateScheduleDto {
  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  enabled?: boolean;

  /** Hall-local round times, e.g. ["09:00", "11:00", "14:30", "16:30"]. */
  @UnlessAbsent()
  @IsArray({ message: '$property must be a list of HH:MM times' })
  @ArrayMinSize(1, { message: '$property must hold at least one time' })
  @ArrayMaxSize(MAX_ROUNDS_PER_DAY, { message: `$property may hold at most ${MAX_ROUNDS_PER_DAY} times` })
  @ArrayUnique({ message: '$property must not repeat a time' })
  @Matches(HHMM, { each: true, message: '$property must be times written HH:MM, e.g. 09:00 or 14:30' })
  times?: string[];

  /** ISO weekdays with rounds: Monday 1 … Sunday 7. */
  @UnlessAbsent()
  @IsArray({ message: '$property must be a list of weekdays 1–7 (Monday 1)' })
  @ArrayMaxSize(7, { message: '$property may hold at most 7 days' })
  @ArrayUnique({ message: '$property must not repeat a day' })
  @IsInt({ each: true, message: '$property must be weekdays 1–7 (Monday 1)' })
  @Min(1, { each: true, message: '$property must be weekdays 1–7 (Monday 1)' })
  @Max(7, { each: true, message: '$property must be weekdays 1–7 (Monday 1)' })
  weekdays?: number[];
}

export class CalendarDayDto {
  @Required()
  @IsIn(PATROL_DAY_KINDS as unknown as string[], { message: `$property must be one of ${PATROL_DAY_KINDS.join(', ')}` })
  kind!: PatrolDayKind;

  /** What the day is, e.g. 国庆节 or 国庆调休上班. */
  @IsOptional()
  @IsName(100)
  name?: string | null;
}
