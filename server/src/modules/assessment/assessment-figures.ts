import { ASSESSMENT_CRITERIA, type AssessmentCriterion, type AssessmentEvidence, type AssessmentVisits } from '@hallwatch/shared';
import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { addDays, zonedInstant } from '../../core/time/zoned-time';
import { monthFigures } from '../absences/absence-figures';
import { indicatorSettings } from '../registry/indicator-settings';
import { Site } from '../registry/site.entity';

// The figures each criterion is scored from, for a set of sites (a town centre and its
// village stations) over the service days [from, to]. The rates read the trends' rollups (the
// same numerators and denominators as the trends page); waits, attendance and notices the
// stored rows; unregistered absences are judged as the register's figures judge them.

export type Figures = Record<AssessmentCriterion, AssessmentEvidence>;

const n = (x: unknown) => Number(x ?? 0);

export async function readFigures(em: EntityManager, sites: Site[], month: string, from: string, to: string, now: Date): Promise<Figures> {
  const ids = sites.map((s) => s.id);
  const [rollup] = await queryRows<Record<string, string>>(
    em,
    `SELECT sum(reviews) AS reviews, sum(good) AS good, sum(completed) AS completed,
            sum(bad_due + complaints_due) AS due, sum(bad_closed_on_time + complaints_closed_on_time) AS on_time
     FROM review_daily_rollups WHERE level = 'site' AND dim = 'total' AND key = '' AND site_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3`,
    [ids, from, to],
  );
  // A wait is judged against its department's target, else its site's (as the wall's 按时叫号率).
  const [wait] = await queryRows<{ den: string; num: string }>(
    em,
    `SELECT count(*) AS den, count(*) FILTER (WHERE extract(epoch FROM tw.called_at - tw.wait_from) <= COALESCE(d.wait_target_sec, t.target)) AS num
     FROM ticket_waits tw JOIN unnest($1::uuid[], $2::int[]) AS t(id, target) ON t.id = tw.site_id
     LEFT JOIN departments d ON d.site_id = tw.site_id AND d.code = tw.department
     WHERE tw.service_day BETWEEN $3 AND $4 AND tw.called_at IS NOT NULL`,
    [ids, sites.map((s) => indicatorSettings(s.settings).waitTargetSec), from, to],
  );
  // Attendance: roster staff-days signed in ÷ roster staff × the days each site served anyone.
  const signed = await queryRows<{ site_id: string; day: string; staff: string; on_roster: boolean }>(
    em,
    `SELECT DISTINCT e.site_id, e.service_day::text AS day, e.data->>'staff' AS staff, COALESCE(s.on_roster, false) AS on_roster
     FROM events e LEFT JOIN staff s ON s.site_id = e.site_id AND s.code = e.data->>'staff'
     WHERE e.site_id = ANY($1::uuid[]) AND e.service_day BETWEEN $2 AND $3 AND e.type = 'staff.signed_in'`,
    [ids, from, to],
  );
  const [roster] = await queryRows<{ den: string }>(
    em,
    `SELECT COALESCE(sum(r.n * o.days), 0) AS den FROM
       (SELECT site_id, count(*) AS n FROM staff WHERE site_id = ANY($1::uuid[]) AND on_roster GROUP BY site_id) r
       JOIN (SELECT site_id, count(DISTINCT service_day) AS days FROM tickets
             WHERE site_id = ANY($1::uuid[]) AND service_day BETWEEN $2 AND $3 GROUP BY site_id) o ON o.site_id = r.site_id`,
    [ids, from, to],
  );
  // A notice falls due at its deadline; one answered before it is due counts as soon as it is answered.
  const [notices] = await queryRows<{ den: string; num: string }>(
    em,
    `SELECT count(*) AS den, count(*) FILTER (WHERE replied_at IS NOT NULL AND replied_at <= deadline) AS num
     FROM patrol_notices WHERE site_id = ANY($1::uuid[]) AND deadline >= $2 AND deadline < $3 AND (replied_at IS NOT NULL OR deadline <= $4)`,
    [ids, zonedInstant(from, '00:00', sites[0].timezone), zonedInstant(addDays(to, 1), '00:00', sites[0].timezone), now],
  );

  const key = (site: string, day: string, staff: string) => `${site} ${day} ${staff}`;
  const present = new Set(signed.map((r) => key(r.site_id, r.day, r.staff)));
  const away = new Set<string>();
  for (const site of sites)
    for (const u of (await monthFigures(em, site, month, now)).unregistered)
      if (u.day >= from && u.day <= to) away.add(key(site.id, u.day, u.staff));
  const staffDays = new Set([...present, ...away]);

  const figures: Figures = {
    wait: { num: n(wait.num), den: n(wait.den) },
    good: { num: n(rollup.good), den: n(rollup.reviews) },
    active: { num: n(rollup.reviews), den: n(rollup.completed) },
    onPost: { num: signed.filter((r) => r.on_roster).length, den: n(roster.den) },
    absence: { num: [...present].filter((k) => !away.has(k)).length, den: staffDays.size },
    followUps: { num: n(rollup.on_time), den: n(rollup.due) },
    notices: { num: n(notices.num), den: n(notices.den) },
  };
  // More ratings than finished tickets (a rating of a ticket finished elsewhere) is a full rate, not more.
  if (figures.active.num > figures.active.den && figures.active.den > 0) figures.active.num = figures.active.den;
  return Object.fromEntries(ASSESSMENT_CRITERIA.map((c) => [c, figures[c]])) as Figures;
}

/**
 * The office's visits finished in [from, to] to each town and its villages, and their findings:
 * closed once the town's answer to the notice was accepted. The scorecard shows them beside the
 * score, the concrete judging item 46 asks for.
 */
export async function readVisits(em: EntityManager, towns: Site[], from: string, to: string): Promise<Record<string, AssessmentVisits>> {
  const rows = await queryRows<{ town: string; made: string; mystery: string; findings: string; closed: string }>(
    em,
    `SELECT v.town_site_id AS town, count(DISTINCT v.id) AS made, count(DISTINCT v.id) FILTER (WHERE v.kind = 'mystery') AS mystery,
            count(f.id) AS findings, count(f.id) FILTER (WHERE n.accepted_at IS NOT NULL) AS closed
     FROM visits v LEFT JOIN visit_findings f ON f.visit_id = v.id
     LEFT JOIN patrol_notices n ON n.source = 'visit' AND n.finding_id = f.id
     WHERE v.town_site_id = ANY($1::uuid[]) AND v.state = 'finished' AND v.planned_on BETWEEN $2 AND $3
     GROUP BY v.town_site_id`,
    [towns.map((t) => t.id), from, to],
  );
  const byId = new Map(rows.map((r) => [r.town, r]));
  return Object.fromEntries(
    towns.map((t) => {
      const r = byId.get(t.id);
      return [t.code, { made: n(r?.made), mystery: n(r?.mystery), findings: n(r?.findings), closed: n(r?.closed) }];
    }),
  );
}
