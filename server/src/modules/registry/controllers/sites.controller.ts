import { SITE_READER_ROLES } from '@hallwatch/shared';
import { Body, Get, Patch, Post, Query } from '@nestjs/common';
import type { Request } from 'express';
import { EverySiteWhen, FiltersBySite, Roles } from '../../../core/auth/auth-rules';
import { CurrentPrincipal, inScope } from '../../../core/auth/principal';
import type { Principal } from '../../../core/auth/principal';
import { AdminActor } from '../../../core/auth/admin.guard';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { CreateSiteDto, ListSitesQuery, UpdateSiteDto } from '../dtos/site.dto';
import { ListUnknownReferencesQuery } from '../dtos/unknown-reference.dto';
import { RegistryService } from '../registry.service';
import { SiteView, UnknownReferenceView } from '../registry-views';
import { SitesService } from '../sites.service';
import { AdminController } from './admin-controller.decorator';
import { ApiCreatedJson, ApiJson, listOf, sharedRef } from '../../../core/openapi/shared-schema';

const bodyOf = (req: Request): Record<string, unknown> =>
  req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

@AdminController('sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly registry: RegistryService,
  ) {}

  /** `?tier=town` and `?parent=<code>` narrow the list (the three-tier system); an account sees only its own sites. */
  @ApiJson(listOf(sharedRef('SiteView')))
  @Get()
  @Roles(...SITE_READER_ROLES)
  @FiltersBySite()
  async list(@CurrentPrincipal() p: Principal, @Query() query: ListSitesQuery): Promise<SiteView[]> {
    return (await this.sites.listSites(query)).filter((s) => inScope(p, s.code));
  }

  /** A new site, at the top or under another, changes the tree every account's scope is read from. */
  @ApiCreatedJson('SiteView')
  @Post()
  @EverySiteWhen((req) => (bodyOf(req).parent ? 'parent' : 'tier'))
  create(@AdminActor() actor: string, @Body() body: CreateSiteDto): Promise<SiteView> {
    return this.sites.createSite(actor, body);
  }

  @ApiJson('SiteView')
  @Get(':site')
  @SitePath()
  @Roles(...SITE_READER_ROLES)
  get(@RequestSite() site: string): Promise<SiteView> {
    return this.sites.getSite(site);
  }

  // Moving a site moves it, and everything under it, out of one set of accounts and into another.
  @ApiJson('SiteView')
  @Patch(':site')
  @SitePath()
  @EverySiteWhen((req) => ('parent' in bodyOf(req) ? 'parent' : null))
  update(@AdminActor() actor: string, @RequestSite() site: string, @Body() body: UpdateSiteDto): Promise<SiteView> {
    return this.sites.updateSite(actor, site, body);
  }

  /** Codes events named that the registry still lacks: the roster's to-do list (item 48). */
  @ApiJson(listOf(sharedRef('UnknownReferenceView')))
  @Get(':site/unknown-references')
  @SitePath()
  @Roles('admin', 'supervisor', 'leader')
  unknownReferences(@RequestSite() site: string, @Query() query: ListUnknownReferencesQuery): Promise<UnknownReferenceView[]> {
    return this.registry.listUnknownReferences(site, query.kind);
  }
}
