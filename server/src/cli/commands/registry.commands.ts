import { ClassConstructor } from 'class-transformer';
import { DataSource } from 'typeorm';
import { CreateDepartmentDto } from '../../modules/registry/dtos/department.dto';
import { validateInput } from '../../core/validation/input-validation';
import { CreateServiceItemDto } from '../../modules/registry/dtos/service-item.dto';
import { CreateSiteDto, ListSitesQuery } from '../../modules/registry/dtos/site.dto';
import { CreateStaffDto } from '../../modules/registry/dtos/staff.dto';
import { ListUnknownReferencesQuery } from '../../modules/registry/dtos/unknown-reference.dto';
import { CreateWindowDto } from '../../modules/registry/dtos/window.dto';
import { RegistryService } from '../../modules/registry/registry.service';
import { SitesService } from '../../modules/registry/sites.service';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { DomainEvents } from '../../modules/domain-events/domain-events';
import { withCliEvents } from './cli-events';
import { CliCommand, parseArgs } from './command';
import { withDataSource } from './with-data-source';

// Whoever runs the CLI has the server's database credentials; until accounts exist the
// audit hook knows them only as the CLI.
const CLI_ACTOR = 'cli';

type Options = ReturnType<typeof parseArgs>;

/** Refuses options the action does not know, so a typo is not silently ignored. */
export function only(opts: Options, command: string, allowed: string[]): void {
  const unknown = Object.keys(opts).filter((k) => k !== '_' && !allowed.includes(k));
  if (unknown.length)
    throw new Error(
      `${command} does not take --${unknown.join(', --')}; it takes ${allowed.map((a) => `--${a}`).join(', ') || 'no options'}`,
    );
}

/** Drops absent options so that the DTO's defaults and "absent" rules apply. */
const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const flag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v !== 'false');
/** For an option that names the opposite of its field, as --closed does for isOpen. */
const inverseFlag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === 'false');

export function table(header: string[], rows: Array<Array<string | number | null>>): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? '-' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  for (const r of cells)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  if (!rows.length) console.log('(none)');
}

/** "a or b", "a, b or c": the actions a command names when it is given none it knows. */
const orList = (words: string[]): string =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words.join('');

/**
 * A command whose first argument picks the action. It connects before looking the action up, so
 * a database it cannot reach is the first error whatever the action. Its changes reach the
 * servers' walls through the domain events' relay.
 */
function actionCommand<S>({
  service,
  actions,
  ...command
}: Omit<CliCommand, 'run'> & {
  service: (ds: DataSource, events: DomainEventBus<DomainEvents>) => S;
  actions: Record<string, (o: Options, service: S) => Promise<void>>;
}): CliCommand {
  return {
    ...command,
    async run(config, args) {
      const [action, ...rest] = args;
      const o = parseArgs(rest);
      return withDataSource(config, async (ds) => {
        // Own keys only: "constructor" or "toString" is not an action.
        if (!Object.hasOwn(actions, action)) throw new Error(`${command.name} needs ${orList(Object.keys(actions))}`);
        await withCliEvents(config, (events) => actions[action](o, service(ds, events)));
        return 0;
      });
    },
  };
}

const registryService = (ds: DataSource, events: DomainEventBus<DomainEvents>) => new RegistryService(ds, events);

/** Validates a create's input; the record's code is the positional argument. */
const createInput = <T extends object>(dto: ClassConstructor<T>, o: Options, fields: Record<string, unknown>): T =>
  validateInput(dto, defined({ code: o._ || undefined, ...fields }));

/** The code given with --site; a bare --site (parsed as "true") counts as none. */
export function requiredSite(o: Options, command: string): string {
  if (!o.site || o.site === 'true') throw new Error(`${command} needs --site <code>`);
  return o.site;
}

/** The site of an action that takes --site and `options`; a mistyped option is reported before a missing site. */
function siteFor(o: Options, command: string, options: string[] = []): string {
  only(o, command, ['site', ...options]);
  return requiredSite(o, command);
}

/** `<kind> list --site s`: the site's records of one kind as a table. */
async function listAtSite<T>(
  o: Options,
  command: string,
  fetch: (site: string) => Promise<T[]>,
  header: string[],
  row: (record: T) => Array<string | number | null>,
): Promise<void> {
  table(header, (await fetch(siteFor(o, command))).map(row));
}

/** `<kind> <action> <code> --site s`: an action on one record the site already has. */
function recordAtSite(o: Options, command: string, noun: string): { site: string; code: string } {
  const site = siteFor(o, command);
  if (!o._) throw new Error(`${command} needs the ${noun} code`);
  return { site, code: o._ };
}

export const siteCommand = actionCommand({
  name: 'site',
  usage:
    'site list [--tier t] [--parent code] | create <code> --name n --tier hall|town|village [--parent code] [--name-en n] [--timezone tz]',
  summary: 'list or create sites (district hall, town centres, village stations)',
  service: (ds, events) => new SitesService(ds, events),
  actions: {
    async list(o, sites) {
      only(o, 'site list', ['tier', 'parent']);
      const rows = await sites.listSites(validateInput(ListSitesQuery, defined({ tier: o.tier, parent: o.parent })));
      table(
        ['code', 'tier', 'parent', 'name'],
        rows.map((s) => [s.code, s.tier, s.parent, s.name]),
      );
    },
    async create(o, sites) {
      only(o, 'site create', ['name', 'name-en', 'tier', 'parent', 'timezone']);
      const input = createInput(CreateSiteDto, o, {
        name: o.name,
        nameEn: o['name-en'],
        tier: o.tier,
        parent: o.parent,
        timezone: o.timezone,
      });
      const s = await sites.createSite(CLI_ACTOR, input);
      console.log(`Created ${s.tier} site ${s.code}${s.parent ? ` under ${s.parent}` : ''}`);
    },
  },
});

export const departmentCommand = actionCommand({
  name: 'department',
  usage: 'department list --site s | create <code> --site s --name n [--name-en n] [--wait-target-sec n]',
  summary: "list or create a site's departments",
  service: registryService,
  actions: {
    list: (o, registry) =>
      listAtSite(
        o,
        'department list',
        (site) => registry.listDepartments(site),
        ['code', 'wait target (s)', 'name'],
        (d) => [d.code, d.waitTargetSec, d.name],
      ),
    async create(o, registry) {
      const site = siteFor(o, 'department create', ['name', 'name-en', 'wait-target-sec']);
      const input = createInput(CreateDepartmentDto, o, { name: o.name, nameEn: o['name-en'], waitTargetSec: num(o['wait-target-sec']) });
      const d = await registry.createDepartment(CLI_ACTOR, site, input);
      console.log(`Created department ${d.code} at site ${site}`);
    },
  },
});

/** `window open|close <code>`: the same change with the state named by the action. */
async function setWindowState(o: Options, registry: RegistryService, action: 'open' | 'close'): Promise<void> {
  const { site, code } = recordAtSite(o, `window ${action}`, 'window');
  const w = await registry.updateWindow(CLI_ACTOR, site, code, { isOpen: action === 'open' });
  console.log(`Window ${w.code} at site ${site} is ${w.isOpen ? 'open' : 'closed'}`);
}

export const windowCommand = actionCommand({
  name: 'window',
  usage: 'window list --site s | create <code> --site s [--department d] [--kind k] [--number n] [--closed] | open|close <code> --site s',
  summary: "list, create, open or close a site's windows",
  service: registryService,
  actions: {
    list: (o, registry) =>
      listAtSite(
        o,
        'window list',
        (site) => registry.listWindows(site),
        ['code', 'number', 'department', 'kind', 'state'],
        (w) => [w.code, w.number, w.departmentCode, w.kind, w.isOpen ? 'open' : 'closed'],
      ),
    async create(o, registry) {
      const site = siteFor(o, 'window create', ['department', 'kind', 'number', 'closed']);
      const input = createInput(CreateWindowDto, o, {
        departmentCode: o.department,
        kind: o.kind,
        number: num(o.number),
        isOpen: inverseFlag(o.closed),
      });
      const w = await registry.createWindow(CLI_ACTOR, site, input);
      console.log(`Created ${w.kind} window ${w.code} at site ${site} (${w.isOpen ? 'open' : 'closed'})`);
    },
    open: (o, registry) => setWindowState(o, registry, 'open'),
    close: (o, registry) => setWindowState(o, registry, 'close'),
  },
});

export const staffCommand = actionCommand({
  name: 'staff',
  usage: 'staff list --site s | create <code> --site s --name n [--department d] [--off-roster] | remove <code> --site s',
  summary: 'list the roster, add someone, or take someone off the roster (kept as a known code)',
  service: registryService,
  actions: {
    list: (o, registry) =>
      listAtSite(
        o,
        'staff list',
        (site) => registry.listStaff(site),
        ['code', 'department', 'roster', 'name'],
        (s) => [s.code, s.departmentCode, s.onRoster ? 'on' : 'off', s.name],
      ),
    async create(o, registry) {
      const site = siteFor(o, 'staff create', ['name', 'department', 'off-roster']);
      const input = createInput(CreateStaffDto, o, { name: o.name, departmentCode: o.department, onRoster: inverseFlag(o['off-roster']) });
      const s = await registry.createStaff(CLI_ACTOR, site, input);
      console.log(`Added staff ${s.code} at site ${site}${s.onRoster ? ' to the roster' : ' (not on the roster)'}`);
    },
    async remove(o, registry) {
      const { site, code } = recordAtSite(o, 'staff remove', 'staff');
      // Off the roster rather than deleted: past events keep resolving, and it can be undone.
      const s = await registry.updateStaff(CLI_ACTOR, site, code, { onRoster: false });
      console.log(`Took staff ${s.code} at site ${site} off the roster`);
    },
  },
});

export const serviceItemCommand = actionCommand({
  name: 'service-item',
  usage: 'service-item list --site s | create <code> --site s --name n [--department d] [--negative-list]',
  summary: "list or create a site's service items (事项)",
  service: registryService,
  actions: {
    list: (o, registry) =>
      listAtSite(
        o,
        'service-item list',
        (site) => registry.listServiceItems(site),
        ['code', 'department', 'negative list', 'name'],
        (i) => [i.code, i.departmentCode, i.negativeList ? 'yes' : 'no', i.name],
      ),
    async create(o, registry) {
      const site = siteFor(o, 'service-item create', ['name', 'department', 'negative-list']);
      const input = createInput(CreateServiceItemDto, o, {
        name: o.name,
        departmentCode: o.department,
        negativeList: flag(o['negative-list']),
      });
      const i = await registry.createServiceItem(CLI_ACTOR, site, input);
      console.log(`Created service item ${i.code} at site ${site}`);
    },
  },
});

export const unknownRefsCommand: CliCommand = {
  name: 'unknown-refs',
  usage: 'unknown-refs --site s [--kind department|window|staff]',
  summary: 'codes that events named but the registry lacks',
  async run(config, args) {
    const o = parseArgs(args);
    const site = siteFor(o, 'unknown-refs', ['kind']);
    const { kind } = validateInput(ListUnknownReferencesQuery, defined({ kind: o.kind }));
    return withDataSource(config, async (ds) => {
      const rows = await new RegistryService(ds).listUnknownReferences(site, kind);
      table(
        ['kind', 'code', 'events', 'first seen', 'last seen'],
        rows.map((r) => [r.kind, r.code, r.eventCount, r.firstSeen, r.lastSeen]),
      );
      return 0;
    });
  },
};

export const REGISTRY_COMMANDS: CliCommand[] = [
  siteCommand,
  departmentCommand,
  windowCommand,
  staffCommand,
  serviceItemCommand,
  unknownRefsCommand,
];
