import { applyDecorators, Controller, UseGuards, UsePipes } from '@nestjs/common';
import { AdminGuard } from '../../../core/auth/admin.guard';
import { adminValidationPipe } from '../dtos/registry-validation';

/** A controller under /api/v1/admin: admin-only, with strict input validation. */
export const AdminController = (path: string): ClassDecorator =>
  applyDecorators(Controller(`api/v1/admin/${path}`), UseGuards(AdminGuard), UsePipes(adminValidationPipe()));
