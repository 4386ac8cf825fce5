import { CALLBACK_ANSWERS, CALLBACK_CHECK_FILTERS, type CallbackAnswer, type CallbackCheckFilter } from '@hallwatch/shared';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Required } from '../../../core/validation/input-validation';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `POST …/callback-checks/:id/answer`: what the citizen said on the second call. */
export class CallbackAnswerDto {
  @Required()
  @IsIn(CALLBACK_ANSWERS, { message: `answer must be one of ${CALLBACK_ANSWERS.join(', ')}` })
  answer!: CallbackAnswer;

  /** What the citizen said, in the verifier's words: the record a falsified closure is judged on. */
  @Required()
  @IsString({ message: 'note must be a string' })
  @Matches(/\S/, { message: 'note must say what the citizen said' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note!: string;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'calledAt must be an ISO 8601 instant, e.g. 2024-06-14T10:00:00+08:00' })
  calledAt?: string;
}

export class CallbackCheckListQuery {
  @IsOptional()
  @IsIn(CALLBACK_CHECK_FILTERS, { message: `status must be one of ${CALLBACK_CHECK_FILTERS.join(', ')}` })
  status?: CallbackCheckFilter;

  /** YYYY-MM: closures drawn in that hall-local month. */
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month written YYYY-MM, e.g. 2024-06' })
  month?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;
}

export class CallbackSummaryQuery {
  @IsOptional()
  @Matches(MONTH, { message: 'month must be a month written YYYY-MM, e.g. 2024-06' })
  month?: string;
}
