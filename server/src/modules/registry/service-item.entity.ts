import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('service_items')
@Index(['siteId', 'code'], { unique: true })
export class ServiceItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 64, name: 'department_code', nullable: true })
  departmentCode!: string | null;

  /** On the negative list (负面清单): need not be handled in the hall. */
  @Column({ type: 'boolean', name: 'negative_list', default: false })
  negativeList!: boolean;
}
