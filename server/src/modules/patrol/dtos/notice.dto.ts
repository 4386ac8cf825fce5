import type { EscalateNoticeInput, PatrolNoticeInput } from '@hallwatch/shared';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsName, IsRegistryCode, Required } from '../../../core/validation/input-validation';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CLIENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export class IssueNoticeDto implements PatrolNoticeInput {
  /** Chosen by the patrol page when the notice is written, so a resend is the same notice. */
  @Required()
  @Matches(CLIENT_ID, { message: '$property must be 1–64 letters, digits or _.:-' })
  id!: string;

  /** The id of the round.check event that recorded the finding. */
  @Required()
  @IsString({ message: '$property must be the id of the round.check event of the finding' })
  @MaxLength(64, { message: '$property must be at most 64 characters' })
  check!: string;

  @Required()
  @IsRegistryCode()
  department!: string;

  @Required()
  @Matches(ISO_WITH_OFFSET, { message: '$property must be an ISO-8601 time with an offset, e.g. 2024-07-18T17:00:00+08:00' })
  deadline!: string;

  @IsOptional()
  @IsName(2000)
  text?: string | null;
}

export class ReplyNoticeDto {
  /** What the department did about the finding. */
  @Required()
  @IsName(2000)
  reply!: string;

  /** Who answered for the department, as written on the reply. */
  @IsOptional()
  @IsName(64)
  by?: string | null;
}

export class ResolveFindingDto {
  @Required()
  @IsName(2000)
  resolution!: string;
}

export class ConfirmViolationDto {
  /** Points to deduct; absent means the checkpoint's own. */
  @IsOptional()
  @IsInt({ message: '$property must be a whole number of points' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(100, { message: '$property must be at most 100' })
  points?: number;

  @IsOptional()
  @IsName(500)
  reason?: string | null;
}

export class EscalateNoticeDto implements EscalateNoticeInput {
  /** Why the office reports it up (e.g. the reply does not fix the problem). */
  @IsOptional()
  @IsName(500)
  note?: string | null;
}
