import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A site's own checklist point; a site with none is visited with the default list. */
@Entity('visit_points')
export class VisitPoint {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', name: 'label_en', nullable: true })
  labelEn!: string | null;

  @Column({ type: 'int' })
  position!: number;
}
