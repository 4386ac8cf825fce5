import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsSiteCode } from '../../core/validation/input-validation';

export class AuditQuery {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 instant' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: '$property must be an ISO-8601 instant' })
  to?: string;

  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  actor?: string;

  /** An action, or a prefix ending in "." such as "login." or "registry.". */
  @IsOptional()
  @Matches(/^[a-z0-9._-]{1,64}$/, { message: '$property must be an action such as login.failed, or a prefix such as login.' })
  action?: string;

  @IsOptional()
  @IsSiteCode()
  site?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt({ message: '$property must be a whole number' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(1000, { message: '$property must be at most 1000' })
  limit?: number;

  /** Paging: entries with an id below this one (the last id of the previous page). */
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: '$property must be an entry id' })
  before?: string;
}
