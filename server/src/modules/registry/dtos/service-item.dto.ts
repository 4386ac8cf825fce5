import { IsBoolean, IsOptional } from 'class-validator';
import { IsName, IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

export class CreateServiceItemDto {
  @Required()
  @IsRegistryCode()
  code!: string;

  @Required()
  @IsName(500)
  name!: string;

  @IsOptional()
  @IsRegistryCode()
  departmentCode?: string | null;

  /** On the negative list (负面清单): need not be handled in the hall. */
  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  negativeList?: boolean;
}

export class UpdateServiceItemDto {
  @UnlessAbsent()
  @IsName(500)
  name?: string;

  @IsOptional()
  @IsRegistryCode()
  departmentCode?: string | null;

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  negativeList?: boolean;
}
