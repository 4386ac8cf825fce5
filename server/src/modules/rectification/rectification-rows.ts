import type { RectificationReboundView } from '@hallwatch/shared';

// The rows of the look-back's and the rebound alerts' SQL, each field named as the SQL names its column.

/** Any event of the site on a day: whether the hall worked that day. */
export interface EventPresenceRow {
  present: number;
}

/** The last value the indicator history recorded for a link on a day. */
export interface RecordedValueRow {
  value: number | null;
}

/** A rectified item now rebounding, with the links that broke their promise. */
export interface ReboundRow {
  key: string;
  number: number;
  ref: string;
  since: Date;
  links: RectificationReboundView['links'];
}
