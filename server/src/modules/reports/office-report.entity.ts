import type { OfficeReportKind, OfficeReportLang, OfficeReportTrigger } from '@hallwatch/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from '../registry/site.entity';

// A generated document kept as it was handed out: the office downloads the same bytes later,
// even after the figures behind it have moved on (a late rating, a corrected follow-up).
@Entity('office_reports')
@Index('idx_office_reports_site', ['siteId', 'createdAt'])
export class OfficeReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @ManyToOne(() => Site, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: Site;

  @Column({ type: 'varchar', length: 32 })
  kind!: OfficeReportKind;

  @Column({ type: 'varchar', length: 2 })
  lang!: OfficeReportLang;

  @Column({ type: 'date', name: 'period_from' })
  from!: string;

  @Column({ type: 'date', name: 'period_to' })
  to!: string;

  @Column({ type: 'varchar', length: 7, nullable: true })
  month!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'report_ref', nullable: true })
  reportRef!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', name: 'file_name' })
  fileName!: string;

  @Column({ type: 'int' })
  size!: number;

  /** Read only when downloaded: the list never carries the bytes. */
  @Column({ type: 'bytea', select: false })
  bytes!: Buffer;

  @Column({ type: 'varchar', length: 8 })
  trigger!: OfficeReportTrigger;

  @Column({ type: 'varchar', length: 64, name: 'created_by' })
  createdBy!: string;

  /** The hall's clock at generation, not the database's: the list's order follows the clock the figures were read at. */
  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
