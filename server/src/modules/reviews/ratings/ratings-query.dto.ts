import { IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../rectification/dtos/calendar-date';

export class RatingsDayQuery {
  /** A service day YYYY-MM-DD; the refused list without it holds the newest, the unmatched list today's. */
  @IsOptional()
  @IsCalendarDate()
  day?: string;
}
