import { ACCOUNT_ADMIN_ROLES } from '@hallwatch/shared';
import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post, UsePipes } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../../../core/auth/auth-rules';
import { Clock } from '../../../core/time/clock';
import { recordAudit } from '../../audit/audit-log';
import { adminValidationPipe } from '../../../core/validation/input-validation';
import { siteNotFound } from '../../registry/registry-errors';
import { DeviceKeysService, DeviceKeyView, IssuedDeviceKey } from './device-keys.service';
import { CreateDeviceKeyDto, UpdateDeviceKeyDto } from './dtos/device-key.dto';
import { RequestSite, SitePath } from '../../../core/auth/request-site';
import { ApiCreatedJson, ApiJson, ApiNoContent, listOf, sharedRef } from '../../../core/openapi/shared-schema';

const noKey = (site: string, id: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site}" has no live device key "${id}"` });

/** A site's device keys: issue (shown once), list, require signatures, revoke. */
@SitePath()
@Controller('api/v1/admin/sites/:site/device-keys')
@Roles(...ACCOUNT_ADMIN_ROLES)
@UsePipes(adminValidationPipe())
export class DeviceKeysController {
  constructor(
    private readonly ds: DataSource,
    private readonly keys: DeviceKeysService,
    private readonly clock: Clock,
  ) {}

  @ApiJson(listOf(sharedRef('DeviceKeyView')))
  @Get()
  list(@RequestSite() site: string): Promise<DeviceKeyView[]> {
    return this.keys.list(site);
  }

  @ApiCreatedJson('IssuedDeviceKey')
  @Post()
  async create(@RequestSite() site: string, @Body() body: CreateDeviceKeyDto): Promise<IssuedDeviceKey> {
    let issued: IssuedDeviceKey;
    try {
      issued = await this.keys.create(site, body.name.trim(), { requireSignature: body.requireSignature });
    } catch (err) {
      if ((err as Error).message.startsWith('No site')) throw siteNotFound(site);
      throw err;
    }
    await this.audit('device-key.create', site, issued.prefix, { requireSignature: issued.requireSignature });
    return issued;
  }

  @ApiJson('DeviceKeyView')
  @Patch(':id')
  async update(@RequestSite() site: string, @Param('id') id: string, @Body() body: UpdateDeviceKeyDto): Promise<DeviceKeyView> {
    const key = await this.keys.setRequireSignature(site, id, body.requireSignature);
    if (!key) throw noKey(site, id);
    await this.audit('device-key.update', site, key.prefix, { requireSignature: key.requireSignature });
    return key;
  }

  /** By id or prefix; the key is refused from the next request on. */
  @ApiNoContent()
  @Delete(':id')
  @HttpCode(204)
  async revoke(@RequestSite() site: string, @Param('id') id: string): Promise<void> {
    if (!(await this.keys.revoke(id, site))) throw noKey(site, id);
    await this.audit('device-key.revoke', site, id, {});
  }

  private audit(action: string, site: string, key: string, details: Record<string, unknown>): Promise<void> {
    return recordAudit(this.ds.manager, { action, site, target: `device-key:${key.slice(0, 36)}`, details, at: this.clock.now() });
  }
}
