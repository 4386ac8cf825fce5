import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '../../core/database/typed-query';
import { recordAudit } from '../audit/audit-log';
import { Site } from '../registry/site.entity';
import { demoDepartmentUsername } from './demo-access';
import { DEMO_SITE } from './demo-hall';

// 申诉 in the demo hall, so that the desk and the department page show the workflow on first
// start: a few departments have appealed a recent 差评 still being followed up (pending, for a
// supervisor to decide), and two older appeals were rejected with their grounds. None is
// upheld: an upheld appeal changes the rates, and the history's rollups are already folded.

const DECIDER = 'duchake-li';
const PENDING = 3;
const REJECTED = 2;

const STATEMENTS: Array<{ reason: 'mistaken' | 'malicious'; statement: string }> = [
  { reason: 'mistaken', statement: '该群众办理的是隔壁窗口业务，评价时误点了本窗口的评价器，有排队叫号记录为证' },
  { reason: 'malicious', statement: '群众材料不全未能当场办理，窗口已一次性告知所需材料，群众当场表示要给差评' },
  { reason: 'mistaken', statement: '评价器显示的是上一位群众的评价页面，本次办件群众表示并未作出评价' },
];
const REJECTIONS = [
  '调取监控与叫号记录，窗口答复不够耐心属实，差评不属恶意，申诉不予支持',
  '经回访群众，确认评价系其本人真实意愿，申诉驳回',
];

interface BadReview {
  event_id: string;
  department: string;
  occurred_at: Date;
}

/** Files the demo hall's appeals once: false when the hall has any appeal already, or no 差评 to appeal. */
export async function ensureDemoAppeals(ds: DataSource, now: Date): Promise<boolean> {
  const site = await ds.getRepository(Site).findOneBy({ code: DEMO_SITE.code });
  if (!site) return false;
  return ds.transaction(async (em) => {
    if (await queryOne(em, `SELECT 1 AS one FROM review_appeals WHERE site_id = $1 LIMIT 1`, [site.id])) return false;
    // Recent ones still open (the department appeals while its case runs), one per department.
    const recent = await badReviews(em, site, now, `c.status IN ('awaiting_contact', 'in_progress')`, PENDING);
    const older = await badReviews(em, site, new Date(now.getTime() - 14 * 86_400_000), `c.status = 'closed'`, REJECTED);
    if (!recent.length && !older.length) return false;
    for (const [i, r] of recent.entries()) await file(em, site, r, i, now, null);
    for (const [i, r] of older.entries()) await file(em, site, r, i + 1, now, REJECTIONS[i % REJECTIONS.length]);
    return true;
  });
}

/** The latest 差评 before `before` whose case is in `caseState`: at most one per department, then any. */
async function badReviews(em: EntityManager, site: Site, before: Date, caseState: string, n: number): Promise<BadReview[]> {
  return queryRows<BadReview>(
    em,
    `SELECT event_id, department, occurred_at FROM (
       SELECT r.event_id, r.department, r.occurred_at,
              row_number() OVER (PARTITION BY r.department ORDER BY r.occurred_at DESC, r.event_id) AS nth
       FROM reviews r JOIN follow_up_cases c ON c.site_id = r.site_id AND c.kind = 'review' AND c.source_id = r.event_id
       WHERE r.site_id = $1 AND r.rating <= 2 AND NOT r.excluded AND r.occurred_at < $2 AND ${caseState}) x
     ORDER BY nth, occurred_at DESC, event_id LIMIT $3`,
    [site.id, before, n],
  );
}

/** An appeal filed by the department's own account a little after the review; decided a day later when `rejection` is given. */
async function file(em: EntityManager, site: Site, r: BadReview, i: number, now: Date, rejection: string | null): Promise<void> {
  const filedBy = demoDepartmentUsername(r.department);
  const filedAt = new Date(Math.min(new Date(r.occurred_at).getTime() + (2 + i) * 3_600_000, now.getTime() - 60_000));
  const decidedAt = rejection ? new Date(Math.min(filedAt.getTime() + 86_400_000, now.getTime())) : null;
  const { reason, statement } = STATEMENTS[i % STATEMENTS.length];
  const [row] = await queryRows<{ id: string }>(
    em,
    `INSERT INTO review_appeals (site_id, review_id, department, reason, statement, status, filed_at, filed_by, decided_at, decided_by, decision_note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      site.id,
      r.event_id,
      r.department,
      reason,
      statement,
      rejection ? 'rejected' : 'pending',
      filedAt,
      filedBy,
      decidedAt,
      rejection ? DECIDER : null,
      rejection,
    ],
  );
  const target = `appeal:${row.id}`;
  await recordAudit(em, {
    action: 'appeal.file',
    actor: filedBy,
    role: 'department',
    site: site.code,
    target,
    details: { reviewId: r.event_id, department: r.department, reason },
    at: filedAt,
  });
  if (decidedAt)
    await recordAudit(em, {
      action: 'appeal.decide',
      actor: DECIDER,
      role: 'supervisor',
      site: site.code,
      target,
      details: { reviewId: r.event_id, from: 'pending', to: 'rejected', note: rejection },
      at: decidedAt,
    });
}
