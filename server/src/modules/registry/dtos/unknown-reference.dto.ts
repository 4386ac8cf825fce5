import { IsIn, IsOptional } from 'class-validator';
import { REF_KINDS } from '../registry-views';
import type { RefKind } from '../registry-views';

export class ListUnknownReferencesQuery {
  @IsOptional()
  @IsIn(REF_KINDS, { message: `$property must be one of ${REF_KINDS.join(', ')}` })
  kind?: RefKind;
}
