import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Required } from '../../../core/validation/input-validation';

export class LoginDto {
  @Required()
  @IsString({ message: '$property must be a string' })
  @MinLength(1, { message: '$property is required' })
  @MaxLength(64, { message: '$property must be at most 64 characters' })
  username!: string;

  @Required()
  @IsString({ message: '$property must be a string' })
  @MinLength(1, { message: '$property is required' })
  @MaxLength(200, { message: '$property must be at most 200 characters' })
  password!: string;

  /** Scripts and the patrol phones ask for the token in the answer, to send it as Bearer; browsers use the cookie. */
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  bearer?: boolean;
}

export class ChangePasswordDto {
  @Required()
  @IsString({ message: '$property must be a string' })
  @MaxLength(200, { message: '$property must be at most 200 characters' })
  currentPassword!: string;

  @Required()
  @IsString({ message: '$property must be a string' })
  @MaxLength(200, { message: '$property must be at most 200 characters' })
  newPassword!: string;
}

export class SetPasswordDto {
  @Required()
  @IsString({ message: '$property must be a string' })
  @MaxLength(200, { message: '$property must be at most 200 characters' })
  password!: string;
}
