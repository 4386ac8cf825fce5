import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsName, IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

// Rectification item numbers: a report has tens of items, never thousands.
const ItemNumbers = (): PropertyDecorator => (target, key) => {
  IsArray({ message: '$property must be a list of rectification item numbers' })(target, key);
  ArrayMaxSize(20, { message: '$property may hold at most 20 item numbers' })(target, key);
  ArrayUnique({ message: '$property must not repeat an item' })(target, key);
  IsInt({ each: true, message: '$property must be whole item numbers, e.g. [47, 48]' })(target, key);
  Min(1, { each: true, message: '$property must be item numbers from 1' })(target, key);
  Max(999, { each: true, message: '$property must be item numbers up to 999' })(target, key);
};

const Points = (): PropertyDecorator => (target, key) => {
  IsInt({ message: '$property must be a whole number of points' })(target, key);
  Min(0, { message: '$property must be at least 0' })(target, key);
  Max(100, { message: '$property must be at most 100' })(target, key);
};

const Position = (): PropertyDecorator => (target, key) => {
  IsInt({ message: '$property must be a whole number' })(target, key);
  Min(0, { message: '$property must be at least 0' })(target, key);
  Max(1000, { message: '$property must be at most 1000' })(target, key);
};

export class CreateCheckpointDto {
  @Required()
  @IsRegistryCode()
  code!: string;

  @Required()
  @IsName(200)
  label!: string;

  @IsOptional()
  @IsName(200)
  labelEn?: string | null;

  @Required()
  @ItemNumbers()
  items!: number[];

  @IsOptional()
  @Points()
  deductPoints?: number;

  @IsOptional()
  @Position()
  position?: number;
}

export class UpdateCheckpointDto {
  @UnlessAbsent()
  @IsName(200)
  label?: string;

  @IsOptional()
  @IsName(200)
  labelEn?: string | null;

  @UnlessAbsent()
  @ItemNumbers()
  items?: number[];

  @UnlessAbsent()
  @Points()
  deductPoints?: number;

  @UnlessAbsent()
  @Position()
  position?: number;

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  active?: boolean;
}
