import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Required } from '../../../core/validation/input-validation';

const Note = (): PropertyDecorator => (target, key) => {
  IsString({ message: '$property must be a string' })(target, key);
  MaxLength(2000, { message: '$property must be at most 2000 characters' })(target, key);
};

export class ContactDto {
  /** Whether the citizen was reached; an unanswered call is logged but is not the first contact. */
  @Required()
  @IsBoolean({ message: 'reached must be true or false' })
  reached!: boolean;

  @IsOptional()
  @Note()
  note?: string | null;
}

export class ResolutionDto {
  /** What was fixed, or the explanation given. */
  @Required()
  @Note()
  @Matches(/\S/, { message: 'note must say what was fixed or explained' })
  note!: string;
}

export class ConfirmationDto {
  @Required()
  @IsBoolean({ message: 'satisfied must be true or false' })
  satisfied!: boolean;

  @IsOptional()
  @Note()
  note?: string | null;
}

export class ReturnDto {
  /** Why the work order goes back to the platform (退单理由): the platform reads it. */
  @Required()
  @IsString({ message: 'reason must be a string' })
  @Matches(/\S/, { message: 'reason must say why the order goes back to the platform' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason!: string;
}

export class CaseListQuery {
  @IsOptional()
  @Matches(/^(open|overdue|closed|all)$/, { message: 'status must be one of open, overdue, closed, all' })
  status?: 'open' | 'overdue' | 'closed' | 'all';

  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;
}
