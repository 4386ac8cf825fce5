// A browser-side queue of records the server has not yet accepted, in IndexedDB so that it
// survives a closed tab and a dead battery, and holds photos as Blobs. Entries leave the queue
// only when the server has answered for them; refused ones may move to `failed`.

export interface FailedEntry {
  seq?: number;
  what: string;
  reason: string;
  at: string;
}

const OUTBOX = 'outbox';
const FAILED = 'failed';

export interface IdbQueue<T extends { seq?: number }> {
  add(entry: T): Promise<IDBValidKey>;
  /** Every entry, oldest first. */
  all(): Promise<T[]>;
  remove(seq: number): Promise<undefined>;
  count(): Promise<number>;
  addFailed(failed: FailedEntry): Promise<IDBValidKey>;
  /** Moves an entry the server refused to `failed`. */
  fail(seq: number, failed: FailedEntry): Promise<void>;
  failed(): Promise<FailedEntry[]>;
  clearFailed(): Promise<undefined>;
}

export function idbQueue<T extends { seq?: number }>(name: string): IdbQueue<T> {
  let opening: Promise<IDBDatabase> | null = null;
  const open = (): Promise<IDBDatabase> =>
    (opening ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(OUTBOX, { keyPath: 'seq', autoIncrement: true });
        req.result.createObjectStore(FAILED, { keyPath: 'seq', autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opening = null;
        reject(req.error ?? new Error('IndexedDB unavailable'));
      };
    }));

  const run = async <R>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> => {
    const db = await open();
    return new Promise<R>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      // Resolved on commit, not on the request: a record is only "saved" once it is durable.
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  };

  return {
    add: (entry) => run(OUTBOX, 'readwrite', (s) => s.add(entry)),
    all: () => run<T[]>(OUTBOX, 'readonly', (s) => s.getAll()),
    remove: (seq) => run(OUTBOX, 'readwrite', (s) => s.delete(seq)),
    count: () => run<number>(OUTBOX, 'readonly', (s) => s.count()),
    addFailed: (failed) => run(FAILED, 'readwrite', (s) => s.add(failed)),
    fail: async (seq, failed) => {
      await run(FAILED, 'readwrite', (s) => s.add(failed));
      await run(OUTBOX, 'readwrite', (s) => s.delete(seq));
    },
    failed: () => run<FailedEntry[]>(FAILED, 'readonly', (s) => s.getAll()),
    clearFailed: () => run(FAILED, 'readwrite', (s) => s.clear()),
  };
}
