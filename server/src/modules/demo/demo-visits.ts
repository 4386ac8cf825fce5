import { DEFAULT_VISIT_POINTS, VISIT_NOTICE_DEFAULT_DAYS, type VisitKind } from '@hallwatch/shared';
import { DataSource, EntityManager } from 'typeorm';
import { queryOne, queryRows } from '../../core/database/typed-query';
import { CalendarExceptions, isWorkingDay, workingDeadline } from '../../core/time/working-calendar';
import { addDays, localDay, zonedInstant } from '../../core/time/zoned-time';
import { readExceptions } from '../calendar/calendar-store';
import { allocateNoticeNumber } from '../patrol/notice-number';
import { noticeRemindAt } from '../patrol/round-rules';
import { Site } from '../registry/site.entity';
import { DEMO_SITE } from './demo-hall';
import { recordNoticeSteps } from './history-casework';
import { HISTORY_WEEKDAYS } from './history-days';
import { hashSeed, SeededRandom } from './seeded-random';

// The supervision office's field visits (实地督导) and mystery visits (暗访) to the demo
// district's town centres and village stations over the last weeks, so that /visits, the
// district overview's "last visit" and the assessment's visit column have a record on first
// start. Some towns were visited often, two not at all this month (item 23's complaint); the
// findings became notices to their towns, most answered and accepted, some still open, a few
// past their deadline. Upcoming visits are planned for the next working days.

const SEED = 23;
const WEEKS_BACK = 6;
const WALKERS = ['duchake-wang', 'duchake-li'];
const PLANNER = 'duchake-wang';

const FAIL_NOTES: Record<string, string[]> = {
  layout: ['等候区与办事区未分隔，群众在窗口前排队', '自助区设备无人引导，群众不会使用'],
  items: ['事项清单公示版本过期，与政务服务网不一致', '进驻事项少于清单，社保业务仍在原单位办理'],
  signage: ['门口无导视牌，群众找不到办事大厅', '窗口标识脱落，未公示办理事项'],
  duties: ['窗口人员说不清本岗位职责和办理时限', '工作人员不熟悉一次性告知内容'],
  'on-post': ['工作时间一名窗口人员不在岗，未报备', '中午时段无人值守，群众等候'],
  'conduct-qr': ['“好差评”二维码未张贴', '评价器关闭，群众无法评价'],
};
const MYSTERY_EXPERIENCES = {
  good: ['咨询后当场受理，工作人员一次性告知所需材料', '取号后 10 分钟内叫号，办理顺利'],
  bad: ['窗口让我回原单位开证明，来回跑了两次', '工作人员说系统故障，让改天再来，未登记诉求'],
};
const REPLIES = ['已按要求整改，附整改前后照片', '已重新公示事项清单，并组织人员学习岗位职责', '已补齐导视标识，安排专人值守'];

interface Town {
  id: string;
  code: string;
  villages: string[];
}

const countOf = async (em: EntityManager, sql: string, params: unknown[]) => (await queryOne<{ n: number }>(em, sql, params))?.n ?? 0;

/** Writes the demo office's visits once: false when the district already has any, or has no town centre. */
export async function ensureDemoVisits(ds: DataSource, now: Date): Promise<boolean> {
  const office = await ds.getRepository(Site).findOneBy({ code: DEMO_SITE.code });
  if (!office) return false;
  return ds.transaction(async (em) => {
    if (await countOf(em, `SELECT count(*)::int AS n FROM visits WHERE office_site_id = $1`, [office.id])) return false;
    const towns = await readTowns(em, office.id);
    if (!towns.length) return false;
    const tz = office.timezone;
    const today = localDay(now, tz);
    const calendar = await readExceptions(em, office.id, addDays(today, -7 * WEEKS_BACK - 7), addDays(today, 60));
    const open = (day: string) => isWorkingDay(day, calendar, HISTORY_WEEKDAYS);
    // Two towns (the last in code order) had no visit in the last month: the neglect item 23 names.
    const neglected = new Set(towns.slice(-2).map((t) => t.code));
    for (let back = 7 * WEEKS_BACK; back >= 1; back--) {
      const day = addDays(today, -back);
      if (!open(day)) continue;
      const rng = new SeededRandom(hashSeed(SEED, day));
      // Every working day of the last week had a visit, so the month open on the page is never empty.
      if (back > 7 && !rng.chance(0.55)) continue;
      const town = rng.pick(towns);
      if (back <= 31 && neglected.has(town.code)) continue;
      const siteId = town.villages.length && rng.chance(0.5) ? rng.pick(town.villages) : town.id;
      await pastVisit(em, { office, town, siteId, day, now, calendar, rng, kind: rng.chance(0.25) ? 'mystery' : 'field' });
    }
    // The next visits, planned: the first working days ahead.
    let ahead = 0;
    for (let d = 1; d <= 14 && ahead < 3; d++) {
      const day = addDays(today, d);
      if (!open(day)) continue;
      const town = towns[(ahead * 3) % towns.length];
      await em.query(
        `INSERT INTO visits (office_site_id, site_id, town_site_id, kind, planned_on, assignee, planned_by, state)
         VALUES ($1, $2, $2, 'field', $3, $4, $5, 'planned')`,
        [office.id, town.id, day, WALKERS[ahead % WALKERS.length], PLANNER],
      );
      ahead++;
    }
    return true;
  });
}

async function readTowns(em: EntityManager, officeId: string): Promise<Town[]> {
  const rows = await queryRows<{ id: string; code: string; villages: string[] | null }>(
    em,
    `SELECT t.id, t.code, array_agg(v.id ORDER BY v.code) FILTER (WHERE v.id IS NOT NULL) AS villages
     FROM sites t LEFT JOIN sites v ON v.parent_id = t.id AND v.tier = 'village'
     WHERE t.parent_id = $1 AND t.tier = 'town' GROUP BY t.id, t.code ORDER BY t.code`,
    [officeId],
  );
  return rows.map((r) => ({ id: r.id, code: r.code, villages: r.villages ?? [] }));
}

interface PastVisit {
  office: Site;
  town: Town;
  siteId: string;
  day: string;
  now: Date;
  calendar: CalendarExceptions;
  rng: SeededRandom;
  kind: VisitKind;
}

/** A finished visit of `day`: every point judged, the failed ones found, and their notices as far as they had got by `now`. */
async function pastVisit(em: EntityManager, p: PastVisit): Promise<void> {
  const { office, rng } = p;
  const tz = office.timezone;
  const walker = rng.pick(WALKERS);
  const started = zonedInstant(p.day, `${String(rng.int(9, 15)).padStart(2, '0')}:${String(rng.int(0, 5) * 10).padStart(2, '0')}`, tz);
  const finished = new Date(started.getTime() + rng.int(30, 80) * 60_000);
  const servedWell = rng.chance(0.6);
  const [visit] = await queryRows<{ id: string }>(
    em,
    `INSERT INTO visits (office_site_id, site_id, town_site_id, kind, planned_on, assignee, planned_by, state, started_at, started_by,
       finished_at, finished_by, summary, waited_min, served_correctly, experience)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'finished', $8, $6, $9, $6, $10, $11, $12, $13) RETURNING id`,
    [
      office.id,
      p.siteId,
      p.town.id,
      p.kind,
      p.day,
      walker,
      PLANNER,
      started,
      finished,
      p.kind === 'field' ? '按标准化指引逐项检查' : null,
      p.kind === 'mystery' ? rng.int(3, 40) : null,
      p.kind === 'mystery' ? servedWell : null,
      p.kind === 'mystery' ? rng.pick(servedWell ? MYSTERY_EXPERIENCES.good : MYSTERY_EXPERIENCES.bad) : null,
    ],
  );
  const findings: Array<{ point: string | null; text: string }> = [];
  for (const [i, point] of DEFAULT_VISIT_POINTS.entries()) {
    const failed = rng.chance(0.15);
    const note = failed ? rng.pick(FAIL_NOTES[point.code] ?? ['不符合标准化要求']) : null;
    await em.query(
      `INSERT INTO visit_checks (visit_id, point, label, label_en, result, note, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        visit.id,
        point.code,
        point.label.zh,
        point.label.en,
        failed ? 'fail' : 'pass',
        note,
        new Date(started.getTime() + (i + 1) * 300_000),
        walker,
      ],
    );
    if (failed) findings.push({ point: point.code, text: `${point.label.zh}：${note}` });
  }
  if (p.kind === 'mystery' && !servedWell) findings.push({ point: null, text: '暗访办事未得到正确办理' });
  for (const { point, text } of findings) {
    const [f] = await queryRows<{ id: string }>(
      em,
      `INSERT INTO visit_findings (visit_id, point, text, occurred_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [visit.id, point, text, finished],
    );
    await findingNotice(em, p, f.id, text, finished);
  }
}

/** The finding's notice to its town, issued the next morning, answered (and accepted) or not as of `now`. */
async function findingNotice(em: EntityManager, p: PastVisit, findingId: string, text: string, found: Date): Promise<void> {
  const { office, rng, now } = p;
  const tz = office.timezone;
  const issued = zonedInstant(addDays(localDay(found, tz), 1), '09:30', tz);
  if (issued > now) return;
  const deadline = workingDeadline(issued, VISIT_NOTICE_DEFAULT_DAYS, tz, p.calendar);
  const r = rng.next();
  // Most towns answer within the deadline and the office accepts; some answer late; a few not yet.
  const replyAt =
    r < 0.75 ? new Date(issued.getTime() + rng.int(1, 3) * 86_400_000) : r < 0.88 ? new Date(deadline.getTime() + 86_400_000) : null;
  const replied = replyAt && replyAt <= now ? replyAt : null;
  const accepted = replied && rng.chance(0.8) ? new Date(replied.getTime() + 3 * 3_600_000) : null;
  const remindAt = noticeRemindAt(issued, deadline);
  const reminded = remindAt <= now && remindAt < deadline && !(replied && replied <= remindAt) ? remindAt : null;
  const escalated = deadline <= now && !(replied && replied < deadline) ? deadline : null;
  const number = await allocateNoticeNumber(em, office, issued);
  const [notice] = await queryRows<{ id: string }>(
    em,
    `INSERT INTO patrol_notices (site_id, client_id, finding_id, department, source, addressee_site_id, text, issued_at, issued_by, deadline,
       remind_at, status, reminded_at, escalated_at, reply, replied_at, replied_by, accepted_at, accepted_by, number, number_year, number_seq)
     VALUES ($1, $2, $3, $4, 'visit', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
    [
      office.id,
      `visit:${findingId}`,
      findingId,
      p.town.code,
      p.town.id,
      `${text}。请于${VISIT_NOTICE_DEFAULT_DAYS}个工作日内整改，并书面回复督查监管科。`,
      issued,
      PLANNER,
      deadline,
      remindAt,
      replied ? 'closed' : 'open',
      reminded,
      escalated,
      replied ? rng.pick(REPLIES) : null,
      replied,
      replied ? `${p.town.code}-contact` : null,
      accepted && accepted <= now ? accepted : null,
      accepted && accepted <= now ? PLANNER : null,
      number.text,
      number.year,
      number.seq,
    ],
  );
  await recordNoticeSteps(em, office.id, notice.id, reminded, escalated);
}
