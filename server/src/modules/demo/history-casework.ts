import { EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { CalendarExceptions, nthWorkingDayAfter, reminderAt } from '../../core/time/working-calendar';
import { addDays, localMonth, zonedInstant } from '../../core/time/zoned-time';
import { allocateNoticeNumber } from '../patrol/notice-number';
import { noticeRemindAt } from '../patrol/round-rules';
import { Site } from '../registry/site.entity';
import { closeSource } from '../reviews/follow-ups.service';
import { HISTORY_WEEKDAYS } from './history-days';
import { OfficeHours } from './history-office';
import { hashSeed, SeededRandom } from './seeded-random';

// The people's share of a past day: the follow-up calls on its bad reviews and complaints, and
// the notices, replies and deductions on its patrol findings, each as far as it had got by
// `now`. Most cases closed within their deadline, some late, a few are still open and overdue;
// recent ones are still being worked on. Everything is written in the state the deadline jobs
// would have left it (reminders and escalations recorded at their times), so that no job is
// needed for a deadline that has passed.

export interface Casework {
  em: EntityManager;
  site: Site;
  day: string;
  now: Date;
  calendar: CalendarExceptions;
  seed: number;
}

const SUPERVISORS = ['duchake-wang', 'duchake-li'];

const NOTES = {
  reached: ['已电话联系群众，了解具体情况并致歉', '已回电群众，记录诉求，承诺限期答复', '联系到群众，说明情况并听取意见'],
  unreached: ['电话未接通，稍后再拨', '群众电话无人接听，已发短信告知回访事宜', '号码占线，稍后再拨'],
  fixReview: [
    '已核实情况，对窗口人员进行批评教育，优化办事流程',
    '已一次性告知所需材料，并协助群众预约办理',
    '已调整窗口排班，高峰期增开潮汐窗口',
  ],
  fixComplaint: ['经核实情况属实，已责成部门整改并向群众反馈', '已向群众解释政策规定，群众表示理解', '已对涉事人员约谈提醒，纳入月度考核'],
  satisfied: ['回访确认，群众对处理结果满意', '群众表示问题已解决，认可处理结果'],
  unsatisfied: ['群众对处理结果基本认可，仍有意见，已做好解释'],
  reply: ['已对相关人员进行批评教育，完善在岗管理制度，整改完毕', '已立即整改，并举一反三开展自查', '已更换公示信息，安排专人每日核对'],
  onTheSpot: ['已现场提醒，当即整改', '现场督促落实，已整改到位'],
};

interface CaseRow {
  id: string;
  kind: 'review' | 'complaint';
  source_id: string;
  department: string | null;
  opened_at: Date;
  contact_due_at: Date;
  resolve_due_at: Date;
  status: string;
  platform_closed_at: Date | null;
}

interface Action {
  kind: 'contact' | 'resolution' | 'confirmation' | 'reminder' | 'escalation';
  step: 'contact' | 'resolve' | null;
  at: Date;
  actor: string;
  note: string | null;
  outcome: boolean | null;
  dedupe: string | null;
}

type Fate = 'on_time' | 'late' | 'lingering';

function fateOf(rng: SeededRandom): Fate {
  const r = rng.next();
  return r < 0.86 ? 'on_time' : r < 0.98 ? 'late' : 'lingering';
}

/** What people did about the case, at the times they did it, before `now` or after. */
function planCase(c: CaseRow, office: OfficeHours, rng: SeededRandom): Action[] {
  const opened = new Date(c.opened_at);
  const contactDue = new Date(c.contact_due_at);
  const resolveDue = new Date(c.resolve_due_at);
  const caller = rng.pick(SUPERVISORS);
  const department = c.department ? `${c.department}-contact` : rng.pick(SUPERVISORS);
  const fate = fateOf(rng);
  const out: Action[] = [];
  const act = (kind: Action['kind'], at: Date, actor: string, note: string, outcome: boolean | null) =>
    out.push({ kind, step: null, at, actor, note, outcome, dedupe: null });

  let t = opened;
  if (rng.chance(0.25)) {
    t = office.after(t, 20, 120);
    act('contact', t, caller, rng.pick(NOTES.unreached), false);
  }
  const lateContact = fate === 'late' && rng.chance(0.4);
  const neverReached = fate === 'lingering' && rng.chance(0.4);
  if (neverReached) {
    for (let i = rng.int(1, 2); i > 0; i--) act('contact', (t = office.after(t, 120, 1440)), caller, rng.pick(NOTES.unreached), false);
    return out;
  }
  const reached = lateContact ? office.after(contactDue, 60, 600) : office.before(office.after(t, 30, 240), contactDue, t);
  act('contact', reached, caller, rng.pick(NOTES.reached), true);
  if (fate === 'lingering' && rng.chance(0.7)) return out;
  const fix = rng.pick(c.kind === 'review' ? NOTES.fixReview : NOTES.fixComplaint);
  const resolved =
    fate === 'on_time' ? office.before(office.after(reached, 120, 2880), resolveDue, reached) : office.after(resolveDue, 60, 4320);
  act('resolution', resolved, department, fix, null);
  if (fate === 'lingering') return out;
  const confirmed =
    fate === 'on_time' ? office.before(office.after(resolved, 60, 1440), resolveDue, resolved) : office.after(resolved, 60, 1440);
  const satisfied = rng.chance(0.92);
  act('confirmation', confirmed, caller, rng.pick(satisfied ? NOTES.satisfied : NOTES.unsatisfied), satisfied);
  return out;
}

/** Works the day's newly opened follow-up cases up to `now`. Returns how many it touched. */
export async function workDayCases(w: Casework): Promise<number> {
  const { em, site, now } = w;
  const tz = site.timezone;
  const cases = await queryRows<CaseRow>(
    em,
    `SELECT id, kind, source_id, department, opened_at, contact_due_at, resolve_due_at, status, platform_closed_at FROM follow_up_cases
     WHERE site_id = $1 AND opened_at >= $2 AND opened_at < $3 AND first_contact_at IS NULL
       AND (status = 'awaiting_contact' OR platform_closed_at IS NOT NULL)
     ORDER BY opened_at, source_id`,
    [site.id, zonedInstant(w.day, '00:00', tz), zonedInstant(addDays(w.day, 1), '00:00', tz)],
  );
  const updates: Array<{
    c: CaseRow;
    status: string;
    fc: Date | null;
    rs: Date | null;
    cl: Date | null;
    byPlatform: boolean;
    co: Date | null;
    ro: Date | null;
    scheduled: Date | null;
  }> = [];
  const actions: Array<Action & { caseId: string }> = [];
  for (const c of cases) {
    const rng = new SeededRandom(hashSeed(w.seed, `case:${c.kind}:${c.source_id}`));
    const office = new OfficeHours(tz, w.calendar, rng);
    // A work order its platform closed or withdrew was worked until then, and closed by the platform, not by a call.
    const ended = c.platform_closed_at ? new Date(c.platform_closed_at) : null;
    const until = ended && ended < now ? ended : now;
    const done = planCase(c, office, rng).filter((a) => a.at <= until && !(ended && a.kind === 'confirmation'));
    const first = (kind: Action['kind'], ok?: boolean) =>
      done.find((a) => a.kind === kind && (ok === undefined || a.outcome === ok))?.at ?? null;
    const closed = first('confirmation');
    const resolved = first('resolution');
    const contacted = first('contact', true) ?? closed;
    const deadlines = { contact: new Date(c.contact_due_at), resolve: new Date(c.resolve_due_at) };
    const doneBy = { contact: contacted, resolve: closed };
    const overdue = { contact: null as Date | null, resolve: null as Date | null };
    // What the deadline jobs would have recorded: a reminder on the morning of the last day, an escalation at the deadline.
    for (const step of ['contact', 'resolve'] as const) {
      const due = deadlines[step];
      const finished = doneBy[step];
      const remind = reminderAt(due, tz);
      if (remind < due && remind <= until && !(finished && finished <= remind)) done.push(system(c.id, 'reminder', step, remind, due));
      if (due <= until && !(finished && finished < due)) {
        done.push(system(c.id, 'escalation', step, due, due));
        overdue[step] = due;
      }
    }
    const status = ended
      ? c.status
      : closed
        ? 'closed'
        : resolved
          ? 'awaiting_confirmation'
          : contacted
            ? 'in_progress'
            : 'awaiting_contact';
    // A deadline still ahead needs its jobs: the server queues them for a case left unscheduled.
    const ahead = !closed && !ended && ((!contacted && deadlines.contact > now) || deadlines.resolve > now);
    updates.push({
      c,
      status,
      fc: contacted,
      rs: resolved,
      // The platform's end stands as the case's closing; the source was settled with it.
      cl: closed ?? ended,
      byPlatform: ended !== null,
      co: overdue.contact,
      ro: overdue.resolve,
      scheduled: ahead ? null : now,
    });
    for (const a of done) actions.push({ ...a, caseId: c.id });
  }
  if (!updates.length) return 0;
  await em.query(
    `UPDATE follow_up_cases c SET status = u.status, first_contact_at = u.fc, resolved_at = u.rs, closed_at = u.cl,
       contact_overdue_at = u.co, resolve_overdue_at = u.ro, scheduled_at = u.scheduled, updated_at = $1
     FROM unnest($2::uuid[], $3::varchar[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[])
       AS u(id, status, fc, rs, cl, co, ro, scheduled)
     WHERE c.id = u.id`,
    [
      now,
      updates.map((u) => u.c.id),
      updates.map((u) => u.status),
      updates.map((u) => u.fc),
      updates.map((u) => u.rs),
      updates.map((u) => u.cl),
      updates.map((u) => u.co),
      updates.map((u) => u.ro),
      updates.map((u) => u.scheduled),
    ],
  );
  if (actions.length)
    await em.query(
      `INSERT INTO follow_up_actions (case_id, kind, step, at, actor, note, outcome, dedupe_key)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::text[], $7::bool[], $8::varchar[])`,
      [
        actions.map((a) => a.caseId),
        actions.map((a) => a.kind),
        actions.map((a) => a.step),
        actions.map((a) => a.at),
        actions.map((a) => a.actor),
        actions.map((a) => a.note),
        actions.map((a) => a.outcome),
        actions.map((a) => a.dedupe),
      ],
    );
  for (const u of updates)
    if (u.cl && !u.byPlatform) await closeSource(em, { site_id: site.id, kind: u.c.kind, source_id: u.c.source_id }, u.cl);
  return updates.length;
}

// Keyed as the deadline jobs key theirs, so that a job that runs after all records nothing twice.
function system(caseId: string, kind: 'reminder' | 'escalation', step: 'contact' | 'resolve', at: Date, due: Date): Action {
  const phase = kind === 'reminder' ? 'remind' : 'escalate';
  return { kind, step, at, actor: 'system', note: null, outcome: null, dedupe: `${caseId}.${phase}.${step}.${due.getTime()}` };
}

interface FindingRow {
  id: string;
  check_event_id: string;
  checkpoint: string;
  department: string | null;
  note: string | null;
  occurred_at: Date;
  items: number[];
  severity: string | null;
  points: number | null;
}

const NOTICE_WORKING_DAYS = 3;

/**
 * The day's patrol findings: most that name a department became a 督查告知书 with a deadline
 * three working days on, answered in time or late or not yet; the rest were put right on the
 * spot. A confirmed 受审分离 violation, or an unattended window found at its worst, cost the
 * department points in the month of the finding.
 */
export async function workDayFindings(w: Casework): Promise<number> {
  const { em, site, now } = w;
  const tz = site.timezone;
  const findings = await queryRows<FindingRow>(
    em,
    `SELECT f.id, f.check_event_id, f.checkpoint, f.department, f.note, f.occurred_at, f.items, f.severity, cp.deduct_points AS points
     FROM patrol_findings f LEFT JOIN patrol_checkpoints cp ON cp.site_id = f.site_id AND cp.code = f.checkpoint
     WHERE f.site_id = $1 AND f.day = $2 AND f.status = 'open'
       AND NOT EXISTS (SELECT 1 FROM patrol_notices n WHERE n.finding_id = f.id) ORDER BY f.occurred_at, f.id`,
    [site.id, w.day],
  );
  for (const f of findings) {
    const rng = new SeededRandom(hashSeed(w.seed, `finding:${f.check_event_id}`));
    const office = new OfficeHours(tz, w.calendar, rng);
    const found = new Date(f.occurred_at);
    const supervisor = rng.pick(SUPERVISORS);
    if (f.department && (f.checkpoint === 'back-office' || (f.checkpoint === 'windows-staffed' && f.severity === 'high'))) {
      const confirmed = office.after(found, 60, 1440);
      if (confirmed <= now)
        await em.query(
          `INSERT INTO patrol_deductions (site_id, finding_id, department, month, points, reason, items, confirmed_at, confirmed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (finding_id) DO NOTHING`,
          [site.id, f.id, f.department, localMonth(found, tz), f.points ?? 1, f.note, f.items, confirmed, supervisor],
        );
    }
    if (!f.department || rng.chance(0.25)) {
      const fixed = office.after(found, 5, 90);
      if (fixed <= now)
        await em.query(
          `UPDATE patrol_findings SET status = 'resolved', resolved_at = $2, resolution = $3, resolved_by = $4 WHERE id = $1`,
          [f.id, fixed, rng.pick(NOTES.onTheSpot), supervisor],
        );
      continue;
    }
    await issueNotice(w, f, office, rng, supervisor);
  }
  return findings.length;
}

/** The reminder and overdue steps a past notice's jobs would have recorded, so that none runs again. */
export async function recordNoticeSteps(
  em: EntityManager,
  siteId: string,
  noticeId: string,
  reminded: Date | null,
  escalated: Date | null,
) {
  const steps = [...(reminded ? [['remind', reminded]] : []), ...(escalated ? [['overdue', escalated]] : [])] as Array<[string, Date]>;
  if (steps.length)
    await em.query(
      `INSERT INTO patrol_steps (site_id, subject, subject_id, step, due_at, recorded_at)
       SELECT $1, 'notice', $2, s.step, s.at, s.at FROM unnest($3::varchar[], $4::timestamptz[]) AS s(step, at)`,
      [siteId, noticeId, steps.map((s) => s[0]), steps.map((s) => s[1])],
    );
}

async function issueNotice(w: Casework, f: FindingRow, office: OfficeHours, rng: SeededRandom, supervisor: string): Promise<void> {
  const { em, site, now } = w;
  const tz = site.timezone;
  const issued = office.after(new Date(f.occurred_at), 20, 120);
  if (issued > now) return;
  const deadline = zonedInstant(nthWorkingDayAfter(w.day, NOTICE_WORKING_DAYS, w.calendar, HISTORY_WEEKDAYS), '17:30', tz);
  const remindAt = noticeRemindAt(issued, deadline);
  const r = rng.next();
  const replyAt =
    r < 0.8 ? office.before(office.after(issued, 240, 2880), deadline, issued) : r < 0.92 ? office.after(deadline, 60, 2880) : null;
  const replied = replyAt && replyAt <= now ? replyAt : null;
  const reply = replied ? rng.pick(NOTES.reply) : null;
  const repliedBy = replied ? `${f.department}-contact` : null;
  const reminded = remindAt <= now && remindAt < deadline && !(replied && replied <= remindAt) ? remindAt : null;
  const escalated = deadline <= now && !(replied && replied < deadline) ? deadline : null;
  const number = await allocateNoticeNumber(em, site, issued);
  const [notice] = await queryRows<{ id: string }>(
    em,
    `INSERT INTO patrol_notices (site_id, client_id, finding_id, department, text, issued_at, issued_by, deadline, remind_at, status,
       reminded_at, escalated_at, reply, replied_at, replied_by, number, number_year, number_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [
      site.id,
      `${f.check_event_id}-n`,
      f.id,
      f.department,
      `${f.note ?? '巡查发现问题'}。请于${NOTICE_WORKING_DAYS}个工作日内整改，并书面回复督查监管科。`,
      issued,
      supervisor,
      deadline,
      remindAt,
      replied ? 'closed' : 'open',
      reminded,
      escalated,
      reply,
      replied,
      repliedBy,
      number.text,
      number.year,
      number.seq,
    ],
  );
  await recordNoticeSteps(em, site.id, notice.id, reminded, escalated);
  if (replied)
    await em.query(`UPDATE patrol_findings SET status = 'resolved', resolved_at = $2, resolution = $3, resolved_by = $4 WHERE id = $1`, [
      f.id,
      replied,
      reply,
      repliedBy,
    ]);
}
