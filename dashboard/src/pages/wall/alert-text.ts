import { DepartmentInfo, LiveAlert, WindowState } from '@hallwatch/shared';
import { Lang } from './format';

const SEPARATORS = ['：', ': '];

/** The department's name when the message begins with it ("公积金中心：…"), which the place column then shows. */
function leadingDepartment(a: LiveAlert, msg: string, lang: Lang, info: Record<string, DepartmentInfo>): string | undefined {
  const name = a.department ? info[a.department]?.name[lang] : undefined;
  return name && SEPARATORS.some((sep) => msg.startsWith(name + sep)) ? name : undefined;
}

/** Whether the message names the window itself, by its code or by the number over the counter. */
function namesWindow(a: LiveAlert, msg: string, win: WindowState | undefined): boolean {
  if (a.window === undefined) return false;
  if (msg.includes(a.window)) return true;
  const n = win?.number;
  // Whole numbers only: window 7 is not named by "17号窗口".
  return n !== null && n !== undefined && new RegExp(`(?<!\\d)${n}号窗|window ${n}(?!\\d)`).test(msg);
}

/** Where an alert happened, beyond what its message already says. */
export function alertPlace(a: LiveAlert, lang: Lang, info: Record<string, DepartmentInfo>, windows: Map<string, WindowState>): string {
  const parts: string[] = [];
  const msg = a.message[lang] ?? a.message.zh;
  const win = a.window ? windows.get(a.window) : undefined;
  const named = namesWindow(a, msg, win);
  // Someone away from a window the message names is placed by it (docs/wall.md: "12号窗口 无人值守
  // 7分钟"); their department would only push the rest of the line off the end. A message that
  // leads with its department has it moved here instead. A tidal advice names a window too, but
  // the queue it is about is the department's.
  if (a.department && (leadingDepartment(a, msg, lang, info) || !(named && a.staff)))
    parts.push(info[a.department]?.name[lang] ?? a.department);
  if (a.window && !named) parts.push(lang === 'zh' ? `${win?.number ?? a.window}号窗` : `window ${win?.number ?? a.window}`);
  const staffName = a.staff ? (win?.staff === a.staff ? win.staffName : null) : null;
  if (a.staff && !named && !msg.includes(staffName ?? a.staff)) parts.push(staffName ?? a.staff);
  return parts.join(' · ');
}

/** The message without a leading department name, which the place column already shows. */
export function alertMessage(a: LiveAlert, lang: Lang, info: Record<string, DepartmentInfo>): string {
  const msg = a.message[lang] ?? a.message.zh;
  const name = leadingDepartment(a, msg, lang, info);
  if (!name) return msg;
  const sep = SEPARATORS.find((s) => msg.startsWith(name + s))!;
  return msg.slice(name.length + sep.length);
}
