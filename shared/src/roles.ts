export const ROLES = ['admin', 'supervisor', 'patrol', 'leader', 'display'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may read the wall's indicators: the HTTP reads and the live socket both check this one
 * list, so they cannot disagree on who sees the hall. A patrol phone has no use for the wall.
 */
export const WALL_READER_ROLES = ['admin', 'supervisor', 'leader', 'display'] as const satisfies readonly Role[];
