import type { RectificationLinkView } from '@hallwatch/shared';
import { Body, Delete, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { RequestSite } from '../../../core/auth/request-site';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { CreateLinkDto, UpdateLinkDto } from '../dtos/link.dto';
import { ScopeQuery } from '../dtos/scope.dto';
import { RectificationLinksService } from '../rectification-links.service';
import { reportRef } from '../rectification-scope';
import { ApiCreatedJson, ApiJson, ApiNoContent, countsOf } from '../../../core/openapi/shared-schema';

@AdminController('rectification')
export class RectificationLinksController {
  constructor(private readonly links: RectificationLinksService) {}

  @ApiCreatedJson('RectificationLinkView')
  @Post('items/:key/links')
  @Roles('admin', 'supervisor')
  add(
    @AdminActor() actor: string,
    @RequestSite() site: string | undefined,
    @Query() q: ScopeQuery,
    @Param('key') key: string,
    @Body() body: CreateLinkDto,
  ): Promise<RectificationLinkView> {
    return this.links.add(actor, { site }, reportRef(q.report), key, body);
  }

  @ApiJson('RectificationLinkView')
  @Patch('links/:id')
  @Roles('admin', 'supervisor')
  update(
    @AdminActor() actor: string,
    @RequestSite() site: string | undefined,
    @Query() _q: ScopeQuery,
    @Param('id') id: string,
    @Body() body: UpdateLinkDto,
  ): Promise<RectificationLinkView> {
    return this.links.update(actor, { site }, id, body);
  }

  @ApiNoContent()
  @Delete('links/:id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  async remove(
    @AdminActor() actor: string,
    @RequestSite() site: string | undefined,
    @Query() _q: ScopeQuery,
    @Param('id') id: string,
  ): Promise<void> {
    await this.links.remove(actor, { site }, id);
  }

  /** Gives items without links their default links (after an admin removed them all, or for an older import). */
  @ApiJson(countsOf('added'))
  @Post('links/defaults')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  async defaults(@AdminActor() actor: string, @RequestSite() site: string | undefined, @Query() q: ScopeQuery): Promise<{ added: number }> {
    return { added: await this.links.applyDefaults(actor, { site }, reportRef(q.report)) };
  }
}
