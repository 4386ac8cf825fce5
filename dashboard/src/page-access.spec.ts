import {
  ABSENCE_READER_ROLES,
  ACCOUNT_ADMIN_ROLES,
  CALLBACK_CHECK_READER_ROLES,
  DEPARTMENT_DESK_ROLES,
  SUPERVISION_OFFICE_ROLES,
  PATROL_OFFICE_ROLES,
  PATROL_WALKER_ROLES,
  RECTIFICATION_READER_ROLES,
  REPORT_WRITER_ROLES,
  ROLES,
  type Role,
  TRENDS_READER_ROLES,
  WALL_READER_ROLES,
} from '@hallwatch/shared';
import {
  FLAT_NAV_MAX,
  isPagePath,
  LANDING,
  mayOpen,
  NAV_GROUPS,
  NAV_ORDER,
  navFor,
  navGroupsFor,
  PAGES,
  type PagePath,
} from './page-access';

const paths = Object.keys(PAGES) as PagePath[];
const roles: readonly Role[] = ROLES;

describe('the page-roles table', () => {
  it('gives each page the server’s own list for the data it stands on', () => {
    // The same array, not an equal copy: a change to the server's rule moves the page with it.
    expect(PAGES['/trends'].roles).toBe(TRENDS_READER_ROLES);
    expect(PAGES['/rectification'].roles).toBe(RECTIFICATION_READER_ROLES);
    expect(PAGES['/patrol'].roles).toBe(PATROL_WALKER_ROLES);
    expect(PAGES['/checkpoint-sheet'].roles).toBe(PATROL_OFFICE_ROLES);
    expect(PAGES['/admin'].roles).toBe(ACCOUNT_ADMIN_ROLES);
    expect(PAGES['/desk'].roles).toBe(SUPERVISION_OFFICE_ROLES);
    expect(PAGES['/wall'].roles).toBe(WALL_READER_ROLES);
    expect(PAGES['/department'].roles).toBe(DEPARTMENT_DESK_ROLES);
    expect(PAGES['/absences'].roles).toBe(ABSENCE_READER_ROLES);
    expect(PAGES['/callback-checks'].roles).toBe(CALLBACK_CHECK_READER_ROLES);
    expect(PAGES['/reports'].roles).toBe(REPORT_WRITER_ROLES);
  });

  it('names only roles that exist, and leaves the sign-in page open to anyone', () => {
    for (const path of paths) {
      const r = PAGES[path].roles;
      if (r === 'anyone') expect(path).toBe('/login');
      else expect(r.filter((role) => !roles.includes(role))).toEqual([]);
    }
    for (const role of roles) expect(mayOpen(role, '/login')).toBe(true);
  });

  it('offers each role in its navigation exactly the pages it may open that have an entry, in the header’s order', () => {
    for (const role of roles) {
      const shown = navFor(role).map((e) => e.path);
      const allowed = paths.filter((p) => 'nav' in PAGES[p] && mayOpen(role, p));
      expect(new Set(shown)).toEqual(new Set(allowed));
      const order = navFor(role).map((e) => NAV_ORDER.indexOf(e.key));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('matches the matrix the office works by', () => {
    const nav = (role: Role) => navFor(role).map((e) => e.key);
    expect(nav('supervisor')).toEqual([
      'desk',
      'callbackChecks',
      'absences',
      'patrol',
      'trends',
      'rectification',
      'reports',
      'district',
      'assessment',
      'visits',
      'wall',
    ]);
    expect(nav('leader')).toEqual([
      'callbackChecks',
      'absences',
      'trends',
      'rectification',
      'reports',
      'district',
      'assessment',
      'visits',
      'wall',
    ]);
    expect(nav('patrol')).toEqual(['patrol', 'visits']);
    expect(nav('admin')).toEqual([
      'desk',
      'callbackChecks',
      'absences',
      'patrol',
      'trends',
      'rectification',
      'reports',
      'district',
      'assessment',
      'visits',
      'wall',
      'admin',
      'notify',
      'alertRouting',
    ]);
    expect(nav('display')).toEqual(['wall']);
    expect(nav('department')).toEqual(['department', 'absences']);
    expect(mayOpen('leader', '/admin')).toBe(false);
    expect(mayOpen('supervisor', '/notify')).toBe(false);
    expect(mayOpen('patrol', '/trends')).toBe(false);
    expect(mayOpen('patrol', '/checkpoint-sheet')).toBe(false);
    expect(mayOpen('supervisor', '/checkpoint-sheet')).toBe(true);
    expect(mayOpen('department', '/desk')).toBe(false);
    expect(mayOpen('display', '/district')).toBe(false);
    expect(mayOpen('patrol', '/district')).toBe(false);
  });

  it('gives every menu entry exactly one page, and every page with an entry its menu', () => {
    const entries = paths.flatMap((p) => ('nav' in PAGES[p] ? [PAGES[p].nav] : []));
    expect([...entries].sort()).toEqual([...NAV_ORDER].sort());
    expect(new Set(NAV_ORDER).size).toBe(NAV_ORDER.length);
  });

  it('groups a role’s many pages into menus, keeps a few flat, and opens no menu of one', () => {
    const shape = (role: Role) => navGroupsFor(role).map((g) => [g.group, g.entries.map((e) => e.key)]);
    expect(shape('admin')).toEqual([
      ['daily', ['desk', 'callbackChecks', 'absences', 'patrol']],
      ['analysis', ['trends', 'rectification', 'reports']],
      ['district', ['district', 'assessment', 'visits', 'wall']],
      ['system', ['admin', 'notify', 'alertRouting']],
    ]);
    expect(shape('department')).toEqual([[null, ['department', 'absences']]]);
    // A patroller walks the rounds and the visits assigned to it.
    expect(shape('patrol')).toEqual([[null, ['patrol', 'visits']]]);
    for (const role of roles) {
      const groups = navGroupsFor(role);
      // The same pages as the flat navigation, in the same order, whatever the grouping.
      expect(groups.flatMap((g) => g.entries)).toEqual(navFor(role));
      if (navFor(role).length <= FLAT_NAV_MAX) expect(groups.every((g) => g.group === null)).toBe(true);
      for (const g of groups) if (g.group) expect(g.entries.length).toBeGreaterThan(1);
      for (const g of groups) if (g.group) expect(NAV_GROUPS[g.group]).toEqual(expect.arrayContaining(g.entries.map((e) => e.key)));
    }
  });

  it('lands each role on a page it may open', () => {
    expect(LANDING).toMatchObject({
      supervisor: '/desk',
      leader: '/trends',
      patrol: '/patrol',
      department: '/department',
      admin: '/admin',
      display: '/wall',
    });
    for (const role of roles) {
      expect({ role, page: LANDING[role], open: mayOpen(role, LANDING[role]) }).toEqual({ role, page: LANDING[role], open: true });
    }
  });

  it('knows no page outside the table', () => {
    expect(isPagePath('/nowhere')).toBe(false);
    expect(mayOpen('admin', '/nowhere')).toBe(false);
    expect(isPagePath('toString')).toBe(false);
  });
});
