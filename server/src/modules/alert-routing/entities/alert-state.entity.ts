import type { LiveAlert } from '@hallwatch/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

// The alerts standing at each site as routing last saw them: raised and cleared are judged
// against this, whichever process (a server's push or the worker's sweep) saw the site.
@Entity('alert_states')
export class AlertState {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 200, name: 'alert_id' })
  alertId!: string;

  /** When routing first saw it standing; with the id it names this standing of the alert. */
  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  severity!: string;

  @Column({ type: 'jsonb' })
  alert!: LiveAlert;
}
