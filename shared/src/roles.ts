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
