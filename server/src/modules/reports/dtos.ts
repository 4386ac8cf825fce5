import { OFFICE_REPORT_LANGS, type MonthlyReportInput, type OfficeReportLang, type RectificationDraftInput } from '@hallwatch/shared';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { Required } from '../../core/validation/input-validation';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class MonthlyReportDto implements MonthlyReportInput {
  @ApiProperty({ example: '2026-11', description: 'The month reported on (YYYY-MM), at most the hall’s current month' })
  @Required()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ enum: OFFICE_REPORT_LANGS, default: 'zh' })
  @IsOptional()
  @IsIn(OFFICE_REPORT_LANGS, { message: `lang must be one of ${OFFICE_REPORT_LANGS.join(', ')}` })
  lang?: OfficeReportLang;
}

export class RectificationDraftDto implements RectificationDraftInput {
  @ApiPropertyOptional({ example: 'main', description: 'The rectification report’s ref; "main" when left out' })
  @IsOptional()
  @IsString({ message: 'report must be text' })
  report?: string;

  @ApiProperty({ example: '2026-11-01', description: 'First day of the period (hall-local)' })
  @Required()
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day of the period, at most today' })
  @Required()
  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ enum: OFFICE_REPORT_LANGS, default: 'zh' })
  @IsOptional()
  @IsIn(OFFICE_REPORT_LANGS, { message: `lang must be one of ${OFFICE_REPORT_LANGS.join(', ')}` })
  lang?: OfficeReportLang;
}
