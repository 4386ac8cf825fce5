import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { createDataSource, databaseTimeouts, longRunning } from '../../core/database/data-source';

/** `longRunning` for commands long by nature (migrations, rebuilds): no statement or answer time limit. */
export async function withDataSource<T>(
  config: AppConfig,
  fn: (ds: DataSource) => Promise<T>,
  opts: { longRunning?: boolean } = {},
): Promise<T> {
  const timeouts = databaseTimeouts(config);
  const ds = createDataSource(config.DATABASE_URL, opts.longRunning ? longRunning(timeouts) : timeouts);
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}
