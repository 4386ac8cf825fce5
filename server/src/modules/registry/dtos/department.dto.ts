import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsName, IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

// Between a minute and a service day: anything outside is a typo (seconds vs minutes).
const WaitTarget = (): PropertyDecorator => (target, key) => {
  IsInt({ message: '$property must be a whole number of seconds' })(target, key);
  Min(60, { message: '$property must be at least 60 seconds' })(target, key);
  Max(28_800, { message: '$property must be at most 28800 seconds (8 hours)' })(target, key);
};

// A published list (进驻表) names people: zero is a department with none; beyond a thousand is a typo.
const ExpectedStaff = (): PropertyDecorator => (target, key) => {
  IsInt({ message: '$property must be a whole number of people' })(target, key);
  Min(0, { message: '$property must be at least 0 people' })(target, key);
  Max(1000, { message: '$property must be at most 1000 people' })(target, key);
};

const Flag = (): PropertyDecorator => IsBoolean({ message: '$property must be true or false' });

export class CreateDepartmentDto {
  @Required()
  @IsRegistryCode()
  code!: string;

  @Required()
  @IsName(200)
  name!: string;

  @IsOptional()
  @IsName(200)
  nameEn?: string | null;

  /** Queue wait target; absent or null means the site's default (15 minutes). */
  @IsOptional()
  @WaitTarget()
  waitTargetSec?: number | null;

  /** Expected to be stationed in the hall (应进驻); absent means yes. */
  @UnlessAbsent()
  @Flag()
  expectedToStation?: boolean;

  @IsOptional()
  @ExpectedStaff()
  expectedStaff?: number | null;
}

export class UpdateDepartmentDto {
  @UnlessAbsent()
  @IsName(200)
  name?: string;

  @IsOptional()
  @IsName(200)
  nameEn?: string | null;

  @IsOptional()
  @WaitTarget()
  waitTargetSec?: number | null;

  @UnlessAbsent()
  @Flag()
  expectedToStation?: boolean;

  @IsOptional()
  @ExpectedStaff()
  expectedStaff?: number | null;

  /** Retires (撤销) the department, or brings a retired one back. */
  @UnlessAbsent()
  @Flag()
  retired?: boolean;
}
