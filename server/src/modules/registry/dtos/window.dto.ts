import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { WINDOW_KINDS } from '../hall-window.entity';
import type { WindowKind } from '../hall-window.entity';
import { IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

const kindMessage = `$property must be one of ${WINDOW_KINDS.join(', ')}`;
const WindowNumber = (): PropertyDecorator => (target, key) => {
  IsInt({ message: '$property must be a whole number' })(target, key);
  Min(1, { message: '$property must be at least 1' })(target, key);
  Max(9999, { message: '$property must be at most 9999' })(target, key);
};

export class CreateWindowDto {
  @Required()
  @IsRegistryCode()
  code!: string;

  /** The number shown above the counter. */
  @IsOptional()
  @WindowNumber()
  number?: number | null;

  /** Owning department; a self-service zone may have none. */
  @IsOptional()
  @IsRegistryCode()
  departmentCode?: string | null;

  @UnlessAbsent()
  @IsIn(WINDOW_KINDS, { message: kindMessage })
  kind?: WindowKind;

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  isOpen?: boolean;
}

export class UpdateWindowDto {
  @IsOptional()
  @WindowNumber()
  number?: number | null;

  @IsOptional()
  @IsRegistryCode()
  departmentCode?: string | null;

  @UnlessAbsent()
  @IsIn(WINDOW_KINDS, { message: kindMessage })
  kind?: WindowKind;

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  isOpen?: boolean;
}
