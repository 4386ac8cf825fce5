import { BREAKDOWN_DIMS, EXPORT_TABLES, RANKING_UNITS, TREND_GRAINS, TREND_SCOPES } from '@hallwatch/shared';
import type { BreakdownDim, ExportTable, RankingUnit, TrendGrain, TrendScope } from '@hallwatch/shared';
import { IsIn, IsOptional, IsString, Matches, MaxLength, Validate } from 'class-validator';
import { CalendarDayRule } from '../calendar/calendar.dto';

const oneOf = (list: readonly string[], name: string) => IsIn(list, { message: `${name} must be one of ${list.join(', ')}` });

/** Every trends endpoint takes the same query; each reads the fields it needs. */
export class TrendsQuery {
  @IsOptional()
  @oneOf(TREND_SCOPES, 'scope')
  scope?: TrendScope;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  site?: string;

  @IsOptional()
  @Validate(CalendarDayRule)
  from?: string;

  @IsOptional()
  @Validate(CalendarDayRule)
  to?: string;

  /** Site codes to compare, comma-separated (the sites endpoint). */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  sites?: string;

  @IsOptional()
  @oneOf(TREND_GRAINS, 'grain')
  grain?: TrendGrain;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;

  @IsOptional()
  @oneOf(BREAKDOWN_DIMS, 'dim')
  dim?: BreakdownDim;

  @IsOptional()
  @oneOf(RANKING_UNITS, 'unit')
  unit?: RankingUnit;

  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;

  @IsOptional()
  @oneOf(EXPORT_TABLES, 'table')
  table?: ExportTable;
}
