import { ABSENCE_KINDS, ABSENCE_STATES, type AbsenceFiling, type AbsenceKind, type AbsenceState } from '@hallwatch/shared';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsName, IsRegistryCode, Required } from '../../../core/validation/input-validation';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const IsInstant = (): PropertyDecorator =>
  Matches(ISO_WITH_OFFSET, { message: '$property must be an ISO-8601 time with an offset, e.g. 2024-07-18T09:30:00+08:00' });
const CALENDAR_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class FileAbsenceDto implements AbsenceFiling {
  /** The registry code of the staff member who is away. */
  @Required()
  @IsRegistryCode()
  staff!: string;

  @Required()
  @IsIn(ABSENCE_KINDS, { message: `kind must be one of ${ABSENCE_KINDS.join(', ')}` })
  kind!: AbsenceKind;

  @Required()
  @IsInstant()
  from!: string;

  @Required()
  @IsInstant()
  to!: string;

  /** Where to and why (the business, the meeting, the illness). */
  @Required()
  @IsName(500)
  reason!: string;
}

export class DecideAbsenceDto {
  @Required()
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision!: 'approved' | 'rejected';

  /** The grounds; required for a rejection, kept in the audit log. */
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string;
}

export class CancelAbsenceDto {
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string;
}

export class ReturnAbsenceDto {
  /** When the staff member came back; now when left out. */
  @IsOptional()
  @IsInstant()
  at?: string;
}

export class AbsenceListQuery {
  /** Hall-local day whose entries are listed (those overlapping it); today when neither day nor state is given. */
  @IsOptional()
  @Matches(CALENDAR_DAY, { message: 'day must be a date, YYYY-MM-DD' })
  day?: string;

  @IsOptional()
  @IsRegistryCode()
  department?: string;

  @IsOptional()
  @IsIn(ABSENCE_STATES, { message: `state must be one of ${ABSENCE_STATES.join(', ')}` })
  state?: AbsenceState;
}

export class AbsenceMonthQuery {
  /** YYYY-MM; the hall's current month when left out. */
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}
