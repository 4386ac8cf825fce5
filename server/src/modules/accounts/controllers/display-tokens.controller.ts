import { ACCOUNT_ADMIN_ROLES } from '@hallwatch/shared';
import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, UsePipes } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { adminValidationPipe } from '../../../core/validation/input-validation';
import { type Actor, CurrentActor } from '../../audit/actor';
import { siteNotFound } from '../../registry/registry-errors';
import { DisplayTokensService, DisplayTokenView, IssuedDisplayToken } from '../display-tokens.service';
import { DisplayTokenDto } from '../dtos/user.dto';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

/** Read-only tokens of one site for unattended wall TVs (`/wall?token=…`). */
@SitePath()
@Controller('api/v1/admin/sites/:site/display-tokens')
@Roles(...ACCOUNT_ADMIN_ROLES)
@UsePipes(adminValidationPipe())
export class DisplayTokensController {
  constructor(private readonly tokens: DisplayTokensService) {}

  @ApiJson(listOf(sharedRef('DisplayTokenView')))
  @Get()
  list(@RequestSite() site: string): Promise<DisplayTokenView[]> {
    return this.tokens.list(site);
  }

  /** The token is in this answer only; store it in the wall's URL now. */
  @ApiCreatedJson('IssuedDisplayToken')
  @Post()
  async create(@CurrentActor() who: Actor, @RequestSite() site: string, @Body() body: DisplayTokenDto): Promise<IssuedDisplayToken> {
    const issued = await this.tokens.create(site, body.name.trim(), who.actor);
    if (!issued) throw siteNotFound(site);
    return issued;
  }

  /** Revokes by id or prefix; a wall using it is disconnected within seconds. */
  @ApiNoContent()
  @Delete(':id')
  @HttpCode(204)
  async revoke(@RequestSite() site: string, @Param('id') id: string): Promise<void> {
    if (!(await this.tokens.revoke(site, id)))
      throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site}" has no live display token "${id}"` });
  }
}
