import { Entity, PrimaryColumn } from 'typeorm';
import { StoredPhoto } from './stored-photo';

// A finding's photo, keyed by the check event it illustrates so that a resent upload is the
// same photo. Kept in the database: a backup of it is a backup of the patrol record.
@Entity('patrol_photos')
export class PatrolPhoto extends StoredPhoto {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'check_event_id' })
  checkEventId!: string;
}
