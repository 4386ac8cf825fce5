// The rows of the indicator service's own SQL; the snapshot's reads declare theirs beside each
// fact query (snapshot-facts.ts and the *-indicators.ts files).

/** This minute's history round, when this instance took it (none when another one did). */
export interface HistoryRoundRow {
  name: string;
}

/** A site with events on its current service day. */
export interface ActiveSiteRow {
  id: string;
}
