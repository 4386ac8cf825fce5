import { DataSource } from 'typeorm';
import { runWithContext } from '../../core/auth/request-context';
import { AppConfig } from '../../core/config/app-config';
import { Clock } from '../../core/time/clock';
import { AuditLogService } from '../../modules/audit/audit-log.service';
import { CredentialEvents } from '../../modules/accounts/credential-events';
import { DisplayTokensService } from '../../modules/accounts/display-tokens.service';
import { SessionsService } from '../../modules/accounts/sessions.service';
import { UsersService } from '../../modules/accounts/users.service';

/** The account services on a bare data source; running sockets notice CLI revocations at their next sweep. */
export function accountServices(ds: DataSource, config: AppConfig) {
  const clock = new Clock(config);
  const events = new CredentialEvents();
  const sessions = new SessionsService(ds, clock, config, events);
  return {
    clock,
    sessions,
    users: new UsersService(ds, clock, sessions),
    displays: new DisplayTokensService(ds, clock, events),
    audit: new AuditLogService(ds),
  };
}

/** Audit entries written by a CLI command name the CLI as their actor. */
export const asCli = <T>(fn: () => Promise<T>): Promise<T> =>
  runWithContext({ actor: 'cli', role: 'admin', address: null, userAgent: 'hallwatch-cli' }, fn);
