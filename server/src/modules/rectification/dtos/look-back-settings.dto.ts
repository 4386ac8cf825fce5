import { IsInt, Matches, Max, Min } from 'class-validator';
import { UnlessAbsent } from '../../../core/validation/input-validation';
import { HHMM } from '../look-back-settings';

export class LookBackSettingsDto {
  @UnlessAbsent()
  @IsInt({ message: 'liveMinutes must be a whole number of minutes' })
  @Min(1, { message: 'liveMinutes must be at least 1' })
  @Max(1440, { message: 'liveMinutes must be at most 1440 (a day); use days for longer' })
  liveMinutes?: number;

  @UnlessAbsent()
  @IsInt({ message: 'days must be a whole number of days' })
  @Min(1, { message: 'days must be at least 1' })
  @Max(30, { message: 'days must be at most 30' })
  days?: number;

  @UnlessAbsent()
  @Matches(HHMM, { message: 'dayClosesAt must be a hall-local time written HH:MM, e.g. 18:00' })
  dayClosesAt?: string;
}
