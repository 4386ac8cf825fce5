import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { AdminActor } from '../../../core/auth/admin.guard';
import { CreateDepartmentDto, UpdateDepartmentDto } from '../dtos/department.dto';
import { RegistryService } from '../registry.service';
import { DepartmentView } from '../registry-views';
import { AdminController } from './admin-controller.decorator';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

@SitePath()
@AdminController('sites/:site/departments')
export class DepartmentsController {
  constructor(private readonly registry: RegistryService) {}

  @ApiJson(listOf(sharedRef('DepartmentView')))
  @Get()
  @Roles('admin', 'supervisor', 'leader')
  list(@RequestSite() site: string): Promise<DepartmentView[]> {
    return this.registry.listDepartments(site);
  }

  @ApiCreatedJson('DepartmentView')
  @Post()
  create(@AdminActor() actor: string, @RequestSite() site: string, @Body() body: CreateDepartmentDto): Promise<DepartmentView> {
    return this.registry.createDepartment(actor, site, body);
  }

  @ApiJson('DepartmentView')
  @Get(':code')
  @Roles('admin', 'supervisor', 'leader')
  get(@RequestSite() site: string, @Param('code') code: string): Promise<DepartmentView> {
    return this.registry.getDepartment(site, code);
  }

  @ApiJson('DepartmentView')
  @Patch(':code')
  update(
    @AdminActor() actor: string,
    @RequestSite() site: string,
    @Param('code') code: string,
    @Body() body: UpdateDepartmentDto,
  ): Promise<DepartmentView> {
    return this.registry.updateDepartment(actor, site, code, body);
  }

  @ApiNoContent()
  @Delete(':code')
  @HttpCode(204)
  async remove(@AdminActor() actor: string, @RequestSite() site: string, @Param('code') code: string): Promise<void> {
    await this.registry.deleteDepartment(actor, site, code);
  }
}
