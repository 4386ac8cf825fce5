import type { Me } from '@hallwatch/shared';
import { Body, Controller, ForbiddenException, Get, HttpCode, HttpException, Post, Req, Res, UsePipes } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public, SelfService } from '../../../core/auth/auth-rules';
import { CurrentPrincipal } from '../../../core/auth/principal';
import type { Principal } from '../../../core/auth/principal';
import type { AuthedRequest } from '../../../core/auth/principal';
import { LoginRateLimit } from '../../../core/auth/rate-limits';
import { clientAddress, userAgentOf } from '../../../core/auth/request-context';
import { clearSessionCookie, DEVICE_COOKIE, readCookie, setDeviceCookie, setSessionCookie } from '../../../core/auth/session-cookie';
import { AppConfig } from '../../../core/config/app-config';
import { Clock } from '../../../core/time/clock';
import { adminValidationPipe } from '../../../core/validation/input-validation';
import { recordAudit } from '../../audit/audit-log';
import { ChangePasswordDto, LoginDto } from '../dtos/login.dto';
import { User } from '../entities/user.entity';
import { Client, LoginService } from '../login.service';
import { verifyPassword } from '../password-hasher';
import { SessionsService } from '../sessions.service';
import { UsersService } from '../users.service';
import { ApiJson, ApiNoContent, sharedRef } from '../../../core/openapi/shared-schema';
import { ApiErrors } from '../../../core/openapi/api-errors';

const clientOf = (req: Request): Client => ({
  address: clientAddress(req),
  userAgent: userAgentOf(req.headers['user-agent']),
  device: readCookie(req.headers.cookie, DEVICE_COOKIE),
});

/** Sign-in, sign-out, who am I, and changing one's own password. */
@Controller('api/v1/auth')
@UsePipes(adminValidationPipe())
export class AuthController {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @ApiJson(
    {
      type: 'object',
      required: ['user', 'expiresAt'],
      properties: {
        user: sharedRef('SignedInUser'),
        expiresAt: { type: 'string', format: 'date-time' },
        token: { type: 'string', description: 'The session as a Bearer token (hws_…), only when the body asked for `bearer: true`' },
      },
    },
    { description: 'Signed in: the session cookie is set (and a device cookie that spares this browser the lockout of others)' },
  )
  @ApiErrors(429)
  @HttpCode(200)
  @Public()
  @LoginRateLimit()
  async signIn(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: LoginDto) {
    try {
      const result = await this.login.login(body.username, body.password, clientOf(req));
      setSessionCookie(req, res, this.config.HALLWATCH_HTTPS, result.token, result.expiresAt.getTime() - this.clock.now().getTime());
      setDeviceCookie(req, res, this.config.HALLWATCH_HTTPS, result.deviceToken);
      return { user: result.user, expiresAt: result.expiresAt.toISOString(), ...(body.bearer ? { token: result.token } : {}) };
    } catch (err) {
      const answer = err instanceof HttpException ? (err.getResponse() as { retryAfterSeconds?: number }) : null;
      if (answer?.retryAfterSeconds) res.setHeader('Retry-After', String(answer.retryAfterSeconds));
      throw err;
    }
  }

  /** Ends every session of the account, on every device (docs/security.md: signing out ends every session). */
  @ApiNoContent('Signed out; the session cookie is cleared')
  @Post('logout')
  @HttpCode(204)
  @SelfService()
  async signOut(@Req() req: AuthedRequest, @Res({ passthrough: true }) res: Response, @CurrentPrincipal() p: Principal): Promise<void> {
    if (p.kind === 'user')
      await this.ds.transaction(async (em) => {
        const ended = await this.sessions.endAllOf(p.userId, 'logout', em);
        await recordAudit(em, { action: 'logout', target: `user:${p.actor}`, details: { ended }, at: this.clock.now() });
      });
    clearSessionCookie(req, res, this.config.HALLWATCH_HTTPS);
  }

  @ApiJson('Me')
  @Get('me')
  @SelfService()
  me(@CurrentPrincipal() p: Principal): Me {
    return {
      kind: p.kind,
      username: p.actor,
      role: p.role,
      sites: p.sites === 'all' ? 'all' : [...p.sites],
      department: p.department,
      mustChangePassword: p.kind === 'user' ? p.mustChangePassword : false,
    };
  }

  /** Needs the current password; a wrong one counts toward the account's lock like a failed sign-in. */
  @ApiNoContent('Changed; other sessions end')
  @Post('password')
  @HttpCode(204)
  @SelfService()
  async changePassword(
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() p: Principal,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    if (p.kind !== 'user') throw new ForbiddenException('Only a person signed in with an account has a password to change');
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: p.userId });
    const now = this.clock.now();
    if (user.lockedUntil && user.lockedUntil > now) throw new ForbiddenException('The account is locked for a while; try again later');
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      await this.login.countFailure(user, clientOf(req), now, 'current-password');
      throw new ForbiddenException('The current password is wrong');
    }
    await this.users.changeOwnPassword(user.id, user.username, body.newPassword);
    clearSessionCookie(req, res, this.config.HALLWATCH_HTTPS);
  }
}
