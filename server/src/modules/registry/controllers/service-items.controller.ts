import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { CreateServiceItemDto, UpdateServiceItemDto } from '../dtos/service-item.dto';
import { RegistryService } from '../registry.service';
import { ServiceItemView } from '../registry-views';
import { AdminController } from './admin-controller.decorator';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

@SitePath()
@AdminController('sites/:site/service-items')
export class ServiceItemsController {
  constructor(private readonly registry: RegistryService) {}

  @ApiJson(listOf(sharedRef('ServiceItemView')))
  @Get()
  @Roles('admin', 'supervisor', 'leader')
  list(@RequestSite() site: string): Promise<ServiceItemView[]> {
    return this.registry.listServiceItems(site);
  }

  @ApiCreatedJson('ServiceItemView')
  @Post()
  create(@AdminActor() actor: string, @RequestSite() site: string, @Body() body: CreateServiceItemDto): Promise<ServiceItemView> {
    return this.registry.createServiceItem(actor, site, body);
  }

  @ApiJson('ServiceItemView')
  @Get(':code')
  @Roles('admin', 'supervisor', 'leader')
  get(@RequestSite() site: string, @Param('code') code: string): Promise<ServiceItemView> {
    return this.registry.getServiceItem(site, code);
  }

  @ApiJson('ServiceItemView')
  @Patch(':code')
  update(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('code') code: string,
    @Body() body: UpdateServiceItemDto,
  ): Promise<ServiceItemView> {
    return this.registry.updateServiceItem(actor, site, code, body);
  }

  @ApiNoContent()
  @Delete(':code')
  @HttpCode(204)
  async remove(@AdminActor() actor: string, @RequestSite() site: string, @Param('code') code: string): Promise<void> {
    await this.registry.deleteServiceItem(actor, site, code);
  }
}
