import { Column, Entity, PrimaryColumn } from 'typeorm';

// Today's called waits as a two-level histogram kept by the ticket_waits trigger: per
// minute (count and total, enough for means, counts within target and locating a rank)
// and per second (read only inside the one minute that holds the wanted rank), so that
// the 90th percentile to the second reads a bounded number of rows whatever the volume.
// The site keeps its own seconds: its percentile would otherwise read that minute of every
// department, sixty rows each on a busy day.
@Entity('live_wait_minutes')
export class LiveWaitMinute {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  /** The wait segment's department, '' when it had none. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  @PrimaryColumn({ type: 'int' })
  minute!: number;

  @Column({ type: 'int', default: 0 })
  n!: number;

  @Column({ type: 'bigint', name: 'total_sec', default: 0 })
  totalSec!: string;
}

@Entity('live_wait_seconds')
export class LiveWaitSecond {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  department!: string;

  @PrimaryColumn({ type: 'int' })
  secs!: number;

  @Column({ type: 'int', default: 0 })
  n!: number;
}

@Entity('live_site_wait_seconds')
export class LiveSiteWaitSecond {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @PrimaryColumn({ type: 'int' })
  secs!: number;

  @Column({ type: 'int', default: 0 })
  n!: number;
}
