import {
  ALERT_SEVERITIES,
  DIGEST_KINDS,
  RECIPIENT_DUTIES,
  ROUTED_KINDS,
  RULE_SCOPES,
  type AlertSeverity,
  type DigestKind,
  type RecipientDuty,
  type RoutedKind,
  type RuleScope,
} from '@hallwatch/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsName, IsRegistryCode, Required } from '../../../core/validation/input-validation';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
// Chinese mobile numbers as the channels @mention them.
const MOBILE = /^1\d{10}$/;

export class QuietHoursDto {
  @ApiProperty({ example: '22:00', description: 'HH:MM in the site time zone' })
  @Required()
  @Matches(HHMM, { message: '$property must be a time HH:MM' })
  from!: string;

  @ApiProperty({ example: '07:30', description: 'HH:MM; earlier than from wraps past midnight' })
  @Required()
  @Matches(HHMM, { message: '$property must be a time HH:MM' })
  to!: string;
}

export class AlertRuleDto {
  @ApiProperty({ example: '镇街告警到督查群' })
  @Required()
  @IsName(80)
  name!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ enum: RULE_SCOPES, default: 'site', description: 'subtree: the site and every site under it' })
  @IsOptional()
  @IsIn(RULE_SCOPES, { message: `$property must be one of ${RULE_SCOPES.join(', ')}` })
  scope?: RuleScope;

  @ApiPropertyOptional({ enum: ROUTED_KINDS, isArray: true, description: 'empty: every kind' })
  @IsOptional()
  @IsArray({ message: '$property must be a list of alert kinds' })
  @ArrayUnique({ message: '$property must not name a kind twice' })
  @IsIn(ROUTED_KINDS, { each: true, message: `each of $property must be one of ${ROUTED_KINDS.join(', ')}` })
  kinds?: RoutedKind[];

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, default: 'warning' })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES, { message: '$property must be warning or breach' })
  minSeverity?: AlertSeverity;

  @ApiProperty({ format: 'uuid', description: 'a notify channel of the site or of a site above it' })
  @Required()
  @IsUUID('all', { message: '$property must be a channel id (uuid)' })
  channelId!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray({ message: '$property must be a list of recipient ids' })
  @ArrayMaxSize(50, { message: '$property may name at most 50 people' })
  @ArrayUnique({ message: '$property must not name a person twice' })
  @IsUUID('all', { each: true, message: 'each of $property must be a recipient id (uuid)' })
  recipientIds?: string[];

  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true })
  @IsOptional()
  @IsObject({ message: '$property must be {"from": "HH:MM", "to": "HH:MM"} or null' })
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: '$property must be true or false' })
  sendCleared?: boolean;

  @ApiPropertyOptional({ enum: DIGEST_KINDS, isArray: true })
  @IsOptional()
  @IsArray({ message: '$property must be a list of daily, weekly' })
  @ArrayUnique({ message: '$property must not name a digest twice' })
  @IsIn(DIGEST_KINDS, { each: true, message: 'each of $property must be daily or weekly' })
  digests?: DigestKind[];
}

export class AlertRecipientDto {
  @ApiPropertyOptional({ nullable: true, description: "department code; null for the site's office" })
  @IsOptional()
  @ValidateIf((o: AlertRecipientDto) => o.department !== null)
  @IsRegistryCode()
  department?: string | null;

  @ApiProperty({ example: '张主任' })
  @Required()
  @IsName(40)
  name!: string;

  @ApiPropertyOptional({ enum: RECIPIENT_DUTIES, default: 'member' })
  @IsOptional()
  @IsIn(RECIPIENT_DUTIES, { message: `$property must be one of ${RECIPIENT_DUTIES.join(', ')}` })
  duty?: RecipientDuty;

  @ApiPropertyOptional({ nullable: true, example: '13800138000' })
  @IsOptional()
  @ValidateIf((o: AlertRecipientDto) => o.mobile !== null)
  @Matches(MOBILE, { message: '$property must be an 11-digit mobile number' })
  mobile?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'DingTalk or WeCom user id' })
  @IsOptional()
  @ValidateIf((o: AlertRecipientDto) => o.userId !== null)
  @Matches(/^[\w.@-]{1,64}$/, { message: '$property must be 1–64 letters, digits or _.@-' })
  userId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((o: AlertRecipientDto) => o.email !== null)
  @MaxLength(254, { message: '$property must be at most 254 characters' })
  @IsEmail({}, { message: '$property must be an e-mail address' })
  email?: string | null;
}

export class DigestPreviewQuery {
  @ApiPropertyOptional({ enum: DIGEST_KINDS, default: 'daily' })
  @IsOptional()
  @IsIn(DIGEST_KINDS, { message: '$property must be daily or weekly' })
  kind?: DigestKind;
}
