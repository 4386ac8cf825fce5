import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Site } from '../../registry/site.entity';
import { User } from './user.entity';

/** The sites an account may see and change. */
@Entity('user_sites')
@Index(['siteId'])
export class UserSite {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @PrimaryColumn({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  /**
   * For a `department` account (its one site binding): the code of its department in that
   * site's registry, checked when the account is made; null for every other role.
   */
  @Column({ type: 'varchar', length: 64, name: 'department_code', nullable: true })
  departmentCode!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => Site, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'site_id' })
  site?: Site;
}
