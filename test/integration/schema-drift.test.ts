import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/src/core/database/data-source';
import { schemaDrift } from '../../server/src/core/database/schema-drift';
import { startTestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

const entityTables = (ds: DataSource): string[] => ds.entityMetadatas.map((m) => m.tableName).sort();

describe('migrations', () => {
  it('leave no difference between the entities and the migrated schema', async () => {
    const db = await createTestDatabase();
    const ds = createDataSource(db.url);
    await ds.initialize();
    try {
      // The template was built by running every migration; an entity change without one shows up here.
      expect((await schemaDrift(ds)).up).toEqual([]);
      expect(await ds.showMigrations()).toBe(false);
      // A table no entity file declares would escape the comparison above (nothing is dropped):
      // every table of the schema has its entity, found by file name.
      const tables: { name: string }[] = await ds.query(
        `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'`,
      );
      expect(entityTables(ds)).toEqual(tables.map((t) => t.name).sort());
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });

  it('the server knows every entity, each registered by its own module', async () => {
    const t = await startTestApp();
    const db = createDataSource(t.config.DATABASE_URL);
    await db.initialize();
    try {
      expect(entityTables(t.ds)).toEqual(entityTables(db));
    } finally {
      await db.destroy();
      await t.close();
    }
  });
});
