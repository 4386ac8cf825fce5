import { IsIn, IsOptional, IsTimeZone } from 'class-validator';
import { SITE_TIERS } from '../site.entity';
import type { SiteTier } from '../site.entity';
import { IsName, IsSiteCode, Required, UnlessAbsent } from '../../../core/validation/input-validation';

const tierMessage = `$property must be one of ${SITE_TIERS.join(', ')}`;
const timezoneMessage = '$property must be an IANA time zone such as Asia/Shanghai';

export class CreateSiteDto {
  @Required()
  @IsSiteCode()
  code!: string;

  @Required()
  @IsName(200)
  name!: string;

  @IsOptional()
  @IsName(200)
  nameEn?: string | null;

  @Required()
  @IsIn(SITE_TIERS, { message: tierMessage })
  tier!: SiteTier;

  /** Code of the site above: a town's hall, a village's town; none for a hall. */
  @IsOptional()
  @IsSiteCode()
  parent?: string | null;

  @UnlessAbsent()
  @IsTimeZone({ message: timezoneMessage })
  timezone?: string;
}

export class UpdateSiteDto {
  @UnlessAbsent()
  @IsName(200)
  name?: string;

  @IsOptional()
  @IsName(200)
  nameEn?: string | null;

  @UnlessAbsent()
  @IsIn(SITE_TIERS, { message: tierMessage })
  tier?: SiteTier;

  @IsOptional()
  @IsSiteCode()
  parent?: string | null;

  @UnlessAbsent()
  @IsTimeZone({ message: timezoneMessage })
  timezone?: string;
}

export class ListSitesQuery {
  @IsOptional()
  @IsIn(SITE_TIERS, { message: tierMessage })
  tier?: SiteTier;

  @IsOptional()
  @IsSiteCode()
  parent?: string;
}
