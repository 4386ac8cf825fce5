import { Body, Controller, Get, HttpCode, Param, Patch, Post, UsePipes } from '@nestjs/common';
import { FiltersBySite, Roles } from '../../../core/auth/auth-rules';
import { CurrentPrincipal } from '../../../core/auth/principal';
import type { Principal } from '../../../core/auth/principal';
import { adminValidationPipe } from '../../../core/validation/input-validation';
import { SetPasswordDto } from '../dtos/login.dto';
import { CreateUserDto, UpdateUserDto } from '../dtos/user.dto';
import { ACCOUNT_ADMIN_ROLES, type UserView } from '@hallwatch/shared';
import { UsersService } from '../users.service';
import { ApiCreatedJson, ApiJson, ApiNoContent, countsOf, listOf, sharedRef } from '../../../core/openapi/shared-schema';

// Accounts are managed by admins, each within their own sites (a user of another site is a 404).
@Controller('api/v1/admin/users')
@Roles(...ACCOUNT_ADMIN_ROLES)
@FiltersBySite()
@UsePipes(adminValidationPipe())
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiJson(listOf(sharedRef('UserView')))
  @Get()
  list(@CurrentPrincipal() p: Principal): Promise<UserView[]> {
    return this.users.list(p.sites);
  }

  @ApiCreatedJson('UserView')
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(p.sites, body);
  }

  @ApiJson('UserView')
  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<UserView> {
    return this.users.get(p.sites, id);
  }

  /** Role, sites, allSites or disabled; any change ends the account's sessions. */
  @ApiJson('UserView')
  @Patch(':id')
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(p.sites, id, body);
  }

  /** Sets a password the user must replace at next sign-in. */
  @ApiNoContent()
  @Post(':id/password')
  @HttpCode(204)
  async setPassword(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.users.setPassword(p.sites, id, body.password);
  }

  @ApiJson('UserView')
  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<UserView> {
    return this.users.unlock(p.sites, id);
  }

  @ApiJson(countsOf('ended'))
  @Post(':id/sessions/revoke')
  @HttpCode(200)
  endSessions(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<{ ended: number }> {
    return this.users.endSessions(p.sites, id);
  }
}
