import { Column, Entity, PrimaryColumn } from 'typeorm';

// Today's finished tickets per window, kept by the tickets trigger (see LiveDayCount).
@Entity('live_window_counts')
export class LiveWindowCount {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  window!: string;

  @Column({ type: 'int', default: 0 })
  done!: number;

  /** Done or no-show: the window has a last ticket end to look up. */
  @Column({ type: 'int', default: 0 })
  finished!: number;
}
