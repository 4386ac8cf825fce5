import { RECTIFICATION_STATUSES, type RectificationItemPatch, type RectificationStatus } from '@hallwatch/shared';
import { IsIn, IsOptional } from 'class-validator';
import { IsName, Required, UnlessAbsent } from '../../../core/validation/input-validation';
import { IsCalendarDate } from './calendar-date';

export class UpdateItemDto implements RectificationItemPatch {
  @UnlessAbsent()
  @IsIn(RECTIFICATION_STATUSES, { message: `status must be one of ${RECTIFICATION_STATUSES.join(', ')} (整改中 / 已整改 / 长期坚持)` })
  status?: RectificationStatus;

  /** Free text: the responsible unit is often an office of the bureau (综合科), not a hall department. */
  @IsOptional()
  @IsName(200)
  responsibleDepartment?: string | null;

  @IsOptional()
  @IsCalendarDate()
  deadline?: string | null;
}

/** Multipart fields (or JSON without an attachment); the file itself is the "attachment" part. */
export class AddEvidenceDto {
  @Required()
  @IsCalendarDate()
  date!: string;

  @Required()
  @IsName(4000)
  text!: string;
}
