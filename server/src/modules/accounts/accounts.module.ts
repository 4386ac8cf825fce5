import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { Authenticator } from './auth/authenticator';
import { throttlerOptions } from '../../core/auth/rate-limits';
import { RolesGuard } from './auth/roles.guard';
import { RefusalAuditInterceptor } from './auth/refusal-audit.interceptor';
import { AppConfig } from '../../core/config/app-config';
import { REDIS } from '../../core/redis/redis.module';
import { AuthController } from './controllers/auth.controller';
import { DisplayTokensController } from './controllers/display-tokens.controller';
import { UsersController } from './controllers/users.controller';
import { CredentialEvents } from './credential-events';
import { DisplayTokensService } from './display-tokens.service';
import { KnownDevicesService } from './known-devices';
import { LoginService } from './login.service';
import { SessionPurge } from './session-purge';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ACCOUNT_ENTITIES } from './entities';

// Accounts, sessions and display tokens (docs/contracts/reliability.md), and the global gate that
// checks every route's rule. Global so that any module's guards can authenticate.
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature(ACCOUNT_ENTITIES),
    ThrottlerModule.forRootAsync({ inject: [AppConfig, REDIS], useFactory: throttlerOptions }),
  ],
  controllers: [AuthController, UsersController, DisplayTokensController],
  providers: [
    CredentialEvents,
    SessionsService,
    DisplayTokensService,
    LoginService,
    KnownDevicesService,
    UsersService,
    SessionPurge,
    Authenticator,
    RolesGuard,
    { provide: APP_GUARD, useExisting: RolesGuard },
    { provide: APP_INTERCEPTOR, useClass: RefusalAuditInterceptor },
  ],
  exports: [CredentialEvents, SessionsService, DisplayTokensService, UsersService, Authenticator, RolesGuard],
})
export class AccountsModule {}
