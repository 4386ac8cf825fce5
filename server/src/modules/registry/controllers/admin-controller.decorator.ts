import { applyDecorators, Controller, UsePipes } from '@nestjs/common';
import { Roles } from '../../../core/auth/auth-rules';
import { adminValidationPipe } from '../../../core/validation/input-validation';

/**
 * A controller under /api/v1/admin with strict input validation, for admins unless a method
 * names its own roles with @Roles(...) (the global RolesGuard reads the method's rule first).
 */
export const AdminController = (path: string): ClassDecorator =>
  applyDecorators(Controller(`api/v1/admin/${path}`), Roles('admin'), UsePipes(adminValidationPipe()));
