import type { SiteSettings } from '@hallwatch/shared';
import { Body, Get, Patch } from '@nestjs/common';
import { AdminActor } from '../../../core/auth/admin.guard';
import { Roles } from '../../../core/auth/auth-rules';
import { SiteSettingsDto } from '../dtos/site-settings.dto';
import { SiteSettingsService } from '../site-settings.service';
import { AdminController } from './admin-controller.decorator';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiJson } from '../../../core/openapi/shared-schema';

/** A site's thresholds and opening hours, as the indicators and the wall apply them (defaults filled in). */
@SitePath()
@AdminController('sites/:site/settings')
export class SiteSettingsController {
  constructor(private readonly settings: SiteSettingsService) {}

  @ApiJson('SiteSettings')
  @Get()
  @Roles('admin', 'supervisor', 'leader')
  get(@RequestSite() site: string): Promise<SiteSettings> {
    return this.settings.get(site);
  }

  @ApiJson('SiteSettings')
  @Patch()
  update(@AdminActor() actor: string, @RequestSite() site: string, @Body() body: SiteSettingsDto): Promise<SiteSettings> {
    return this.settings.update(actor, site, body);
  }
}
