import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('staff')
@Index(['siteId', 'code'], { unique: true })
export class StaffMember {
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

  /** On the published roster (进驻人员); item 48 compares it against who is really seen. */
  @Column({ type: 'boolean', name: 'on_roster', default: true })
  onRoster!: boolean;
}
