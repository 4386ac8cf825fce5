import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotifyProducer } from './notify-producer';

/** Most rows one sweep looks at; a longer backlog is taken by the next sweeps. */
const SWEEP_MAX = 5000;

/**
 * PostgreSQL's `queued` and `sending` rows are what is still due; Redis only holds the jobs that
 * wake a worker for them. At worker start, on every sweep and when Redis is found emptied, every
 * such row gets its job back (a no-op for those that have one).
 */
@Injectable()
export class NotifySync {
  private readonly logger = new Logger('notify');

  constructor(
    private readonly ds: DataSource,
    private readonly producer: NotifyProducer,
  ) {}

  async sweep(): Promise<{ due: number; added: number }> {
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM notify_deliveries WHERE state IN ('queued', 'sending') ORDER BY created_at LIMIT $1`,
      [SWEEP_MAX],
    );
    let added = 0;
    for (const r of rows) if ((await this.producer.ensure(r.id)) === 'added') added++;
    return { due: rows.length, added };
  }

  async rebuild(): Promise<{ due: number; added: number }> {
    await this.producer.ensureSweep();
    const result = await this.sweep();
    if (result.added) this.logger.log(`notify queue rebuilt from PostgreSQL: ${result.added} of ${result.due} due deliveries queued again`);
    return result;
  }
}
