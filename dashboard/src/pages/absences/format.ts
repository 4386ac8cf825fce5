import { hallClockParts } from '@hallwatch/shared';
import { ApiError } from '../../api';

export type Lang = 'zh' | 'en';
export const langOf = (language: string): Lang => (language.startsWith('en') ? 'en' : 'zh');

const parts = (at: Date, timeZone: string) => {
  const p = hallClockParts(at, timeZone);
  return { y: p.year, mo: p.month, d: p.day, h: p.hour, mi: p.minute };
};

/** Today's date (YYYY-MM-DD) on the hall's clock, whatever the reader's machine says. */
export const hallToday = (timeZone: string, now = new Date()): string => {
  const p = parts(now, timeZone);
  return `${p.y}-${p.mo}-${p.d}`;
};

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** "07-15 09:30" on the hall's clock; with `sameDay`, only "09:30". */
export function hallTime(iso: string | null, timeZone: string, sameDay = false): string {
  if (!iso) return '';
  const p = parts(new Date(iso), timeZone);
  return sameDay ? `${p.h}:${p.mi}` : `${p.mo}-${p.d} ${p.h}:${p.mi}`;
}

/** An entry's span: "07-15 09:30–11:30" within a day, else both ends in full. */
export function span(from: string, to: string, timeZone: string): string {
  const a = parts(new Date(from), timeZone);
  const b = parts(new Date(to), timeZone);
  if (a.y === b.y && a.mo === b.mo && a.d === b.d) return `${a.mo}-${a.d} ${a.h}:${a.mi}–${b.h}:${b.mi}`;
  return `${hallTime(from, timeZone)} – ${hallTime(to, timeZone)}`;
}

/** A datetime-local value ("2024-07-15T09:30") for an instant, on the hall's clock. */
export function localInput(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}`;
}

/**
 * A datetime-local value read on the hall's clock, as ISO-8601 with the hall's offset: the person
 * means the hall's 09:30, whatever zone their own machine is set to. Empty for an empty input.
 */
export function hallInstant(local: string, timeZone: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return local;
  const wall = Date.parse(`${local}:00Z`);
  const offsetAt = (ms: number) => {
    const p = parts(new Date(ms), timeZone);
    return Date.UTC(+p.y, +p.mo - 1, +p.d, +p.h, +p.mi) - Math.floor(ms / 60_000) * 60_000;
  };
  const offset = offsetAt(wall - offsetAt(wall));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A half day shows as such: 1.5, 2, 0.5. */
export const days = (n: number): string => String(Number(n.toFixed(1)));

/**
 * What the page says when the register refuses, naming the field in the page's language: the
 * server's words are English, so the register's own refusals are worded here.
 */
const FIELD_WORDS: Array<{ field: string; status?: number; match?: RegExp; zh: string; en: string }> = [
  { field: 'staff', status: 403, zh: '人员：只能为本部门人员填报', en: 'Staff: you may file only for your own department' },
  { field: 'staff', zh: '人员：请选择本站点登记的人员', en: 'Staff: choose a staff member of this site' },
  { field: 'kind', zh: '类别：请选择外出或请假的类别', en: 'Kind: choose an outing or leave kind' },
  {
    field: 'from',
    status: 409,
    zh: '开始时间：该人员在此时段已有待审批或已批准的登记',
    en: 'From: this person already has a pending or approved entry then',
  },
  { field: 'from', match: /past/, zh: '开始时间：最多补报 7 天以内的外出或请假', en: 'From: at most 7 days back' },
  { field: 'from', match: /ahead/, zh: '开始时间：最多提前 90 天填报', en: 'From: at most 90 days ahead' },
  { field: 'from', zh: '开始时间：请填写有效的日期和时间', en: 'From: enter a valid date and time' },
  {
    field: 'to',
    match: /24 hours/,
    zh: '结束时间：外出不超过 24 小时，更长的请按请假填报',
    en: 'To: an outing lasts at most 24 hours; file longer absences as leave',
  },
  { field: 'to', match: /366/, zh: '结束时间：请假不超过 366 天', en: 'To: leave lasts at most 366 days' },
  { field: 'to', match: /after/, zh: '结束时间：须晚于开始时间', en: 'To: must be after From' },
  { field: 'to', zh: '结束时间：请填写有效的日期和时间', en: 'To: enter a valid date and time' },
  { field: 'reason', zh: '事由：请填写事由（不超过 500 字）', en: 'Reason: give a reason (at most 500 characters)' },
  { field: 'note', zh: '意见：不批准须写明理由', en: 'Note: give the grounds for a rejection' },
  {
    field: 'decision',
    status: 403,
    zh: '审批：本人填报的登记须由其他督查人员或管理员审批',
    en: 'Decision: an entry you filed must be decided by someone else',
  },
  { field: 'decision', status: 409, zh: '审批：该登记已处理', en: 'Decision: the entry was already decided' },
  {
    field: 'state',
    match: /begun/,
    zh: '状态：已开始的登记不能撤销，请办理销假',
    en: 'State: an absence under way cannot be cancelled; record the return',
  },
  { field: 'state', zh: '状态：该登记已处理，不能再更改', en: 'State: the entry can no longer be changed' },
  { field: 'at', zh: '销假时间：须在登记时段内且不晚于现在', en: 'Return: must fall within the entry and not in the future' },
  { field: 'month', zh: '月份：请选择已开始的月份', en: 'Month: choose a month that has begun' },
];

/** The register's word for a refusal naming a field; null when it names none this page knows. */
export function registerError(err: unknown, lang: Lang): { field: string; text: string } | null {
  if (!(err instanceof ApiError) || !err.field) return null;
  const field = err.field;
  const hit = FIELD_WORDS.find(
    (w) => w.field === field && (w.status === undefined || w.status === err.status) && (!w.match || w.match.test(err.message)),
  );
  return hit ? { field, text: hit[lang] } : null;
}
