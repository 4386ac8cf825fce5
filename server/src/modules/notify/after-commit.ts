import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';

type Task = () => void;

const pending = new WeakMap<QueryRunner, Task[]>();

/**
 * Runs work once the outermost transaction of a caller's manager has committed, and drops it
 * when the transaction rolls back. A job must not reach Redis before its row is visible, nor
 * for a row that never was; anything this misses (a process dying right after COMMIT) the
 * sweep finds among the `queued` rows.
 */
class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const qr = event.queryRunner;
    if (qr.isTransactionActive) return; // a savepoint released: the outer transaction may still fail
    const tasks = pending.get(qr);
    pending.delete(qr);
    for (const task of tasks ?? []) task();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) pending.delete(event.queryRunner);
  }
}

const installed = new WeakSet<DataSource>();

export function installAfterCommit(ds: DataSource): void {
  if (installed.has(ds)) return;
  installed.add(ds);
  ds.subscribers.push(new AfterCommitSubscriber());
}

/** Runs `task` after the manager's transaction commits, or now when it is in none. */
export function afterCommit(em: EntityManager, task: Task): void {
  const qr = em.queryRunner;
  if (!qr || !qr.isTransactionActive) {
    task();
    return;
  }
  const tasks = pending.get(qr) ?? [];
  tasks.push(task);
  pending.set(qr, tasks);
}
