import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { CreateWindowDto, UpdateWindowDto } from '../dtos/window.dto';
import { RegistryService } from '../registry.service';
import { WindowView } from '../registry-views';
import { AdminController } from './admin-controller.decorator';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

@SitePath()
@AdminController('sites/:site/windows')
export class WindowsController {
  constructor(private readonly registry: RegistryService) {}

  @ApiJson(listOf(sharedRef('WindowView')))
  @Get()
  @Roles('admin', 'supervisor', 'leader')
  list(@RequestSite() site: string): Promise<WindowView[]> {
    return this.registry.listWindows(site);
  }

  @ApiCreatedJson('WindowView')
  @Post()
  create(@AdminActor() actor: string, @RequestSite() site: string, @Body() body: CreateWindowDto): Promise<WindowView> {
    return this.registry.createWindow(actor, site, body);
  }

  @ApiJson('WindowView')
  @Get(':code')
  @Roles('admin', 'supervisor', 'leader')
  get(@RequestSite() site: string, @Param('code') code: string): Promise<WindowView> {
    return this.registry.getWindow(site, code);
  }

  @ApiJson('WindowView')
  @Patch(':code')
  update(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('code') code: string,
    @Body() body: UpdateWindowDto,
  ): Promise<WindowView> {
    return this.registry.updateWindow(actor, site, code, body);
  }

  @ApiNoContent()
  @Delete(':code')
  @HttpCode(204)
  async remove(@AdminActor() actor: string, @RequestSite() site: string, @Param('code') code: string): Promise<void> {
    await this.registry.deleteWindow(actor, site, code);
  }
}
