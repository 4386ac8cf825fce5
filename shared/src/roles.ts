/**
 * `department` is an account of one department (进驻部门) of one site: it sees and answers only
 * what is addressed to its own department (docs/contracts/users.md).
 */
export const ROLES = ['admin', 'supervisor', 'patrol', 'leader', 'display', 'department'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may read the wall's indicators: the HTTP reads and the live socket both check this one
 * list, so they cannot disagree on who sees the hall. A patrol phone has no use for the wall.
 */
export const WALL_READER_ROLES = ['admin', 'supervisor', 'leader', 'display'] as const satisfies readonly Role[];

// Who may use each office screen. A page and the server routes it stands on read the same
// list, so the navigation never offers a screen whose data the server would refuse.

/** Who reads the leaders' trends: the trends routes and the /trends page. */
export const TRENDS_READER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];

/** Who reads the rectification ledger: its list and item routes and the /rectification page. */
export const RECTIFICATION_READER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];

/** Who walks the rounds: the patrol phone API and the /patrol page. */
export const PATROL_WALKER_ROLES = ['patrol', 'supervisor', 'admin'] as const satisfies readonly Role[];

/** Who keeps the patrol checklist and prints its codes: the checkpoint routes and /checkpoint-sheet. */
export const PATROL_OFFICE_ROLES = ['admin', 'supervisor'] as const satisfies readonly Role[];

/**
 * The supervision office (督查): who confirms a follow-up case closed with the citizen (a
 * department may call and fix, never close its own case), and whose desk /desk is.
 */
export const SUPERVISION_OFFICE_ROLES = ['admin', 'supervisor'] as const satisfies readonly Role[];

/** Who reads the outing and leave register and today's roll call: those routes and /absences. */
export const ABSENCE_READER_ROLES = ['admin', 'supervisor', 'leader', 'department'] as const satisfies readonly Role[];

/** Who reads the callbacks drawn for verification (回访核实): those routes and /callback-checks. */
export const CALLBACK_CHECK_READER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];

/** A department's own desk: its one read (the department's tasks) and the /department page. */
export const DEPARTMENT_DESK_ROLES = ['department'] as const satisfies readonly Role[];

/** Who manages accounts, device keys and display tokens: those routes and the /admin page. */
export const ACCOUNT_ADMIN_ROLES = ['admin'] as const satisfies readonly Role[];

/** Who may list and read the sites in their scope: the sites routes and the shell's site switcher. */
export const SITE_READER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];

/** Who generates, lists and downloads the office's documents (monthly report, rectification draft): those routes and /reports. */
export const REPORT_WRITER_ROLES = ['admin', 'supervisor', 'leader'] as const satisfies readonly Role[];
