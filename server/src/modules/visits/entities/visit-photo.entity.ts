import { Entity, PrimaryColumn } from 'typeorm';
import { StoredPhoto } from '../../patrol/entities/stored-photo';

// A checklist point's photo, one per point of a visit, so that a resent upload is the same photo.
// Kept in the database like patrol's: a backup of it is a backup of the visit record.
@Entity('visit_photos')
export class VisitPhoto extends StoredPhoto {
  @PrimaryColumn({ type: 'uuid', name: 'visit_id' })
  visitId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  point!: string;
}
