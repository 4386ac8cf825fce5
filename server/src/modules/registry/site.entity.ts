import { DEFAULT_TIME_ZONE, SITE_TIERS, type SiteTier } from '@hallwatch/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export { SITE_TIERS };
export type { SiteTier };

@Entity('sites')
export class Site {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en', nullable: true })
  nameEn!: string | null;

  @Column({ type: 'varchar', length: 16 })
  tier!: SiteTier;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: Site | null;

  @Column({ type: 'text', default: DEFAULT_TIME_ZONE })
  timezone!: string;

  /** Per-site thresholds (wait target, tidal queue length, allowed break …); defaults apply when absent. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
