import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('departments')
@Index(['siteId', 'code'], { unique: true })
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en', nullable: true })
  nameEn!: string | null;

  /** Wait target in seconds; null means the site's default. */
  @Column({ type: 'int', name: 'wait_target_sec', nullable: true })
  waitTargetSec!: number | null;
}
