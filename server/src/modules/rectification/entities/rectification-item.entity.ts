import type { RectificationMeasureView, RectificationStatus, StatedStatusView } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ParsedFigure } from '../report-types';
import { RectificationReport } from './rectification-report.entity';

// One numbered problem of a report with its measures. The text columns come from the
// report and change only by re-import; status, department and deadline belong to the
// hall: an import sets the status only from what the report states, until the office sets it.
@Entity('rectification_items')
@Index(['reportId', 'key'], { unique: true })
@Index('idx_rectification_items_site', ['siteId', 'number'])
export class RectificationItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'report_id' })
  reportId!: string;

  @ManyToOne(() => RectificationReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'report_id' })
  report?: RectificationReport;

  /** Denormalised from the report: the look-back and the wall's alerts read items by site. */
  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /** The parser's key ("item-47"): stable across re-imports of the same report. */
  @Column({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ type: 'int', name: 'part_ordinal', nullable: true })
  partOrdinal!: number | null;

  @Column({ type: 'int', name: 'section_ordinal', nullable: true })
  sectionOrdinal!: number | null;

  @Column({ type: 'varchar', length: 8, name: 'section_numeral', nullable: true })
  sectionNumeral!: string | null;

  @Column({ type: 'text', name: 'section_title', nullable: true })
  sectionTitle!: string | null;

  @Column({ type: 'int', name: 'subsection_ordinal', nullable: true })
  subsectionOrdinal!: number | null;

  @Column({ type: 'text', name: 'subsection_title', nullable: true })
  subsectionTitle!: string | null;

  @Column({ type: 'text' })
  problem!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  measures!: RectificationMeasureView[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  remarks!: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  figures!: ParsedFigure[];

  @Column({ type: 'int', name: 'source_line' })
  sourceLine!: number;

  @Column({ type: 'int', name: 'end_line' })
  endLine!: number;

  /** The parser's explanation when the number was deduced from a gap (the seed's item 42). */
  @Column({ type: 'text', name: 'inferred_note', nullable: true })
  inferredNote!: string | null;

  /** When an import last contained the item. */
  @Column({ type: 'timestamptz', name: 'seen_at' })
  seenAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'in_progress' })
  status!: RectificationStatus;

  /** `report` until the office sets the status itself; from then on an import leaves the status alone. */
  @Column({ type: 'varchar', length: 8, name: 'status_set_by', default: 'report' })
  statusSetBy!: 'report' | 'office';

  /** What the report states about the item ("目前已全部整改", line 11), as last imported. */
  @Column({ type: 'jsonb', name: 'stated_status', nullable: true })
  statedStatus!: StatedStatusView | null;

  @Column({ type: 'text', name: 'responsible_department', nullable: true })
  responsibleDepartment!: string | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  /** When the status last became rectified; the look-back counts from here. */
  @Column({ type: 'timestamptz', name: 'rectified_at', nullable: true })
  rectifiedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
