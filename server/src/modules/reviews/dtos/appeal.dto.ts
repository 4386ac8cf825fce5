import { APPEAL_REASONS, type AppealReason } from '@hallwatch/shared';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { Required } from '../../../core/validation/input-validation';

export class FileAppealDto {
  @Required()
  @IsIn(APPEAL_REASONS, { message: `reason must be one of ${APPEAL_REASONS.join(', ')}` })
  reason!: AppealReason;

  /** The department's account of why the review is mistaken or malicious. */
  @Required()
  @IsString({ message: 'statement must be a string' })
  @Matches(/\S/, { message: 'statement must not be blank' })
  @MaxLength(4000, { message: 'statement must be at most 4000 characters' })
  statement!: string;
}

export class DecideAppealDto {
  @Required()
  @IsIn(['upheld', 'rejected'], { message: 'decision must be upheld or rejected' })
  decision!: 'upheld' | 'rejected';

  /** The supervisor's grounds; kept in the audit log. */
  @Required()
  @IsString({ message: 'note must be a string' })
  @Matches(/\S/, { message: 'note must give the grounds of the decision' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note!: string;
}

export class AppealListQuery {
  @IsOptional()
  @IsIn(['pending', 'upheld', 'rejected'], { message: 'status must be pending, upheld or rejected' })
  status?: string;
}

export class AuditQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(120)
  subject?: string;
}
