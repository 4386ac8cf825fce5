import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last 文号 sequence given per site and year. Allocated by an upsert that increments it in
 * one statement inside the notice's own transaction: two notices issued at once wait on the row and
 * get different numbers, and a number is given only with the notice that carries it.
 */
@Entity('patrol_notice_sequences')
export class PatrolNoticeSequence {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  last!: number;
}
