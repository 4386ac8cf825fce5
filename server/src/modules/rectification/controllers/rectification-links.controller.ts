import type { RectificationLinkView } from '@hallwatch/shared';
import { Body, Delete, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { AdminController } from '../../registry/controllers/admin-controller.decorator';
import { CreateLinkDto, UpdateLinkDto } from '../dtos/link.dto';
import { ScopeQuery } from '../dtos/scope.dto';
import { RectificationLinksService } from '../rectification-links.service';
import { reportRef } from '../rectification-scope';

@AdminController('rectification')
export class RectificationLinksController {
  constructor(private readonly links: RectificationLinksService) {}

  @Post('items/:key/links')
  @Roles('admin', 'supervisor')
  add(
    @AdminActor() actor: string,
    @Query() q: ScopeQuery,
    @Param('key') key: string,
    @Body() body: CreateLinkDto,
  ): Promise<RectificationLinkView> {
    return this.links.add(actor, q, reportRef(q.report), key, body);
  }

  @Patch('links/:id')
  @Roles('admin', 'supervisor')
  update(
    @AdminActor() actor: string,
    @Query() q: ScopeQuery,
    @Param('id') id: string,
    @Body() body: UpdateLinkDto,
  ): Promise<RectificationLinkView> {
    return this.links.update(actor, q, id, body);
  }

  @Delete('links/:id')
  @Roles('admin', 'supervisor')
  @HttpCode(204)
  async remove(@AdminActor() actor: string, @Query() q: ScopeQuery, @Param('id') id: string): Promise<void> {
    await this.links.remove(actor, q, id);
  }

  /** Gives items without links their default links (after an admin removed them all, or for an older import). */
  @Post('links/defaults')
  @Roles('admin', 'supervisor')
  @HttpCode(200)
  async defaults(@AdminActor() actor: string, @Query() q: ScopeQuery): Promise<{ added: number }> {
    return { added: await this.links.applyDefaults(actor, q, reportRef(q.report)) };
  }
}
