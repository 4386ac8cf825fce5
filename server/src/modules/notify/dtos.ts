import { CHANNEL_KINDS, DELIVERY_STATES, type ChannelKind, type DeliveryState } from '@hallwatch/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { IsName, Required, UnlessAbsent } from '../../core/validation/input-validation';

const SETTINGS_DOC =
  'The kind’s plain settings. email: host, port, secure (implicit TLS), username?, from, to[]. Robots and webhooks: none (mentions come with each message).';
const SECRETS_DOC =
  'Write-only secret fields, sealed at rest and never returned. dingtalk: url (with access_token), secret (加签 SEC…); wecom: url (with key); email: password; webhook: url, secret (≥ 16 characters). On update, a field left out keeps its value.';

export class ChannelCreateDto {
  @ApiProperty({ maxLength: 80 })
  @Required()
  @IsName(80)
  name!: string;

  @ApiProperty({ enum: CHANNEL_KINDS })
  @Required()
  @IsIn(CHANNEL_KINDS, { message: `kind must be one of ${CHANNEL_KINDS.join(', ')}` })
  kind!: ChannelKind;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 600,
    default: 20,
    description: 'Sends per minute before queued messages are merged or delayed (DingTalk and WeCom robots: 20).',
  })
  @IsOptional()
  @IsInt({ message: 'ratePerMinute must be a whole number' })
  @Min(1, { message: 'ratePerMinute must be at least 1' })
  @Max(600, { message: 'ratePerMinute must be at most 600' })
  ratePerMinute?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: SETTINGS_DOC })
  @IsOptional()
  @IsObject({ message: 'settings must be an object' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: SECRETS_DOC })
  @IsOptional()
  @IsObject({ message: 'secrets must be an object' })
  secrets?: Record<string, unknown>;
}

/** The same fields, each optional; the kind cannot change (make a new channel instead). */
export class ChannelUpdateDto {
  @ApiPropertyOptional({ maxLength: 80 })
  @UnlessAbsent()
  @IsName(80)
  name?: string;

  @ApiPropertyOptional({ enum: CHANNEL_KINDS, description: 'Must be the channel’s own kind if given.' })
  @IsOptional()
  @IsIn(CHANNEL_KINDS, { message: `kind must be one of ${CHANNEL_KINDS.join(', ')}` })
  kind?: ChannelKind;

  @ApiPropertyOptional()
  @UnlessAbsent()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 600 })
  @UnlessAbsent()
  @IsInt({ message: 'ratePerMinute must be a whole number' })
  @Min(1, { message: 'ratePerMinute must be at least 1' })
  @Max(600, { message: 'ratePerMinute must be at most 600' })
  ratePerMinute?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: SETTINGS_DOC })
  @UnlessAbsent()
  @IsObject({ message: 'settings must be an object' })
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: SECRETS_DOC })
  @UnlessAbsent()
  @IsObject({ message: 'secrets must be an object' })
  secrets?: Record<string, unknown>;
}

export class ChannelIdParam {
  /** The route's site, which the guard has already checked. */
  @IsOptional()
  @IsString()
  site?: string;

  @IsUUID('all', { message: 'id must be a channel id (uuid)' })
  id!: string;
}

export class DeliveryQuery {
  @ApiPropertyOptional({ description: 'A channel id' })
  @IsOptional()
  @IsUUID('all', { message: 'channel must be a channel id (uuid)' })
  channel?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATES })
  @IsOptional()
  @IsIn(DELIVERY_STATES, { message: `state must be one of ${DELIVERY_STATES.join(', ')}` })
  state?: DeliveryState;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;
}

// Response shapes for the OpenAPI document; the types themselves are shared/src/notify.ts.
export class ChannelViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() site!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind!: ChannelKind;
  @ApiProperty() enabled!: boolean;
  @ApiProperty() ratePerMinute!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', nullable: true }, description: 'Masked hints only' })
  secrets!: Record<string, string | null>;
  @ApiProperty({ enum: ['unknown', 'healthy', 'unhealthy'] }) health!: string;
  @ApiProperty() consecutiveFailures!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSuccessAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastFailureAt!: string | null;
  @ApiProperty() updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export class DeliveryViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() channelId!: string;
  @ApiProperty() channelName!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: DELIVERY_STATES }) state!: DeliveryState;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatus!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastAnswer!: string | null;
  @ApiProperty({ nullable: true, type: String }) batchId!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
}

export class ChannelTestResultDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ nullable: true, type: Number }) status!: number | null;
  @ApiProperty() answer!: string;
  @ApiProperty() deliveryId!: string;
}
