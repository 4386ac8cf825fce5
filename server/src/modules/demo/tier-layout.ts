import { SiteTier } from '../registry/site.entity';
import { DemoDepartment, demoStaffName, DemoWindow } from './demo-hall';
import type { DemoStaff } from './seed-demo';
import { hashSeed, SeededRandom } from './seeded-random';

// The lower tiers of the demo district (item 23): each town centre (街道便民服务中心) and
// village station (村/社区便民服务站) has a small registry of its own, in the proportions the
// report gives — about 210 service items stationed at a town centre, about 43 at a village —
// and a day's demand to match: a town centre a few hundred tickets, a village a few dozen.

export interface TierLayout {
  departments: DemoDepartment[];
  windows: DemoWindow[];
  staff: DemoStaff[];
  items: Array<{ code: string; name: string; department: string }>;
  /** Tickets of an ordinary day; each day draws its own quiet or busy factor around it. */
  ticketsPerDay: number;
  complaintsPerDay: number;
}

type TierPlan = { departments: Array<DemoDepartment & { items: number }>; ticketsPerDay: [number, number]; complaintsPerDay: number };

const dept = (code: string, name: string, nameEn: string, windows: number, weight: number, serviceMin: number, items: number) => ({
  code,
  name,
  nameEn,
  windows,
  weight,
  serviceMin,
  items,
});

// The general window (综合窗口, `zhck`) takes most citizens and passes some on, as in the hall.
const PLANS: Record<'town' | 'village', TierPlan> = {
  town: {
    departments: [
      dept('zhck', '综合受理', 'General Windows', 3, 9, 8, 70),
      dept('sb', '社保医保', 'Social & Medical Insurance', 2, 6, 7, 48),
      dept('mz', '民政救助', 'Civil Affairs & Relief', 1, 3, 9, 34),
      dept('hz', '户籍证照', 'Household Registration', 1, 3, 6, 22),
      dept('jy', '就业创业', 'Employment', 1, 2, 8, 20),
      dept('ws', '卫健计生', 'Health & Family', 1, 2, 7, 16),
    ],
    ticketsPerDay: [220, 380],
    complaintsPerDay: 0.4,
  },
  village: {
    departments: [dept('zhck', '综合受理', 'General Windows', 2, 6, 8, 31), dept('db', '帮办代办', 'Assisted Filing', 1, 2, 10, 12)],
    ticketsPerDay: [25, 55],
    complaintsPerDay: 0.05,
  },
};

const ITEM_VERBS = ['申请', '办理', '变更', '查询', '补办', '注销', '认定', '证明开具'];

/** The registry and scale of a town centre or village station, the same for the same site code. */
export function tierLayout(siteCode: string, tier: Exclude<SiteTier, 'hall'>): TierLayout {
  const plan = PLANS[tier];
  const rng = new SeededRandom(hashSeed(7, siteCode));
  const windows: DemoWindow[] = [];
  const staff: DemoStaff[] = [];
  const items: TierLayout['items'] = [];
  // Names differ from site to site: the n-th staff member of every station is not the same person.
  const nameBase = hashSeed(3, siteCode) % 5000;
  for (const d of plan.departments) {
    for (let i = 0; i < d.windows; i++) {
      const n = windows.length + 1;
      const code = String(n).padStart(2, '0');
      windows.push({ code, number: n, department: d.code, kind: d.code === 'zhck' ? 'general' : 'dedicated', isOpen: true });
      staff.push({ code: `S${String(n).padStart(3, '0')}`, name: demoStaffName(nameBase + n), department: d.code, window: code });
    }
    for (let i = 1; i <= d.items; i++)
      items.push({
        code: `${d.code}-${String(i).padStart(3, '0')}`,
        name: `${d.name}事项${i}（${ITEM_VERBS[i % ITEM_VERBS.length]}）`,
        department: d.code,
      });
  }
  // One on the roster who is never seen, as item 48 found in the hall too.
  const n = staff.length + 1;
  staff.push({ code: `S${String(n).padStart(3, '0')}`, name: demoStaffName(nameBase + n), department: 'zhck', window: null });
  const [lo, hi] = plan.ticketsPerDay;
  return {
    departments: plan.departments.map(({ items: _items, ...d }) => d),
    windows,
    staff,
    items,
    ticketsPerDay: rng.int(lo, hi),
    complaintsPerDay: plan.complaintsPerDay,
  };
}

/** How busy a site is on a day against its ordinary day: quiet days and busy ones, site by site. */
export function dayFactor(siteCode: string, day: string): number {
  const r = new SeededRandom(hashSeed(11, `${siteCode}:${day}`));
  // Mostly near ordinary, now and then a market day or a quiet one.
  return r.chance(0.15) ? r.uniform(1.35, 1.7) : r.chance(0.15) ? r.uniform(0.45, 0.7) : r.uniform(0.85, 1.15);
}
