import { WINDOW_KINDS, type WindowKind } from '@hallwatch/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export { WINDOW_KINDS };
export type { WindowKind };

// "Window" would shadow the DOM global in shared tooling, hence HallWindow.
@Entity('windows')
@Index(['siteId', 'code'], { unique: true })
export class HallWindow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'site_id' })
  siteId!: string;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'int', nullable: true })
  number!: number | null;

  @Column({ type: 'varchar', length: 64, name: 'department_code', nullable: true })
  departmentCode!: string | null;

  @Column({ type: 'varchar', length: 24, default: 'general' })
  kind!: WindowKind;

  @Column({ type: 'boolean', name: 'is_open', default: true })
  isOpen!: boolean;
}
