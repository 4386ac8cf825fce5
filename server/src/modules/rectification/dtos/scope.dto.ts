import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsSiteCode } from '../../../core/validation/input-validation';
import { REPORT_REF } from '../rectification-scope';

/**
 * ?site=&report=: both optional (the only hall, its "main" report). `site` is validated here
 * but handlers take it from @RequestSite(), the value the guard checked.
 */
export class ScopeQuery {
  @IsOptional()
  @IsSiteCode()
  site?: string;

  @IsOptional()
  @Matches(REPORT_REF, { message: 'report must be 1–64 ASCII letters, digits, _ . or -, starting with a letter or digit' })
  report?: string;
}

/** The import also takes the file name when the report is sent as a text/plain body. */
export class ImportQuery extends ScopeQuery {
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;
}
