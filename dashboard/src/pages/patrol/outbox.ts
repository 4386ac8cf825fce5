import type { PatrolNoticeInput, PatrolRoundEvent } from '@hallwatch/shared';
// The browser-side queue of records not yet accepted by the server, in IndexedDB so that it
// survives a closed tab and a dead battery, and holds photos as Blobs. Entries leave the
// queue only when the server has answered for them; refused ones move to `failed`.

export type OutboxEntry =
  | { seq?: number; kind: 'events'; site: string; events: PatrolRoundEvent[] }
  | { seq?: number; kind: 'photo'; site: string; check: string; blob: Blob }
  | { seq?: number; kind: 'notice'; site: string; notice: PatrolNoticeInput };

export interface FailedEntry {
  seq?: number;
  what: string;
  reason: string;
  at: string;
}

const DB = 'hallwatch-patrol';
const OUTBOX = 'outbox';
const FAILED = 'failed';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(OUTBOX, { keyPath: 'seq', autoIncrement: true });
      req.result.createObjectStore(FAILED, { keyPath: 'seq', autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    // Resolved on commit, not on the request: a record is only "saved" once it is durable.
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
  });
}

export const outbox = {
  add: (entry: OutboxEntry) => run(OUTBOX, 'readwrite', (s) => s.add(entry)),
  all: () => run<OutboxEntry[]>(OUTBOX, 'readonly', (s) => s.getAll()),
  remove: (seq: number) => run(OUTBOX, 'readwrite', (s) => s.delete(seq)),
  count: () => run<number>(OUTBOX, 'readonly', (s) => s.count()),
  addFailed: (failed: FailedEntry) => run(FAILED, 'readwrite', (s) => s.add(failed)),
  fail: async (seq: number, failed: FailedEntry) => {
    await run(FAILED, 'readwrite', (s) => s.add(failed));
    await run(OUTBOX, 'readwrite', (s) => s.delete(seq));
  },
  failed: () => run<FailedEntry[]>(FAILED, 'readonly', (s) => s.getAll()),
  clearFailed: () => run(FAILED, 'readwrite', (s) => s.clear()),
};
