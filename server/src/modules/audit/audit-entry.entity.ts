import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One audited act. Rows are append-only: a trigger refuses UPDATE, TRUNCATE and DELETE of rows
 * younger than the retention floor, and the application's database role holds only SELECT
 * and INSERT on the table (see the AddAccounts migration and `hallwatch db-roles`).
 */
@Entity('audit_log')
@Index(['at'])
@Index(['site', 'at'])
@Index(['action', 'address', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Username, "admin-token", "cli", "display:<prefix>", "device:<prefix>" or "anonymous". */
  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  role!: string | null;

  /** Dotted verb, e.g. login.failed, access.denied, registry.window.update. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  /** What was acted on: a route, "user:<username>", "window:w3" … */
  @Column({ type: 'varchar', length: 300, nullable: true })
  target!: string | null;

  /** Site code the act concerns, for site-scoped reading. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  site!: string | null;

  /** Non-personal detail: field names, reasons, ids; never values such as names or phones. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  address!: string | null;

  /** New entries keep 300 characters; entries of the former review trail kept up to 500. */
  @Column({ type: 'varchar', length: 500, name: 'user_agent', nullable: true })
  userAgent!: string | null;

  /**
   * How many acts the row stands for: 1, except for refused requests, which are written once per
   * caller, route and minute and counted (the only change the table's trigger lets through).
   */
  @Column({ type: 'integer', default: 1 })
  count!: number;

  /** For refused requests, a hash of minute, caller, route and site: the row repeats are counted in. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  bucket!: string | null;
}
