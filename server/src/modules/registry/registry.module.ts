import { Module } from '@nestjs/common';
import { DepartmentsController } from './controllers/departments.controller';
import { ServiceItemSheetController } from './controllers/service-item-sheet.controller';
import { ServiceItemsController } from './controllers/service-items.controller';
import { SiteSettingsController } from './controllers/site-settings.controller';
import { SitesController } from './controllers/sites.controller';
import { StaffController } from './controllers/staff.controller';
import { WindowsController } from './controllers/windows.controller';
import { RegistryService } from './registry.service';
import { SiteSettingsService } from './site-settings.service';
import { ServiceItemImportService } from './service-item-import.service';
import { SitesService } from './sites.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from './department.entity';
import { HallWindow } from './hall-window.entity';
import { ServiceItem } from './service-item.entity';
import { Site } from './site.entity';
import { StaffMember } from './staff-member.entity';

// The hall registry's admin API (/api/v1/admin/...). The same services back the CLI.
@Module({
  imports: [TypeOrmModule.forFeature([Site, Department, HallWindow, StaffMember, ServiceItem])],
  controllers: [
    SitesController,
    SiteSettingsController,
    DepartmentsController,
    WindowsController,
    StaffController,
    ServiceItemsController,
    ServiceItemSheetController,
  ],
  providers: [SitesService, SiteSettingsService, RegistryService, ServiceItemImportService],
  exports: [SitesService, RegistryService],
})
export class RegistryModule {}
