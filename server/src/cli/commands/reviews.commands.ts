import { CALENDAR_DAY_KINDS, CalendarDayKind } from '@hallwatch/shared';
import { Site } from '../../modules/registry/site.entity';
import { calendarWithoutQueue } from '../../modules/reviews/follow-up-calendar';
import { systemActor } from '../../modules/audit/actor';
import { registryPoints, seedReviewHistory } from '../../modules/reviews/review-history-seed';
import { RollupService } from '../../modules/trends/rollup.service';
import { addDays, isCalendarDay, localDay } from '../../core/time/zoned-time';
import { withCliEvents } from './cli-events';
import { CliCommand, parseArgs } from './command';
import { only } from './registry.commands';
import { withDataSource } from './with-data-source';

const day = (v: string | undefined, name: string): string => {
  if (!isCalendarDay(v)) throw new Error(`--${name} must be a date YYYY-MM-DD`);
  return v;
};

export const rollupRebuildCommand: CliCommand = {
  name: 'reviews-rollup-rebuild',
  usage: 'reviews-rollup-rebuild --from YYYY-MM-DD --to YYYY-MM-DD [--site <code>]',
  summary: 're-derive the 好差评 rollups (rates, trends, heatmap) from the raw tables',
  async run(config, args) {
    const opts = parseArgs(args);
    only(opts, 'reviews-rollup-rebuild', ['from', 'to', 'site']);
    const from = day(opts.from, 'from');
    const to = day(opts.to, 'to');
    await withDataSource(config, async (ds) => {
      let ids: string[] | null = null;
      if (opts.site) {
        const site = await ds.getRepository(Site).findOneBy({ code: opts.site });
        if (!site) throw new Error(`No site with code "${opts.site}"`);
        ids = [site.id];
      }
      const t0 = Date.now();
      await new RollupService(ds).rebuild(ids, from, to, (done) => console.log(`  rebuilt through ${done}`));
      console.log(`Rebuilt the rollups of ${opts.site ?? 'every site'} for ${from}..${to} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
  },
};

export const calendarCommand: CliCommand = {
  name: 'calendar',
  usage:
    'calendar list [--site <code>] | calendar set --from D [--to D] --kind holiday|workday --name 名称 [--site <code>] | calendar remove --day D [--site <code>]',
  summary: 'the working-day calendar of the follow-up deadlines and patrol rounds: holidays and make-up working days (调休)',
  async run(config, args) {
    const opts = parseArgs(args);
    await withDataSource(config, (ds) =>
      withCliEvents(config, async (events) => {
        const site = opts.site ? await ds.getRepository(Site).findOneBy({ code: opts.site }) : null;
        if (opts.site && !site) throw new Error(`No site with code "${opts.site}"`);
        const calendar = calendarWithoutQueue(ds, events);
        const who = systemActor('cli');
        if (opts._ === 'list') {
          only(opts, 'calendar list', ['site', 'from', 'to']);
          const today = localDay(new Date(), config.HALL_TIMEZONE);
          const rows = await calendar.list(site, opts.from ?? `${today.slice(0, 4)}-01-01`, opts.to ?? addDays(today, 400));
          for (const r of rows) console.log(`${r.day}  ${r.kind === 'holiday' ? '休' : '班'}  ${r.name}${r.site ? `  (${r.site})` : ''}`);
          return;
        }
        if (opts._ === 'set') {
          only(opts, 'calendar set', ['site', 'from', 'to', 'kind', 'name']);
          if (!CALENDAR_DAY_KINDS.includes(opts.kind as CalendarDayKind)) throw new Error('--kind must be holiday or workday');
          if (!opts.name || opts.name === 'true') throw new Error('--name is required (e.g. 国庆节)');
          const from = day(opts.from, 'from');
          const rows = await calendar.set(site, who, {
            from,
            to: opts.to ? day(opts.to, 'to') : from,
            kind: opts.kind as CalendarDayKind,
            name: opts.name,
          });
          console.log(`Set ${rows.length} day(s)`);
          return;
        }
        if (opts._ === 'remove') {
          only(opts, 'calendar remove', ['site', 'day']);
          await calendar.remove(site, who, day(opts.day, 'day'));
          console.log('Removed');
          return;
        }
        throw new Error(`usage: ${calendarCommand.usage}`);
      }),
    );
  },
};

export const seedReviewHistoryCommand: CliCommand = {
  name: 'seed-review-history',
  usage: 'seed-review-history --site <code> --from YYYY-MM-DD --to YYYY-MM-DD [--tickets N]',
  summary: '(demo) write a synthetic history of served tickets, reviews and follow-ups for a site, then its rollups',
  async run(config, args) {
    const opts = parseArgs(args);
    only(opts, 'seed-review-history', ['site', 'from', 'to', 'tickets']);
    const from = day(opts.from, 'from');
    const to = day(opts.to, 'to');
    await withDataSource(config, async (ds) => {
      const site = await ds.getRepository(Site).findOneBy({ code: opts.site ?? '' });
      if (!site) throw new Error(`No site with code "${opts.site ?? ''}"`);
      const points = await registryPoints(ds, site.id);
      if (!points.length) throw new Error(`${site.code} has no open windows with a department to serve from`);
      const tickets = Number(opts.tickets ?? 100_000);
      await seedReviewHistory(ds, {
        points,
        from,
        to,
        tickets,
        prefix: `h${Date.now().toString(36)}-`,
        timeZone: site.timezone,
        now: new Date(),
      });
      await new RollupService(ds).rebuild([site.id], from, to);
      console.log(`Wrote ${tickets} served tickets with their reviews for ${site.code}, ${from}..${to}, and rebuilt the rollups`);
    });
  },
};

export const REVIEWS_COMMANDS = [rollupRebuildCommand, calendarCommand, seedReviewHistoryCommand];
