import { validateInput } from '../../core/validation/input-validation';
import { CalendarDayDto, UpdateScheduleDto } from '../../modules/patrol/dtos/schedule.dto';
import { PatrolScheduleService } from '../../modules/patrol/patrol-schedule.service';
import { calendarWithoutQueue } from '../../modules/reviews/follow-up-calendar';
import { systemActor } from '../../modules/audit/actor';
import { withCliEvents } from './cli-events';
import { CliCommand, parseArgs } from './command';
import { only, requiredSite, table } from './registry.commands';
import { withDataSource } from './with-data-source';

const list = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : v.split(',').map((s) => s.trim()));

// Running workers pick a change up at their next sweep (within a minute); the API applies it at once.
const LATER = 'Running workers plan the rounds anew within a minute.';

export const patrolScheduleCommand: CliCommand = {
  name: 'patrol-schedule',
  usage: 'patrol-schedule --site <code> [--enable | --disable] [--times 09:00,11:00,14:30,16:30] [--weekdays 1,2,3,4,5]',
  summary: 'show or set a site’s patrol round times and working weekdays',
  async run(config, args) {
    const o = parseArgs(args);
    only(o, 'patrol-schedule', ['site', 'enable', 'disable', 'times', 'weekdays']);
    const site = requiredSite(o, 'patrol-schedule');
    if (o.enable && o.disable) throw new Error('give --enable or --disable, not both');
    return withDataSource(config, (ds) =>
      withCliEvents(config, async (events) => {
        const service = new PatrolScheduleService(ds, calendarWithoutQueue(ds, events));
        const changing = o.enable || o.disable || o.times || o.weekdays;
        const raw: Record<string, unknown> = {};
        if (o.enable) raw.enabled = true;
        if (o.disable) raw.enabled = false;
        if (o.times) raw.times = list(o.times);
        if (o.weekdays) raw.weekdays = list(o.weekdays)?.map(Number);
        const view = changing ? await service.updateSchedule(site, validateInput(UpdateScheduleDto, raw)) : await service.getSchedule(site);
        console.log(
          `${view.site}: patrol ${view.enabled ? 'enabled' : 'disabled'}; rounds at ${view.times.join(', ')}; weekdays ${view.weekdays.join(',')}`,
        );
        if (changing) console.log(LATER);
        return 0;
      }),
    );
  },
};

export const patrolCalendarCommand: CliCommand = {
  name: 'patrol-calendar',
  usage: 'patrol-calendar --site <code> list [--from d --to d] | set <YYYY-MM-DD> --kind holiday|workday [--name n] | remove <YYYY-MM-DD>',
  summary: 'edit a site’s own days in the working calendar (holidays, weekend days worked); rounds and follow-up deadlines follow',
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, (ds) =>
      withCliEvents(config, async (events) => {
        const service = new PatrolScheduleService(ds, calendarWithoutQueue(ds, events));
        if (action === 'list') {
          only(o, 'patrol-calendar list', ['site', 'from', 'to']);
          const days = await service.listCalendar(requiredSite(o, 'patrol-calendar'), o.from, o.to);
          table(
            ['day', 'kind', 'name'],
            days.map((d) => [d.day, d.kind, d.name]),
          );
          return 0;
        }
        if (action === 'set') {
          only(o, 'patrol-calendar set', ['site', 'kind', 'name']);
          const input = validateInput(CalendarDayDto, { kind: o.kind, ...(o.name ? { name: o.name } : {}) });
          const d = await service.setCalendarDay(requiredSite(o, 'patrol-calendar'), o._, input, systemActor('cli'));
          console.log(`${d.day} is now a ${d.kind}${d.name ? ` (${d.name})` : ''}. ${LATER}`);
          return 0;
        }
        if (action === 'remove') {
          only(o, 'patrol-calendar remove', ['site']);
          await service.removeCalendarDay(requiredSite(o, 'patrol-calendar'), o._, systemActor('cli'));
          console.log(`${o._} follows the weekly pattern again. ${LATER}`);
          return 0;
        }
        throw new Error(`Usage: npm run hallwatch -- ${patrolCalendarCommand.usage}`);
      }),
    );
  },
};
