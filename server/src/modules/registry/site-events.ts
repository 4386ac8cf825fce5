/**
 * The wall's numbers of a site may have changed. `events`: a batch committed; `patrol`: a
 * round fell due, overdue or missed, a notice was reminded or escalated, a finding or notice
 * was answered; `registry`: the site, its settings, departments, windows, staff or service
 * items were edited; `register`: an entry of the outing and leave register was approved,
 * cancelled or ended early, which settles or unsettles absences from the windows; `follow-ups`:
 * a follow-up was worked on (a first contact clears a new 差评's alert), closed or reopened, an
 * appeal decided, or closures were drawn for a second callback.
 */
export interface SiteChanged {
  siteId: string;
  siteCode: string;
  cause: 'events' | 'patrol' | 'registry' | 'register' | 'follow-ups' | 'notify';
}

/**
 * The domain events about a site as a whole. Declared here rather than beside the others
 * (modules/domain-events, which gathers them all) because every feature stands on the
 * registry: the registry may emit them without depending on any feature.
 */
export interface SiteEvents {
  /** Relayed to every process. */
  'site.changed': SiteChanged;
}
