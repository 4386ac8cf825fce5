import { type NewUser, ROLES, type Role } from '@hallwatch/shared';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsRegistryCode, Required, SITE_CODE, UnlessAbsent } from '../../../core/validation/input-validation';

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const usernameMessage = '$property must be 3–64 lower-case letters, digits, . _ or -, starting with a letter or digit';
const roleMessage = `$property must be one of ${ROLES.join(', ')}`;

function SiteCodes(): PropertyDecorator {
  return (target, key) => {
    IsArray({ message: '$property must be a list of site codes' })(target, key);
    ArrayMaxSize(500, { message: '$property lists at most 500 sites' })(target, key);
    Matches(SITE_CODE, { each: true, message: '$property must hold site codes' })(target, key);
  };
}

export class CreateUserDto implements NewUser {
  @Required()
  @IsString({ message: '$property must be a string' })
  @Matches(USERNAME, { message: usernameMessage })
  username!: string;

  @Required()
  @IsIn(ROLES, { message: roleMessage })
  role!: Role;

  /** The sites the account may see and change; give allSites instead for a district-level account. */
  @IsOptional()
  @SiteCodes()
  sites?: string[];

  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  allSites?: boolean;

  /** The department of the one site a `department` account is bound to (required for that role, refused for the others). */
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @IsRegistryCode()
  department?: string;

  @Required()
  @IsString({ message: '$property must be a string' })
  @MaxLength(200, { message: '$property must be at most 200 characters' })
  password!: string;
}

export class UpdateUserDto {
  @UnlessAbsent()
  @IsIn(ROLES, { message: roleMessage })
  role?: Role;

  @UnlessAbsent()
  @SiteCodes()
  sites?: string[];

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  allSites?: boolean;

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  disabled?: boolean;

  /** Rebinds a `department` account to another department of its site. */
  @UnlessAbsent()
  @IsString({ message: '$property must be a string' })
  @IsRegistryCode()
  department?: string;
}

export class DisplayTokenDto {
  @Required()
  @IsString({ message: '$property must be a string' })
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  name!: string;
}
