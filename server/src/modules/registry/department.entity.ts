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

  /** Expected to be stationed in the hall (应进驻): the 进驻 count of item 48 is over these. */
  @Column({ type: 'boolean', name: 'expected_to_station', default: true })
  expectedToStation!: boolean;

  /** Staff the department's published list (进驻表) names; null when it publishes none. */
  @Column({ type: 'int', name: 'expected_staff', nullable: true })
  expectedStaff!: number | null;

  /**
   * Retired (撤销) but kept: events, windows and history still name its code, so it leaves the
   * counts and the choices of new staff rather than the table.
   */
  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true })
  retiredAt!: Date | null;
}
