import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('reviews')
@Index('idx_reviews_site_day', ['siteId', 'serviceDay'])
// Open follow-ups of every day, read by each live snapshot without walking the site's history.
@Index('idx_reviews_open_follow_up', ['siteId', 'department'], { where: 'follow_up_open' })
// One rating per visit (docs/contracts/reviews.md): the constraint, not a read before the
// write, is what keeps two racing batches from both counting a rating of the same visit.
@Index('uq_reviews_visit', ['siteId', 'visit'], { unique: true, where: 'visit IS NOT NULL' })
export class Review {
  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, name: 'event_id' })
  eventId!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'date', name: 'service_day' })
  serviceDay!: string;

  @Column({ type: 'smallint' })
  rating!: number;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 64 })
  department!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  window!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  staff!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ticket!: string | null;

  /**
   * The visit rated: `t:<day>:<ticket>`, or `p:<day>:<window or department>:<phone digest>`;
   * null for an anonymous rating, which nothing ties to one citizen.
   */
  @Column({ type: 'text', nullable: true })
  visit!: string | null;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'boolean', name: 'real_name', default: false })
  realName!: boolean;

  /** AES-256-GCM ciphertext of the citizen's phone; only call-back roles may decrypt it. */
  @Column({ type: 'text', name: 'phone_enc', nullable: true })
  phoneEnc!: string | null;

  @Column({ type: 'varchar', length: 24, name: 'phone_masked', nullable: true })
  phoneMasked!: string | null;

  /** A bad review (1–2) stays open until its follow-up is closed. */
  @Column({ type: 'boolean', name: 'follow_up_open', default: false })
  followUpOpen!: boolean;

  /** An upheld appeal (申诉) takes the review out of every rate; the row stays for the record. */
  @Column({ type: 'boolean', default: false })
  excluded!: boolean;
}
