import { DataSource } from 'typeorm';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';
import { Department } from '../../server/src/modules/registry/department.entity';
import { HallWindow } from '../../server/src/modules/registry/hall-window.entity';
import { Site } from '../../server/src/modules/registry/site.entity';
import { StaffMember } from '../../server/src/modules/registry/staff-member.entity';

/** A small hall: departments d1..dN, each with two windows and a staff member per window. */
export async function makeSite(ds: DataSource, code: string, departments = 2): Promise<Site> {
  const site = await ds.getRepository(Site).save({ code, name: `测试大厅 ${code}`, nameEn: null, tier: 'hall', parentId: null });
  let n = 1;
  for (let d = 1; d <= departments; d++) {
    await ds.getRepository(Department).save({ siteId: site.id, code: `d${d}`, name: `部门${d}`, nameEn: `Dept ${d}`, waitTargetSec: null });
    for (let w = 0; w < 2; w++, n++) {
      await ds
        .getRepository(HallWindow)
        .save({ siteId: site.id, code: `w${n}`, number: n, departmentCode: `d${d}`, kind: 'general', isOpen: true });
      await ds
        .getRepository(StaffMember)
        .save({ siteId: site.id, code: `s${n}`, name: `人员${n}`, departmentCode: `d${d}`, onRoster: true });
    }
  }
  return site;
}

let seq = 0;
/** An event envelope with a unique id and a time near now (hall time). */
export function ev(type: string, data: Record<string, unknown>, occurredAt: Date = new Date(), id?: string) {
  return { id: id ?? `e${Date.now().toString(36)}${(seq++).toString(36)}`, type, occurredAt: occurredAt.toISOString(), data };
}

/** A walk-in ticket served to the end: issued, called and completed at the three times given. */
export function servedTicket(ticket: string, [issued, called, completed]: Date[], { department = 'd1', window = 'w1', staff = 's1' } = {}) {
  return [
    ev('ticket.issued', { ticket, department, channel: 'walk_in' }, issued),
    ev('ticket.called', { ticket, window }, called),
    ev('ticket.completed', { ticket, window, staff, outcome: 'done' }, completed),
  ];
}

/** A device key of the site, for a test that posts events to a server running as its own process. */
export async function deviceKeyOn(ds: DataSource, site: string, label = 'test'): Promise<string> {
  return (await new DeviceKeysService(ds).create(site, label)).key;
}
