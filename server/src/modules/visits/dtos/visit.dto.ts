import { VISIT_KINDS, VISIT_NOTICE_MAX_DAYS, VISIT_RESULTS, type VisitKind, type VisitResult } from '@hallwatch/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsName, IsRegistryCode, IsSiteCode, Required } from '../../../core/validation/input-validation';

const CALENDAR_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class PlanVisitDto {
  /** Not `site`: a body never names a site other than the request's (docs/security.md). */
  @ApiProperty({ description: 'Site code of the town centre or village station to visit', example: 'huiji-lc' })
  @Required()
  @IsSiteCode()
  target!: string;

  @ApiProperty({ enum: VISIT_KINDS })
  @Required()
  @IsIn(VISIT_KINDS, { message: `kind must be one of ${VISIT_KINDS.join(', ')}` })
  kind!: VisitKind;

  @ApiProperty({ example: '2024-07-18' })
  @Required()
  @Matches(CALENDAR_DAY, { message: 'plannedOn must be a date, YYYY-MM-DD' })
  plannedOn!: string;

  @ApiProperty({ description: 'Username of the patrol or supervisor account that makes the visit' })
  @Required()
  @IsString({ message: 'assignee must be a username' })
  @MinLength(1, { message: 'assignee must be a username' })
  @MaxLength(64, { message: 'assignee must be at most 64 characters' })
  assignee!: string;
}

export class VisitMonthQuery {
  @ApiPropertyOptional({ example: '2024-07' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;
}

export class VisitCheckDto {
  @ApiProperty({ enum: VISIT_RESULTS })
  @Required()
  @IsIn(VISIT_RESULTS, { message: 'result must be pass or fail' })
  result!: VisitResult;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'note must be a string' })
  @MaxLength(2000, { message: 'note must be at most 2000 characters' })
  note?: string;
}

export class VisitMysteryDto {
  @ApiProperty({ description: 'Minutes the visitor waited before being served' })
  @Required()
  @IsInt({ message: 'mystery.waitedMin must be a whole number of minutes' })
  @Min(0, { message: 'mystery.waitedMin must be 0 or more' })
  @Max(600, { message: 'mystery.waitedMin must be at most 600' })
  waitedMin!: number;

  @ApiProperty()
  @Required()
  @IsBoolean({ message: 'mystery.servedCorrectly must be true or false' })
  servedCorrectly!: boolean;

  @ApiProperty({ description: 'What the visitor experienced, as a citizen would tell it' })
  @Required()
  @IsName(2000)
  experience!: string;
}

export class FinishVisitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'summary must be a string' })
  @MaxLength(4000, { message: 'summary must be at most 4000 characters' })
  summary?: string;

  @ApiPropertyOptional({ type: [String], description: 'Findings beyond the failed points' })
  @IsOptional()
  @IsArray({ message: 'findings must be a list of texts' })
  @ArrayMaxSize(30, { message: 'findings must hold at most 30 texts' })
  @IsString({ each: true, message: 'each of findings must be a text' })
  @MinLength(1, { each: true, message: 'each of findings must be a text' })
  @MaxLength(2000, { each: true, message: 'each of findings must be at most 2000 characters' })
  findings?: string[];

  @ApiPropertyOptional({ type: VisitMysteryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VisitMysteryDto)
  mystery?: VisitMysteryDto;
}

export class VisitNoticeDto {
  @ApiPropertyOptional({ description: `Working days the town has to answer, 1–${VISIT_NOTICE_MAX_DAYS}`, example: 5 })
  @IsOptional()
  @IsInt({ message: 'workingDays must be a whole number' })
  @Min(1, { message: `workingDays must be between 1 and ${VISIT_NOTICE_MAX_DAYS}` })
  @Max(VISIT_NOTICE_MAX_DAYS, { message: `workingDays must be between 1 and ${VISIT_NOTICE_MAX_DAYS}` })
  workingDays?: number;

  @ApiPropertyOptional({ description: 'The requirement (整改要求); the standard wording when left out' })
  @IsOptional()
  @IsString({ message: 'text must be a string' })
  @MaxLength(2000, { message: 'text must be at most 2000 characters' })
  text?: string;
}

export class VisitReplyDto {
  @ApiProperty({ description: "The town centre's answer: what it put right" })
  @Required()
  @IsName(4000)
  reply!: string;
}

export class VisitPointDto {
  @ApiProperty()
  @Required()
  @IsRegistryCode()
  code!: string;

  @ApiProperty()
  @Required()
  @IsName(200)
  label!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'labelEn must be a string' })
  @MaxLength(200, { message: 'labelEn must be at most 200 characters' })
  labelEn?: string;
}

export class VisitChecklistDto {
  @ApiProperty({ type: [VisitPointDto] })
  @Required()
  @IsArray({ message: 'points must be a list' })
  @ArrayMaxSize(40, { message: 'points must hold at most 40 points' })
  @ValidateNested({ each: true })
  @Type(() => VisitPointDto)
  points!: VisitPointDto[];
}
