import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { CreateStaffDto, UpdateStaffDto } from '../dtos/staff.dto';
import { RegistryService } from '../registry.service';
import { StaffView } from '../registry-views';
import { AdminController } from './admin-controller.decorator';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

@SitePath()
@AdminController('sites/:site/staff')
export class StaffController {
  constructor(private readonly registry: RegistryService) {}

  @ApiJson(listOf(sharedRef('StaffView')))
  @Get()
  @Roles('admin', 'supervisor', 'leader')
  list(@RequestSite() site: string): Promise<StaffView[]> {
    return this.registry.listStaff(site);
  }

  @ApiCreatedJson('StaffView')
  @Post()
  create(@AdminActor() actor: string, @RequestSite() site: string, @Body() body: CreateStaffDto): Promise<StaffView> {
    return this.registry.createStaff(actor, site, body);
  }

  @ApiJson('StaffView')
  @Get(':code')
  @Roles('admin', 'supervisor', 'leader')
  get(@RequestSite() site: string, @Param('code') code: string): Promise<StaffView> {
    return this.registry.getStaff(site, code);
  }

  @ApiJson('StaffView')
  @Patch(':code')
  update(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('code') code: string,
    @Body() body: UpdateStaffDto,
  ): Promise<StaffView> {
    return this.registry.updateStaff(actor, site, code, body);
  }

  @ApiNoContent()
  @Delete(':code')
  @HttpCode(204)
  async remove(@AdminActor() actor: string, @RequestSite() site: string, @Param('code') code: string): Promise<void> {
    await this.registry.deleteStaff(actor, site, code);
  }
}
