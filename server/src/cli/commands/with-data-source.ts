import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { createDataSource } from '../../core/database/data-source';

export async function withDataSource<T>(config: AppConfig, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createDataSource(config.DATABASE_URL);
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}
