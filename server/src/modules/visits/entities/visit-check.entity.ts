import type { VisitResult } from '@hallwatch/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One point of a visit's checklist, as the visitor judged it; the label is kept as it read on the day. */
@Entity('visit_checks')
export class VisitCheck {
  @PrimaryColumn({ type: 'uuid', name: 'visit_id' })
  visitId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  point!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text', name: 'label_en', nullable: true })
  labelEn!: string | null;

  @Column({ type: 'varchar', length: 8 })
  result!: VisitResult;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', name: 'recorded_at' })
  recordedAt!: Date;

  @Column({ type: 'varchar', length: 64, name: 'recorded_by' })
  recordedBy!: string;
}
