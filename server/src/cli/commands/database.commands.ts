import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDatabase } from '../../core/database/ensure-database';
import { migrationSource } from '../../core/database/migration-file';
import { schemaDrift } from '../../core/database/schema-drift';
import { seedDemo } from '../../modules/demo/seed-demo';
import { ensureDemoTiers } from '../../modules/demo/seed-tiers';
import { CliCommand } from './command';
import { withDataSource } from './with-data-source';

export const migrate: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'create the database if needed and apply pending migrations',
  async run(config) {
    if (await ensureDatabase(config.DATABASE_URL)) console.log('Created the database');
    await withDataSource(
      config,
      async (ds) => {
        const ran = await ds.runMigrations({ transaction: 'all' });
        console.log(ran.length ? `Applied: ${ran.map((m) => m.name).join(', ')}` : 'Schema is up to date');
      },
      { longRunning: true },
    );
  },
};

export const migrationGenerate: CliCommand = {
  name: 'migration-generate',
  usage: 'migration-generate <Name>',
  summary: '(developers) write a migration for the entities’ changes',
  async run(config, args) {
    const name = args[0];
    if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Give the migration a PascalCase name, e.g. AddNotices');
    await withDataSource(
      config,
      async (ds) => {
        await ds.runMigrations({ transaction: 'all' });
        const drift = await schemaDrift(ds);
        if (!drift.up.length) {
          console.log('Entities and migrations agree; nothing to generate');
          return;
        }
        const ts = Date.now();
        const file = join(
          __dirname,
          '../../../src/core/database/migrations',
          `${ts}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`,
        );
        writeFileSync(file, migrationSource(name, ts, drift));
        console.log(`Wrote ${file}; add it to migrations/index.ts`);
      },
      { longRunning: true },
    );
  },
};

export const seedDemoCommand: CliCommand = {
  name: 'seed-demo',
  usage: 'seed-demo',
  summary: 'create the demo hall (41 departments, 8 towns, 92 villages)',
  async run(config) {
    await withDataSource(
      config,
      async (ds) => {
        console.log((await seedDemo(ds)) ? 'Seeded the demo hall (site "huiji")' : 'The demo hall already exists');
        const tiers = await ensureDemoTiers(ds);
        if (tiers) console.log(`Gave ${tiers} town centres and village stations their windows, staff and service items`);
      },
      { longRunning: true },
    );
  },
};
