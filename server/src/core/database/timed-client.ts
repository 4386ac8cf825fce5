import { Client } from 'pg';

const ANSWER_TIMED_OUT = 'Query read timeout';

/**
 * pg's client, except that a connection whose answer did not come within `query_timeout` is
 * closed. pg rejects that query but keeps the connection, which goes on waiting for the lost
 * answer, so every later query on it would wait and fail too; closed, it leaves the pool and
 * the next request opens a fresh one.
 */
export class TimedClient extends Client {}

const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
Object.defineProperty(TimedClient.prototype, 'query', {
  value: function timedQuery(this: TimedClient, ...args: unknown[]): unknown {
    const result = query.apply(this, args);
    if (result instanceof Promise)
      result.catch((err: unknown) => {
        if ((err as Error | null)?.message === ANSWER_TIMED_OUT) this.connection.stream.destroy();
      });
    return result;
  },
  writable: true,
  configurable: true,
});

/**
 * Lifts the driver's answer timeout on this connection while `fn` runs, for work that is long by
 * nature (VACUUM of a large table): the caller lifts PostgreSQL's statement_timeout alongside.
 */
export async function withoutAnswerTimeout<T>(client: unknown, fn: () => Promise<T>): Promise<T> {
  const params = (client as { connectionParameters?: { query_timeout?: number | false } }).connectionParameters;
  const before = params?.query_timeout;
  if (params) params.query_timeout = 0;
  try {
    return await fn();
  } finally {
    if (params) params.query_timeout = before;
  }
}
