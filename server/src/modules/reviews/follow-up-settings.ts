import { CONTACT_WORKING_DAYS, DEFAULT_FOLLOW_UP_DAYS } from '@hallwatch/shared';

export interface FollowUpSettings {
  /** Working days for the first contact. */
  contactDays: number;
  /** Working days to fix or explain and confirm (site.settings.followUpDays). */
  resolveDays: number;
}

// Localities use 5, 7 or 15; anything from 1 to 30 is accepted, and a malformed value
// falls back to the default rather than producing a nonsense deadline.
export function followUpSettings(raw: Record<string, unknown> | null | undefined): FollowUpSettings {
  const v = raw?.followUpDays;
  const resolveDays = typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 30 ? v : DEFAULT_FOLLOW_UP_DAYS;
  return { contactDays: CONTACT_WORKING_DAYS, resolveDays };
}
