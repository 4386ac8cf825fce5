import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SessionsService } from './sessions.service';

export const SESSION_PURGE_EVERY_MS = 60 * 60_000;

/**
 * Clears expired sessions from the table every hour. Every instance runs it: the delete is
 * idempotent and cheap, so no schedule has to be shared, and it needs no worker process.
 */
@Injectable()
export class SessionPurge implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('sessions');
  private timer?: NodeJS.Timeout;

  constructor(private readonly sessions: SessionsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), SESSION_PURGE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<number> {
    try {
      const purged = await this.sessions.purgeExpired();
      if (purged) this.logger.log(`purged ${purged} expired session(s)`);
      return purged;
    } catch (err) {
      // The database may be away; the next run catches up.
      this.logger.warn(`session purge skipped: ${(err as Error).message}`);
      return 0;
    }
  }
}
