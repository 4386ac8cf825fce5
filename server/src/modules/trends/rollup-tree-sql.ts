import { DAILY_METRICS, HOURLY_METRICS, list, sums } from './rollup-sql';

// The `tree` level (a site with every site below it) and the `all` level (the whole
// deployment), derived from the `site` rollups bottom-up. A tree is the site's own rows plus
// each child's tree, or the child's own rows when it has no children (village stations keep
// no tree rows of their own). Window and staff codes are per site, so only the dimensions
// that mean the same across sites are carried up.
//
// Parameters: $1 the scopes being computed (uuid[]), $2 the days (date[]), then (daily only)
// $3 the scopes' codes, then their children: id, parent (one of $1), code, whether a leaf.

const TREE_DIMS = `('total', 'department', 'channel', 'wait')`;
const children = (n: number) =>
  `unnest($${n}::uuid[], $${n + 1}::uuid[], $${n + 2}::text[], $${n + 3}::bool[]) AS c(id, parent, code, leaf)`;
const CHILD_LEVEL = `CASE WHEN c.leaf THEN 'site' ELSE 'tree' END`;

export function treeDailySql(level: 'tree' | 'all'): string[] {
  const m = list(DAILY_METRICS, 'r.');
  return [
    `DELETE FROM review_daily_rollups WHERE level = '${level}' AND site_id = ANY($1::uuid[]) AND day = ANY($2::date[])`,
    `INSERT INTO review_daily_rollups (level, site_id, dim, day, key, ${list(DAILY_METRICS)})
     SELECT '${level}', scope, dim, day, key, ${sums(DAILY_METRICS)} FROM (
       SELECT r.site_id AS scope, r.dim, r.day, r.key, ${m} FROM review_daily_rollups r
         WHERE r.level = 'site' AND r.site_id = ANY($1::uuid[]) AND r.day = ANY($2::date[]) AND r.dim IN ${TREE_DIMS}
       UNION ALL
       SELECT o.id, 'site', r.day, o.code, ${m} FROM unnest($1::uuid[], $3::text[]) AS o(id, code)
         JOIN review_daily_rollups r ON r.level = 'site' AND r.site_id = o.id AND r.dim = 'total' AND r.day = ANY($2::date[])
       UNION ALL
       SELECT c.parent, r.dim, r.day, r.key, ${m} FROM ${children(4)}
         JOIN review_daily_rollups r ON r.level = ${CHILD_LEVEL} AND r.site_id = c.id AND r.dim IN ${TREE_DIMS} AND r.day = ANY($2::date[])
       UNION ALL
       SELECT c.parent, 'site', r.day, c.code, ${m} FROM ${children(4)}
         JOIN review_daily_rollups r ON r.level = ${CHILD_LEVEL} AND r.site_id = c.id AND r.dim = 'total' AND r.day = ANY($2::date[])
     ) x GROUP BY scope, dim, day, key`,
  ];
}

export function treeHourlySql(level: 'tree' | 'all'): string[] {
  const m = list(HOURLY_METRICS, 'r.');
  return [
    `DELETE FROM review_hourly_rollups WHERE level = '${level}' AND site_id = ANY($1::uuid[]) AND day = ANY($2::date[])`,
    `INSERT INTO review_hourly_rollups (level, site_id, department, day, hour, ${list(HOURLY_METRICS)})
     SELECT '${level}', scope, department, day, hour, ${sums(HOURLY_METRICS)} FROM (
       SELECT r.site_id AS scope, r.department, r.day, r.hour, ${m} FROM review_hourly_rollups r
         WHERE r.level = 'site' AND r.site_id = ANY($1::uuid[]) AND r.day = ANY($2::date[])
       UNION ALL
       SELECT c.parent, r.department, r.day, r.hour, ${m} FROM ${children(3)}
         JOIN review_hourly_rollups r ON r.level = ${CHILD_LEVEL} AND r.site_id = c.id AND r.day = ANY($2::date[])
     ) x GROUP BY scope, department, day, hour`,
  ];
}
