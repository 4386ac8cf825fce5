import { CreateDepartmentDto } from '../../modules/registry/dtos/department.dto';
import { validateInput } from '../../modules/registry/dtos/registry-validation';
import { CreateServiceItemDto } from '../../modules/registry/dtos/service-item.dto';
import { CreateSiteDto, ListSitesQuery } from '../../modules/registry/dtos/site.dto';
import { CreateStaffDto } from '../../modules/registry/dtos/staff.dto';
import { ListUnknownReferencesQuery } from '../../modules/registry/dtos/unknown-reference.dto';
import { CreateWindowDto } from '../../modules/registry/dtos/window.dto';
import { RegistryService } from '../../modules/registry/registry.service';
import { SitesService } from '../../modules/registry/sites.service';
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

function siteOf(opts: Options, command: string): string {
  if (!opts.site || opts.site === 'true') throw new Error(`${command} needs --site <code>`);
  return opts.site;
}

/** Drops absent options so that the DTO's defaults and "absent" rules apply. */
const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const flag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v !== 'false');

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

export const siteCommand: CliCommand = {
  name: 'site',
  usage:
    'site list [--tier t] [--parent code] | create <code> --name n --tier hall|town|village [--parent code] [--name-en n] [--timezone tz]',
  summary: 'list or create sites (district hall, town centres, village stations)',
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, async (ds) => {
      const sites = new SitesService(ds);
      if (action === 'list') {
        only(o, 'site list', ['tier', 'parent']);
        const rows = await sites.listSites(validateInput(ListSitesQuery, defined({ tier: o.tier, parent: o.parent })));
        table(
          ['code', 'tier', 'parent', 'name'],
          rows.map((s) => [s.code, s.tier, s.parent, s.name]),
        );
        return 0;
      }
      if (action === 'create') {
        only(o, 'site create', ['name', 'name-en', 'tier', 'parent', 'timezone']);
        const input = validateInput(
          CreateSiteDto,
          defined({ code: o._ || undefined, name: o.name, nameEn: o['name-en'], tier: o.tier, parent: o.parent, timezone: o.timezone }),
        );
        const s = await sites.createSite(CLI_ACTOR, input);
        console.log(`Created ${s.tier} site ${s.code}${s.parent ? ` under ${s.parent}` : ''}`);
        return 0;
      }
      throw new Error('site needs list or create');
    });
  },
};

export const departmentCommand: CliCommand = {
  name: 'department',
  usage: 'department list --site s | create <code> --site s --name n [--name-en n] [--wait-target-sec n]',
  summary: "list or create a site's departments",
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, async (ds) => {
      const registry = new RegistryService(ds);
      if (action === 'list') {
        only(o, 'department list', ['site']);
        const rows = await registry.listDepartments(siteOf(o, 'department list'));
        table(
          ['code', 'wait target (s)', 'name'],
          rows.map((d) => [d.code, d.waitTargetSec, d.name]),
        );
        return 0;
      }
      if (action === 'create') {
        only(o, 'department create', ['site', 'name', 'name-en', 'wait-target-sec']);
        const site = siteOf(o, 'department create');
        const input = validateInput(
          CreateDepartmentDto,
          defined({ code: o._ || undefined, name: o.name, nameEn: o['name-en'], waitTargetSec: num(o['wait-target-sec']) }),
        );
        const d = await registry.createDepartment(CLI_ACTOR, site, input);
        console.log(`Created department ${d.code} at site ${site}`);
        return 0;
      }
      throw new Error('department needs list or create');
    });
  },
};

export const windowCommand: CliCommand = {
  name: 'window',
  usage: 'window list --site s | create <code> --site s [--department d] [--kind k] [--number n] [--closed] | open|close <code> --site s',
  summary: "list, create, open or close a site's windows",
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, async (ds) => {
      const registry = new RegistryService(ds);
      if (action === 'list') {
        only(o, 'window list', ['site']);
        const rows = await registry.listWindows(siteOf(o, 'window list'));
        table(
          ['code', 'number', 'department', 'kind', 'state'],
          rows.map((w) => [w.code, w.number, w.departmentCode, w.kind, w.isOpen ? 'open' : 'closed']),
        );
        return 0;
      }
      if (action === 'create') {
        only(o, 'window create', ['site', 'department', 'kind', 'number', 'closed']);
        const site = siteOf(o, 'window create');
        const closed = flag(o.closed);
        const input = validateInput(
          CreateWindowDto,
          defined({
            code: o._ || undefined,
            departmentCode: o.department,
            kind: o.kind,
            number: num(o.number),
            isOpen: closed === undefined ? undefined : !closed,
          }),
        );
        const w = await registry.createWindow(CLI_ACTOR, site, input);
        console.log(`Created ${w.kind} window ${w.code} at site ${site} (${w.isOpen ? 'open' : 'closed'})`);
        return 0;
      }
      if (action === 'open' || action === 'close') {
        only(o, `window ${action}`, ['site']);
        const site = siteOf(o, `window ${action}`);
        if (!o._) throw new Error(`window ${action} needs the window code`);
        const w = await registry.updateWindow(CLI_ACTOR, site, o._, { isOpen: action === 'open' });
        console.log(`Window ${w.code} at site ${site} is ${w.isOpen ? 'open' : 'closed'}`);
        return 0;
      }
      throw new Error('window needs list, create, open or close');
    });
  },
};

export const staffCommand: CliCommand = {
  name: 'staff',
  usage: 'staff list --site s | create <code> --site s --name n [--department d] [--off-roster] | remove <code> --site s',
  summary: 'list the roster, add someone, or take someone off the roster (kept as a known code)',
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, async (ds) => {
      const registry = new RegistryService(ds);
      if (action === 'list') {
        only(o, 'staff list', ['site']);
        const rows = await registry.listStaff(siteOf(o, 'staff list'));
        table(
          ['code', 'department', 'roster', 'name'],
          rows.map((s) => [s.code, s.departmentCode, s.onRoster ? 'on' : 'off', s.name]),
        );
        return 0;
      }
      if (action === 'create') {
        only(o, 'staff create', ['site', 'name', 'department', 'off-roster']);
        const site = siteOf(o, 'staff create');
        const off = flag(o['off-roster']);
        const input = validateInput(
          CreateStaffDto,
          defined({ code: o._ || undefined, name: o.name, departmentCode: o.department, onRoster: off === undefined ? undefined : !off }),
        );
        const s = await registry.createStaff(CLI_ACTOR, site, input);
        console.log(`Added staff ${s.code} at site ${site}${s.onRoster ? ' to the roster' : ' (not on the roster)'}`);
        return 0;
      }
      if (action === 'remove') {
        only(o, 'staff remove', ['site']);
        const site = siteOf(o, 'staff remove');
        if (!o._) throw new Error('staff remove needs the staff code');
        // Off the roster rather than deleted: past events keep resolving, and it can be undone.
        const s = await registry.updateStaff(CLI_ACTOR, site, o._, { onRoster: false });
        console.log(`Took staff ${s.code} at site ${site} off the roster`);
        return 0;
      }
      throw new Error('staff needs list, create or remove');
    });
  },
};

export const serviceItemCommand: CliCommand = {
  name: 'service-item',
  usage: 'service-item list --site s | create <code> --site s --name n [--department d] [--negative-list]',
  summary: "list or create a site's service items (事项)",
  async run(config, args) {
    const [action, ...rest] = args;
    const o = parseArgs(rest);
    return withDataSource(config, async (ds) => {
      const registry = new RegistryService(ds);
      if (action === 'list') {
        only(o, 'service-item list', ['site']);
        const rows = await registry.listServiceItems(siteOf(o, 'service-item list'));
        table(
          ['code', 'department', 'negative list', 'name'],
          rows.map((i) => [i.code, i.departmentCode, i.negativeList ? 'yes' : 'no', i.name]),
        );
        return 0;
      }
      if (action === 'create') {
        only(o, 'service-item create', ['site', 'name', 'department', 'negative-list']);
        const site = siteOf(o, 'service-item create');
        const input = validateInput(
          CreateServiceItemDto,
          defined({ code: o._ || undefined, name: o.name, departmentCode: o.department, negativeList: flag(o['negative-list']) }),
        );
        const i = await registry.createServiceItem(CLI_ACTOR, site, input);
        console.log(`Created service item ${i.code} at site ${site}`);
        return 0;
      }
      throw new Error('service-item needs list or create');
    });
  },
};

export const unknownRefsCommand: CliCommand = {
  name: 'unknown-refs',
  usage: 'unknown-refs --site s [--kind department|window|staff]',
  summary: 'codes that events named but the registry lacks',
  async run(config, args) {
    const o = parseArgs(args);
    only(o, 'unknown-refs', ['site', 'kind']);
    const site = siteOf(o, 'unknown-refs');
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
