import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsName, IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

// Between a minute and a service day: anything outside is a typo (seconds vs minutes).
const WaitTarget = (): PropertyDecorator => (target, key) => {
  IsInt({ message: '$property must be a whole number of seconds' })(target, key);
  Min(60, { message: '$property must be at least 60 seconds' })(target, key);
  Max(28_800, { message: '$property must be at most 28800 seconds (8 hours)' })(target, key);
};

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
}
