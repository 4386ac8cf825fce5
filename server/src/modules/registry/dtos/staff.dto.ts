import { IsBoolean, IsOptional } from 'class-validator';
import { IsName, IsRegistryCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

export class CreateStaffDto {
  @Required()
  @IsRegistryCode()
  code!: string;

  @Required()
  @IsName(100)
  name!: string;

  @IsOptional()
  @IsRegistryCode()
  departmentCode?: string | null;

  /** On the published roster (进驻人员); false keeps the code known to events but out of roster.presence. */
  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  onRoster?: boolean;
}

export class UpdateStaffDto {
  @UnlessAbsent()
  @IsName(100)
  name?: string;

  @IsOptional()
  @IsRegistryCode()
  departmentCode?: string | null;

  @UnlessAbsent()
  @IsBoolean({ message: '$property must be true or false' })
  onRoster?: boolean;
}
