import type { CalendarDayKind, CalendarDayView } from '@hallwatch/shared';
import { call, get } from '../../api';

// The working calendar is not a site's resource: it lives under /api/v1/admin/calendar, a site
// named by ?site= (none: the entry is every site's).
const CALENDAR = '/api/v1/admin/calendar';

export interface CalendarEditBody {
  from: string;
  to?: string;
  kind: CalendarDayKind;
  name: string;
}

/** Reads give every site's entries and the site's own; an edit with `site` null is every site's. */
export const calendarApi = {
  list: (site: string, from: string, to: string) => get<CalendarDayView[]>(CALENDAR, { site, from, to }),
  set: (site: string | null, body: CalendarEditBody) => call<CalendarDayView[]>('PUT', CALENDAR, { query: { site }, body }),
  remove: (site: string | null, day: string) => call<void>('DELETE', `${CALENDAR}/${encodeURIComponent(day)}`, { query: { site } }),
};
