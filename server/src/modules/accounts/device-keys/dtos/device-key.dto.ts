import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Required } from '../../../../core/validation/input-validation';

export class CreateDeviceKeyDto {
  @Required()
  @IsString({ message: '$property must be a string' })
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(100, { message: '$property must be at most 100 characters' })
  name!: string;

  /** For devices that can sign: requests must then carry X-Hallwatch-Signature. */
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  requireSignature?: boolean;
}

export class UpdateDeviceKeyDto {
  @Required()
  @IsBoolean({ message: '$property must be true or false' })
  requireSignature!: boolean;
}
