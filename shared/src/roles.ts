export const ROLES = ['admin', 'supervisor', 'patrol', 'leader', 'display'] as const;
export type Role = (typeof ROLES)[number];
