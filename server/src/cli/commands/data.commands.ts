import type { RetentionPlanView } from '@hallwatch/shared';
import { resolve } from 'node:path';
import { backup } from '../../core/backup/backup';
import { restore } from '../../core/backup/restore';
import { Clock } from '../../core/time/clock';
import { systemActor } from '../../modules/audit/actor';
import { RetentionPolicyService } from '../../modules/retention/retention-policy.service';
import { RetentionService } from '../../modules/retention/retention.service';
import { CliCommand, parseArgs } from './command';
import { only } from './registry.commands';
import { withDataSource } from './with-data-source';

/** Every id and range, so that a dry run can be checked line by line against the real run. */
export function printPlan(plan: RetentionPlanView, dryRun: boolean): void {
  const verb = dryRun ? 'Would' : 'Did';
  console.log(`${verb} erase ${plan.phones.count} phone numbers (follow-ups closed before ${plan.cutoffs.phones})`);
  for (const id of plan.phones.reviews) console.log(`  phone  review     ${id}`);
  for (const id of plan.phones.complaints) console.log(`  phone  complaint  ${id}`);
  console.log(`${verb} ${plan.events.action} ${plan.events.count} events (service days before ${plan.cutoffs.events})`);
  for (const r of plan.events.ranges) console.log(`  events ${r.site} ${r.month} ${r.from}..${r.to} ${r.count}`);
  for (const r of plan.events.heldBack) console.log(`  held back (rollups not final) ${r.site} ${r.month} ${r.from}..${r.to} ${r.count}`);
  console.log(`${verb} delete ${plan.photos.count} patrol photos (uploaded before ${plan.cutoffs.photos})`);
  for (const id of plan.photos.ids) console.log(`  photo  ${id}`);
}

export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: 'retention [--dry-run]',
  summary: 'erase what the retention policy says is past its period (phones, raw events, patrol photos); --dry-run lists it',
  async run(config, args) {
    const opts = parseArgs(args);
    only(opts, 'retention', ['dry-run']);
    await withDataSource(
      config,
      async (ds) => {
        const service = new RetentionService(ds, config, new Clock(config), new RetentionPolicyService(ds));
        if (opts['dry-run'] === 'true') {
          printPlan(await service.plan(), true);
          return;
        }
        const { run, plan } = await service.run('cli', systemActor('cli'));
        printPlan(plan, false);
        for (const f of run.files) console.log(`  archive ${resolve(config.DATA_DIR, f)}`);
        console.log(`Run ${run.id}: ${run.phones} phones, ${run.events} events, ${run.photos} photos`);
      },
      { longRunning: true },
    );
  },
};

export const backupCommand: CliCommand = {
  name: 'backup',
  usage: 'backup <dir> [--pg-bin <dir>]',
  summary: 'write a consistent backup (pg_dump, DATA_DIR files, manifest with checksums) into a new directory',
  async run(config, args) {
    const opts = parseArgs(args);
    only(opts, 'backup', ['pg-bin']);
    if (!opts._) throw new Error('Give the directory to write the backup into: backup <dir>');
    const m = await backup({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, dir: opts._, pgBin: opts['pg-bin'] });
    const bytes = m.files.reduce((n, f) => n + f.size, 0);
    console.log(
      `Backed up "${m.database}" (migration ${m.migration.last ?? 'none'}, ${m.files.length} files, ${(bytes / 1048576).toFixed(1)} MB) into ${resolve(opts._)}`,
    );
  },
};

export const restoreCommand: CliCommand = {
  name: 'restore',
  usage: 'restore <dir> --database <name> [--pg-bin <dir>]',
  summary: 'restore a backup into an empty (or new) database on the DATABASE_URL server, and its files into DATA_DIR',
  async run(config, args) {
    const opts = parseArgs(args);
    only(opts, 'restore', ['database', 'pg-bin']);
    if (!opts._) throw new Error('Give the backup directory: restore <dir> --database <name>');
    if (!opts.database || opts.database === 'true') throw new Error('Name the database to restore into: --database <name>');
    const r = await restore({
      databaseUrl: config.DATABASE_URL,
      database: opts.database,
      dir: opts._,
      dataDir: config.DATA_DIR,
      pgBin: opts['pg-bin'],
    });
    console.log(
      `Restored the backup of "${r.manifest.database}" taken ${r.manifest.createdAt} into ${r.created ? 'the new' : 'the empty'} database "${opts.database}" ` +
        `(migration ${r.manifest.migration.last ?? 'none'}; ${r.files} files into ${resolve(config.DATA_DIR)}). ` +
        'Start Hallwatch on it: it applies any newer migrations.',
    );
  },
};
