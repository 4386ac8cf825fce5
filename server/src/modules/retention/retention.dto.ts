import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';

/**
 * `PATCH /api/v1/admin/retention`: the periods to change; a field left out stays. Each is checked
 * by the service against its floor (RETENTION_MIN_DAYS), a refusal naming the field.
 */
export class RetentionPolicyDto {
  @ApiPropertyOptional({ description: 'Days after a follow-up closes before the phone number is erased', minimum: 30, example: 180 })
  @Allow()
  phoneDays?: unknown;

  @ApiPropertyOptional({ description: 'Days raw events are kept before archive or deletion', minimum: 400, example: 1095 })
  @Allow()
  eventDays?: unknown;

  @ApiPropertyOptional({ enum: ['archive', 'delete'], description: 'What happens to raw events past their period' })
  @Allow()
  eventAction?: unknown;

  @ApiPropertyOptional({ description: 'Days patrol photos are kept after upload', minimum: 90, example: 365 })
  @Allow()
  photoDays?: unknown;
}

export class RetentionPolicyResponse {
  @ApiProperty() phoneDays!: number;
  @ApiProperty() eventDays!: number;
  @ApiProperty({ enum: ['archive', 'delete'] }) eventAction!: string;
  @ApiProperty() photoDays!: number;
}

export class RetentionRunResponse {
  @ApiProperty() id!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ enum: ['job', 'cli'] }) trigger!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() phones!: number;
  @ApiProperty() events!: number;
  @ApiProperty() photos!: number;
  @ApiProperty({ type: [String] }) files!: string[];
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class RetentionViewResponse {
  @ApiProperty({ type: RetentionPolicyResponse }) policy!: RetentionPolicyResponse;
  @ApiProperty({ type: RetentionPolicyResponse, description: 'The shortest each period may be (eventAction unused)' })
  minimums!: Record<string, number>;
  @ApiProperty({ type: RetentionPolicyResponse }) defaults!: RetentionPolicyResponse;
  @ApiProperty({ nullable: true, type: String }) updatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedBy!: string | null;
  @ApiProperty({ type: RetentionRunResponse, nullable: true }) lastRun!: RetentionRunResponse | null;
}

const RANGE = {
  type: 'object',
  properties: {
    site: { type: 'string' },
    month: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    count: { type: 'integer' },
  },
};

/** The dry run's answer: counts exact, id lists cut to PREVIEW_IDS each. */
export const RETENTION_PLAN_SCHEMA = {
  type: 'object',
  properties: {
    cutoffs: { type: 'object', properties: { phones: { type: 'string' }, events: { type: 'string' }, photos: { type: 'string' } } },
    phones: {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        reviews: { type: 'array', items: { type: 'string' } },
        complaints: { type: 'array', items: { type: 'string' } },
      },
    },
    events: {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        action: { type: 'string', enum: ['archive', 'delete'] },
        ranges: { type: 'array', items: RANGE },
        heldBack: { type: 'array', items: RANGE },
      },
    },
    photos: { type: 'object', properties: { count: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' } } } },
  },
};
