import { HallHours, LunchBreak } from '@hallwatch/shared';
import { DataSource } from 'typeorm';
import { Department } from '../registry/department.entity';
import { HallWindow } from '../registry/hall-window.entity';
import { Site } from '../registry/site.entity';
import { StaffMember } from '../registry/staff-member.entity';
import { DEMO_DEPARTMENTS, DEMO_SITE, DEMO_TOWNS, demoStaffName, demoWindows } from './demo-hall';
import { LIVE_SCHEDULE } from './hall-day-profile';

export interface DemoStaff {
  code: string;
  name: string;
  department: string;
  /** The window the staff member works at; null for roster entries who never turn up (item 48). */
  window: string | null;
}

export function demoStaff(): DemoStaff[] {
  const staff: DemoStaff[] = [];
  let n = 1;
  for (const w of demoWindows()) {
    if (!w.isOpen || w.kind === 'self_service') continue;
    staff.push({ code: `S${String(n).padStart(3, '0')}`, name: demoStaffName(n), department: w.department, window: w.code });
    n++;
  }
  // Roster entries who are registered but never sign in: the gap item 48 found.
  for (const dept of ['gjj', 'bdc', 'sw']) {
    staff.push({ code: `S${String(n).padStart(3, '0')}`, name: demoStaffName(n), department: dept, window: null });
    n++;
  }
  return staff;
}

const hhmm = (sec: number) => new Date(sec * 1000).toISOString().slice(11, 16);

/**
 * `npm start` plays the demo live at whatever hour it runs (LIVE_SCHEDULE): staff sign in
 * just after midnight, every day, and go home once the queues drain after closing. The hall's
 * hours say the same, so that the wall never calls a moving demo hall closed.
 */
export const DEMO_HOURS: HallHours = {
  opens: hhmm(LIVE_SCHEDULE.signInSec),
  closes: hhmm(LIVE_SCHEDULE.closeSec),
  weekdays: [0, 1, 2, 3, 4, 5, 6],
};

/** Half the desks sign out for lunch (LIVE_SCHEDULE.lunch): the hall's midday break, so those windows are not unattended. */
export const DEMO_LUNCH_BREAK: LunchBreak = { from: hhmm(LIVE_SCHEDULE.lunch[0]), to: hhmm(LIVE_SCHEDULE.lunch[1]) };

/** Creates the demo hall, its town centres and village stations. Returns false when it already exists. */
export async function seedDemo(ds: DataSource): Promise<boolean> {
  return ds.transaction(async (em) => {
    if (await em.findOneBy(Site, { code: DEMO_SITE.code })) return false;
    const hall = await em.save(
      Site,
      em.create(Site, { ...DEMO_SITE, tier: 'hall', parentId: null, settings: { hours: DEMO_HOURS, lunchBreak: DEMO_LUNCH_BREAK } }),
    );
    for (const [i, town] of DEMO_TOWNS.entries()) {
      const t = await em.save(
        Site,
        em.create(Site, {
          code: `${DEMO_SITE.code}-t${i + 1}`,
          name: `${town}便民服务中心`,
          nameEn: null,
          tier: 'town',
          parentId: hall.id,
        }),
      );
      // 92 village stations spread over 8 towns.
      const villages = 11 + (i < 4 ? 1 : 0);
      const rows = Array.from({ length: villages }, (_, v) =>
        em.create(Site, {
          code: `${DEMO_SITE.code}-t${i + 1}-v${v + 1}`,
          name: `${town}第${v + 1}村（社区）便民服务站`,
          nameEn: null,
          tier: 'village',
          parentId: t.id,
        }),
      );
      await em.save(Site, rows);
    }
    await em.save(
      Department,
      DEMO_DEPARTMENTS.map((d) =>
        em.create(Department, {
          siteId: hall.id,
          code: d.code,
          name: d.name,
          nameEn: d.nameEn,
          waitTargetSec: null,
          expectedStaff: d.expectedStaff ?? null,
        }),
      ),
    );
    await em.save(
      HallWindow,
      demoWindows().map((w) =>
        em.create(HallWindow, {
          siteId: hall.id,
          code: w.code,
          number: w.number,
          departmentCode: w.department,
          kind: w.kind,
          isOpen: w.isOpen,
        }),
      ),
    );
    await em.save(
      StaffMember,
      demoStaff().map((s) =>
        em.create(StaffMember, { siteId: hall.id, code: s.code, name: s.name, departmentCode: s.department, onRoster: true }),
      ),
    );
    return true;
  });
}
