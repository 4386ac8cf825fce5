import { EventDataMap, HallEvent } from '@hallwatch/shared';
import { planDay } from '../patrol/round-rules';
import { DEMO_DEPARTMENTS, demoWindows } from './demo-hall';
import { hallIso } from './hall-day-profile';
import { hashSeed, SeededRandom } from './seeded-random';

// A past day's patrol rounds as the phone page would have posted them: started in the round's
// window, every checkpoint confirmed with the code posted at it, completed a few minutes later.
// Most rounds are walked properly; now and then one is rushed or skips a checkpoint (存疑), or
// is never walked at all (missed). A check now and then finds something wrong.

export interface HistoryCheckpoint {
  code: string;
  /** The code printed at the checkpoint, which a real walk confirms. */
  scanCode: string;
}

export interface PatrolDayInput {
  day: string;
  /** The schedule's round times, HH:MM. */
  times: readonly string[];
  checkpoints: readonly HistoryCheckpoint[];
  timeZone: string;
  seed: number;
  idPrefix: string;
}

const PATROLLERS = ['xuncha-zhou', 'xuncha-chen'];
const P_MISSED = 0.04;
const P_DOUBTFUL = 0.06;
/** Per check: what the demo hall's rounds find, one or two findings a working day. */
const P_FINDING = 0.045;

// What each default checkpoint finds wrong, and whether a department answers for it.
const FINDINGS: Record<string, { notes: string[]; department: boolean }> = {
  'windows-staffed': { notes: ['{w}号窗口工作时间无人在岗，未放置暂停服务牌', '{w}号窗口人员离岗超过20分钟未登记'], department: true },
  nameplate: { notes: ['{w}号窗口公示牌照片与在岗人员不一致', '{w}号窗口公示牌未更新，显示已调离人员'], department: true },
  'self-service-helper': { notes: ['掌上办区域无辅导人员，群众不会操作自助设备'], department: false },
  'back-office': { notes: ['后台审批区发现办事群众，违反受审分离要求', '工作人员将群众带入后台办理业务'], department: true },
  'complaint-book': { notes: ['入口意见簿未摆放，意见反馈台无人值守'], department: false },
  'pad-matches': { notes: ['{w}号窗口评价器显示人员与在岗人员不一致'], department: true },
  'first-aid': { notes: ['便民药箱部分药品过期，老花镜缺失'], department: false },
  'archive-locked': { notes: ['档案室门未锁闭，无人看管'], department: true },
};
const OTHER_FINDING = { notes: ['检查发现问题，已现场提醒'], department: false };

// Findings fall more often on the departments citizens complain of.
const DESKS = demoWindows().filter((w) => w.isOpen && w.kind !== 'self_service');
const GRUMBLE = new Map(DEMO_DEPARTMENTS.map((d) => [d.code, d.grumble ?? 1]));
const DESK_WEIGHTS = DESKS.map((w) => GRUMBLE.get(w.department) ?? 1);

/** The day's round events, in the order they happened. */
export function patrolDay(input: PatrolDayInput): HallEvent[] {
  const rng = new SeededRandom(hashSeed(input.seed, `patrol:${input.day}`));
  const out: HallEvent[] = [];
  for (const round of planDay(input.day, [...input.times], input.timeZone)) {
    const id = (suffix: string) => `${input.idPrefix}r${round.slot}-${suffix}`;
    const patroller = PATROLLERS[(round.slot + Number(input.day.slice(8))) % PATROLLERS.length];
    const fate = rng.next();
    if (fate < P_MISSED) {
      // Never walked; or started and left unfinished, which the rules count as missed all the same.
      if (rng.chance(0.5)) continue;
      const started = round.dueAt.getTime() + rng.int(5, 25) * 60_000;
      out.push(event(id('s'), 'round.started', started, { round: round.code, patroller }));
      continue;
    }
    const doubtful = fate < P_MISSED + P_DOUBTFUL;
    const rushed = doubtful && rng.chance(0.5);
    let t = round.dueAt.getTime() + rng.int(-10 * 60, 20 * 60) * 1000;
    out.push(event(id('s'), 'round.started', t, { round: round.code, patroller }));
    const skip = doubtful && !rushed ? rng.int(0, input.checkpoints.length - 1) : -1;
    input.checkpoints.forEach((cp, i) => {
      t += (rushed ? rng.int(8, 20) : rng.int(45, 110)) * 1000;
      if (i === skip) return;
      out.push(event(id(`c${i + 1}`), 'round.check', t, { round: round.code, ...check(rng, cp) }));
    });
    t += rng.int(20, 90) * 1000;
    out.push(event(id('e'), 'round.completed', t, { round: round.code, patroller }));
  }
  return out;
}

function check(rng: SeededRandom, cp: HistoryCheckpoint): Omit<EventDataMap['round.check'], 'round'> {
  const base = { checkpoint: cp.code, code: cp.scanCode };
  if (!rng.chance(P_FINDING)) return { ...base, result: 'ok' };
  const kind = FINDINGS[cp.code] ?? OTHER_FINDING;
  const desk = DESKS[rng.weighted(DESK_WEIGHTS)];
  const severity = cp.code === 'back-office' ? (rng.chance(0.6) ? 'high' : 'medium') : rng.pick(['low', 'low', 'medium', 'high'] as const);
  const note = rng.pick(kind.notes).replace('{w}', String(desk.number));
  return {
    ...base,
    result: 'finding',
    severity,
    note,
    ...(kind.department ? { department: desk.department, ...(note.includes('窗口') ? { window: desk.code } : {}) } : {}),
  };
}

function event<T extends keyof EventDataMap>(id: string, type: T, ms: number, data: EventDataMap[T]): HallEvent {
  return { id, type, occurredAt: hallIso(ms), data } as HallEvent;
}
