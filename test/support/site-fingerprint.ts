import { DataSource } from 'typeorm';

// A digest of every row that belongs to one site, table by table, so a test can show that a
// walk of requests left another site's rows exactly as they were. Each table of the schema
// must be classified here: a new table fails the test until it is.

/** Tables with no site_id whose rows belong to a site through a parent row. */
const CHILD_TABLES: Record<string, { column: string; parent: string }> = {
  rectification_evidence: { column: 'item_id', parent: 'rectification_items' },
  rectification_history: { column: 'item_id', parent: 'rectification_items' },
  rectification_links: { column: 'item_id', parent: 'rectification_items' },
  follow_up_actions: { column: 'case_id', parent: 'follow_up_cases' },
  notify_attempts: { column: 'channel_id', parent: 'notify_channels' },
  visit_checks: { column: 'visit_id', parent: 'visits' },
  visit_findings: { column: 'visit_id', parent: 'visits' },
  visit_photos: { column: 'visit_id', parent: 'visits' },
};

/** Tables read with their own rule below. */
const SPECIAL_TABLES = ['sites', 'calendar_days', 'users'];

/** Tables left out, and why. */
export const UNFINGERPRINTED: Record<string, string> = {
  audit_log: 'append-only; every refusal is recorded there, naming the site it refused',
  migrations: 'no site',
  user_sessions: 'the callers’ own sessions',
  known_devices: 'the callers’ own browsers, remembered at sign-in',
  indicator_history_rounds: 'one row for all sites: when the history job last ran',
  retention_settings: 'no site: the deployment’s policy, changed only by an account of every site (retention.test.ts)',
  retention_runs: 'no site: the purge runs, written by the job and the CLI only',
};

export type Fingerprint = Record<string, string>;

export interface SiteFingerprinter {
  /** Digest per table of the site's rows; `district` gives the rows of every site at once. */
  of(site: string | 'district'): Promise<Fingerprint>;
  /** Tables of the schema that no rule above covers. */
  unclassified: string[];
}

export async function siteFingerprinter(ds: DataSource): Promise<SiteFingerprinter> {
  const tables: Array<{ name: string; site_id: boolean }> = await ds.query(
    `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'site_id' AND NOT a.attisdropped) AS site_id
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1`,
  );
  const withSite = tables.filter((t) => t.site_id).map((t) => t.name);
  const unclassified = tables
    .map((t) => t.name)
    .filter((t) => !withSite.includes(t) && !(t in CHILD_TABLES) && !SPECIAL_TABLES.includes(t) && !(t in UNFINGERPRINTED));
  const digest = (table: string, where: string) =>
    `(SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM ${table} t WHERE ${where}) AS "${table}"`;
  const siteParts = [
    ...withSite.map((t) => digest(t, 't.site_id = $1')),
    ...Object.entries(CHILD_TABLES).map(([t, c]) => digest(t, `t.${c.column} IN (SELECT id FROM ${c.parent} WHERE site_id = $1)`)),
    digest('sites', 't.id = $1'),
    // The sites under it by place in the tree only: their own fields are theirs, not this site's.
    `(SELECT md5(coalesce(string_agg(concat_ws(' ', id, code, tier), E'\\n' ORDER BY code), '')) FROM sites WHERE parent_id = $1) AS "sites (under it)"`,
    digest('calendar_days', 't.scope = $1::text'),
    digest('users', 't.id IN (SELECT user_id FROM user_sites WHERE site_id = $1)'),
  ];
  const districtParts = [
    `(SELECT md5(coalesce(string_agg(concat_ws(' ', id, code, tier, parent_id), E'\\n' ORDER BY code), '')) FROM sites) AS "sites (tree)"`,
    digest('calendar_days', `t.scope = '*'`),
    digest('users', 't.all_sites'),
  ];
  return {
    unclassified,
    async of(site) {
      if (site === 'district') return (await ds.query(`SELECT ${districtParts.join(', ')}`))[0] as Fingerprint;
      const [{ id }] = (await ds.query(`SELECT id FROM sites WHERE code = $1`, [site])) as Array<{ id: string }>;
      return (await ds.query(`SELECT ${siteParts.join(', ')}`, [id]))[0] as Fingerprint;
    },
  };
}

/** The tables whose digest differs between two fingerprints. */
export const changedTables = (before: Fingerprint, after: Fingerprint): string[] =>
  Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
