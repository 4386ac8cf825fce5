import type { SiteVisitFacts } from '@hallwatch/shared';
import { DataSource } from 'typeorm';
import { queryOne } from '../../core/database/typed-query';
import { Site } from '../registry/site.entity';

/**
 * A town's or village's visits as the overview shows them: the last one finished (a mystery visit
 * only once it is over, as everywhere) and its findings not yet closed (no accepted notice).
 * Read from the visits' tables in one probe of their site index.
 */
export async function visitFacts(ds: DataSource, site: Site): Promise<SiteVisitFacts | null> {
  if (site.tier === 'hall') return null;
  const row = await queryOne<{ last_on: string | null; last_kind: 'field' | 'mystery' | null; open: string }>(
    ds,
    `SELECT last.planned_on::text AS last_on, last.kind AS last_kind,
            (SELECT count(*) FROM visit_findings f JOIN visits v ON v.id = f.visit_id
               LEFT JOIN patrol_notices n ON n.source = 'visit' AND n.finding_id = f.id
             WHERE v.site_id = $1 AND v.state = 'finished' AND n.accepted_at IS NULL) AS open
     FROM (SELECT 1) one
     LEFT JOIN LATERAL (SELECT planned_on, kind FROM visits WHERE site_id = $1 AND state = 'finished'
                        ORDER BY planned_on DESC, finished_at DESC LIMIT 1) last ON true`,
    [site.id],
  );
  return { lastVisitOn: row?.last_on ?? null, lastVisitKind: row?.last_kind ?? null, openFindings: Number(row?.open ?? 0) };
}
