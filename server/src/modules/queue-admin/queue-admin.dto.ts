import { QueueName } from '@hallwatch/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const NAMES = Object.values(QueueName);

export class QueueNameParam {
  @ApiProperty({ enum: NAMES, description: 'The queue' })
  @IsIn(NAMES, { message: `name must be one of ${NAMES.join(', ')}` })
  name!: QueueName;
}

export class QueueJobParam extends QueueNameParam {
  @ApiProperty({ description: 'The job id, as the failed list gives it', example: '42' })
  @IsString()
  @Matches(/^[\w:.-]{1,200}$/, { message: 'id must be a job id as the failed list gives it' })
  id!: string;
}

export class FailedJobsQuery {
  @ApiPropertyOptional({ description: 'Skip this many of the newest failed jobs', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'start must be a whole number from 0' })
  @Min(0, { message: 'start must be a whole number from 0' })
  start?: number;

  @ApiPropertyOptional({ description: 'How many to list', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'size must be a whole number from 1 to 200' })
  @Min(1, { message: 'size must be a whole number from 1 to 200' })
  @Max(200, { message: 'size must be a whole number from 1 to 200' })
  size?: number;
}
