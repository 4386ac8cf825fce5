import {
  ABSENCE_READER_ROLES,
  ACCOUNT_ADMIN_ROLES,
  ALERT_ROUTING_ROLES,
  ASSESSMENT_READER_ROLES,
  CALLBACK_CHECK_READER_ROLES,
  DEPARTMENT_DESK_ROLES,
  NOTICE_DOCUMENT_ROLES,
  NOTIFY_ADMIN_ROLES,
  DISTRICT_READER_ROLES,
  SUPERVISION_OFFICE_ROLES,
  PATROL_OFFICE_ROLES,
  PATROL_WALKER_ROLES,
  RECTIFICATION_READER_ROLES,
  REPORT_WRITER_ROLES,
  type Role,
  TRENDS_READER_ROLES,
  VISIT_READER_ROLES,
  WALL_READER_ROLES,
} from '@hallwatch/shared';

// Who may use which screen, in one table: the navigation lists a page to the roles named here,
// and the page guard lets in those roles and nobody else. Where the server guards the page's
// data, the roles are the server's own list (shared/src/roles.ts), so the two cannot disagree.

/**
 * The navigation's menus and their entries, in the header's order (labels in shell/i18n.ts).
 * A new page's entry is one line here, in the menu it belongs to; the compiler then asks for
 * its label and its row in PAGES.
 */
export const NAV_GROUPS = {
  // What the office does every day: its desk, the departments' tasks, calls, absences, rounds.
  daily: ['desk', 'department', 'callbackChecks', 'absences', 'patrol'],
  // What the leaders read: the satisfaction trends, the rectification ledger and the office's documents.
  analysis: ['trends', 'rectification', 'reports'],
  // The whole district: every site at a glance, the towns' scores, the wall.
  district: ['district', 'assessment', 'visits', 'wall'],
  system: ['admin', 'notify', 'alertRouting'],
} as const;
export type NavGroupKey = keyof typeof NAV_GROUPS;
export type NavKey = (typeof NAV_GROUPS)[NavGroupKey][number];

export const NAV_ORDER: readonly NavKey[] = Object.values(NAV_GROUPS).flat();

/** Up to this many pages a role sees its navigation flat, without menus to open. */
export const FLAT_NAV_MAX = 4;

export interface PageRule {
  /** Who may open it; 'anyone' for the sign-in page. */
  roles: readonly Role[] | 'anyone';
  /** Its entry in the navigation; a page without one is opened from another (a printable sheet). */
  nav?: NavKey;
  /**
   * 'shell': under the app's header, behind the guard. 'bare': behind the guard, without the
   * header (made to print). 'own': neither; the page checks its own credential (the wall takes
   * a display token, the sign-in page takes anyone).
   */
  frame: 'shell' | 'bare' | 'own';
}

export const PAGES = {
  '/desk': { roles: SUPERVISION_OFFICE_ROLES, nav: 'desk', frame: 'shell' },
  '/callback-checks': { roles: CALLBACK_CHECK_READER_ROLES, nav: 'callbackChecks', frame: 'shell' },
  '/department': { roles: DEPARTMENT_DESK_ROLES, nav: 'department', frame: 'shell' },
  '/absences': { roles: ABSENCE_READER_ROLES, nav: 'absences', frame: 'shell' },
  '/trends': { roles: TRENDS_READER_ROLES, nav: 'trends', frame: 'shell' },
  '/district': { roles: DISTRICT_READER_ROLES, nav: 'district', frame: 'shell' },
  '/assessment': { roles: ASSESSMENT_READER_ROLES, nav: 'assessment', frame: 'shell' },
  '/visits': { roles: VISIT_READER_ROLES, nav: 'visits', frame: 'shell' },
  '/rectification': { roles: RECTIFICATION_READER_ROLES, nav: 'rectification', frame: 'shell' },
  '/reports': { roles: REPORT_WRITER_ROLES, nav: 'reports', frame: 'shell' },
  '/patrol': { roles: PATROL_WALKER_ROLES, nav: 'patrol', frame: 'shell' },
  '/admin': { roles: ACCOUNT_ADMIN_ROLES, nav: 'admin', frame: 'shell' },
  '/notify': { roles: NOTIFY_ADMIN_ROLES, nav: 'notify', frame: 'shell' },
  '/alert-routing': { roles: ALERT_ROUTING_ROLES, nav: 'alertRouting', frame: 'shell' },
  '/checkpoint-sheet': { roles: PATROL_OFFICE_ROLES, frame: 'bare' },
  '/notice': { roles: NOTICE_DOCUMENT_ROLES, frame: 'bare' },
  '/wall': { roles: WALL_READER_ROLES, nav: 'wall', frame: 'own' },
  '/login': { roles: 'anyone', frame: 'own' },
} as const satisfies Record<string, PageRule>;

export type PagePath = keyof typeof PAGES;

/** Where each role starts after signing in (without a `next` to return to). */
export const LANDING: Record<Role, string> = {
  admin: '/admin',
  supervisor: '/desk',
  leader: '/trends',
  patrol: '/patrol',
  department: '/department',
  display: '/wall',
};

export const isPagePath = (path: string): path is PagePath => Object.prototype.hasOwnProperty.call(PAGES, path);

export const ruleOf = (path: PagePath): PageRule => PAGES[path];

/** Whether the role may use the page; an unknown path is nobody's page. */
export function mayOpen(role: Role, path: string): boolean {
  if (!isPagePath(path)) return false;
  const roles = ruleOf(path).roles;
  return roles === 'anyone' || roles.includes(role);
}

/** The role's navigation: each entry it may open, in the header's order. */
export function navFor(role: Role): Array<{ path: PagePath; key: NavKey }> {
  const entries = (Object.keys(PAGES) as PagePath[]).flatMap((path) => {
    const { nav } = ruleOf(path);
    return nav && mayOpen(role, path) ? [{ path, key: nav }] : [];
  });
  return entries.sort((a, b) => NAV_ORDER.indexOf(a.key) - NAV_ORDER.indexOf(b.key));
}

export interface NavGroup {
  /** null: the entries stand in the bar as plain links (a role with few pages, or a menu of one). */
  group: NavGroupKey | null;
  entries: Array<{ path: PagePath; key: NavKey }>;
}

/** The role's navigation as the header shows it: its pages by menu, or flat when they are few. */
export function navGroupsFor(role: Role): NavGroup[] {
  const entries = navFor(role);
  if (entries.length <= FLAT_NAV_MAX) return entries.length ? [{ group: null, entries }] : [];
  return (Object.keys(NAV_GROUPS) as NavGroupKey[]).flatMap((group) => {
    const keys: readonly NavKey[] = NAV_GROUPS[group];
    const mine = entries.filter((e) => keys.includes(e.key));
    return mine.length === 0 ? [] : [{ group: mine.length === 1 ? null : group, entries: mine }];
  });
}

/** The roles a page is for, for telling someone else whose it is. */
export function rolesOf(path: PagePath): readonly Role[] {
  const roles = ruleOf(path).roles;
  return roles === 'anyone' ? [] : roles;
}
