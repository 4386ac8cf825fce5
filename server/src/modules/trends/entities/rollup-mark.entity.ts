import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// An outbox of site-days whose rollups are stale. Ingest appends a row in its own
// transaction (append-only, so concurrent batches never wait on each other); the flush
// job deletes the rows it has folded in, in the same transaction as the new rollups.
@Entity('review_rollup_marks')
export class RollupMark {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'date' })
  day!: string;
}
