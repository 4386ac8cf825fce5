import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';
import { makeSite } from './factories';
import { createTestDatabase, TestDatabase } from './test-db';

/** A fresh database holding one site and a device key of it, for tests that run the server as a process. */
export interface SiteDatabase {
  db: TestDatabase;
  /** Open on the database, for the test to seed and to read what the server stored. */
  ds: DataSource;
  key: string;
  close(): Promise<void>;
}

export async function siteDatabase(site: string): Promise<SiteDatabase> {
  const db = await createTestDatabase();
  const ds = createDataSource(db.url);
  await ds.initialize();
  await makeSite(ds, site);
  const key = (await new DeviceKeysService(ds).create(site, 'test')).key;
  return {
    db,
    ds,
    key,
    close: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}
