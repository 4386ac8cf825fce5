import type { ImportMessage } from '@hallwatch/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from '../../registry/site.entity';

/** What the latest import said about the text: kept so the page can show it later. */
export interface ImportFindings {
  warnings: ImportMessage[];
  notes: ImportMessage[];
}

// One published 巡察整改 report of a site. `ref` names it within the site ("main" unless
// told otherwise), so that importing a corrected copy under another file name still
// updates the same items.
@Entity('rectification_reports')
@Index(['siteId', 'ref'], { unique: true })
export class RectificationReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @ManyToOne(() => Site, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: Site;

  @Column({ type: 'varchar', length: 64 })
  ref!: string;

  /** File name of the latest import. */
  @Column({ type: 'text', name: 'source_name' })
  sourceName!: string;

  /** "对照巡察反馈的60个具体问题": the count the report itself states. */
  @Column({ type: 'int', name: 'stated_count', nullable: true })
  statedCount!: number | null;

  @Column({ type: 'int', name: 'stated_count_line', nullable: true })
  statedCountLine!: number | null;

  @Column({ type: 'timestamptz', name: 'imported_at' })
  importedAt!: Date;

  @Column({ type: 'int', name: 'import_count', default: 1 })
  importCount!: number;

  /** Always written by the import, so no column default (PostgreSQL would rewrite an object default's spacing). */
  @Column({ type: 'jsonb' })
  findings!: ImportFindings;
}
