import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthedRequest, Principal } from '../../../core/auth/principal';
import { Clock } from '../../../core/time/clock';
import { recordDenial } from '../../audit/audit-log';

const logger = new Logger('auth');

/** One refused request in the audit log (docs/security.md, "Refused requests are counted"). */
export async function auditDenial(
  ds: DataSource,
  clock: Clock,
  req: AuthedRequest,
  status: number,
  reason: string,
  who: Pick<Principal, 'actor' | 'role'> | { actor: string; role: null } | null,
  site?: string,
): Promise<void> {
  try {
    await recordDenial(ds.manager, {
      action: 'access.denied',
      actor: who?.actor ?? 'anonymous',
      role: who?.role ?? null,
      target: `${req.method} ${(req.route as { path?: string } | undefined)?.path ?? req.path}`.slice(0, 300),
      site: site ?? null,
      details: { status, reason },
      at: clock.now(),
    });
  } catch (err) {
    // The refusal stands even when it cannot be recorded (the database may be the reason).
    logger.warn(`access denial not audited: ${(err as Error).message}`);
  }
}
