import { DepartmentInfo, LiveAlert, WindowState } from '@hallwatch/shared';
import { Lang } from './format';

/** Where an alert happened, beyond what its message already says. */
export function alertPlace(a: LiveAlert, lang: Lang, info: Record<string, DepartmentInfo>, windows: Map<string, WindowState>): string {
  const parts: string[] = [];
  const msg = a.message[lang] ?? a.message.zh;
  const namesWindow = a.window !== undefined && msg.includes(a.window);
  // Someone away from a window the message names is placed by it (docs/wall.md: "12号窗口 无人值守
  // 7分钟"); their department would only push the rest of the line off the end. A tidal advice
  // names a window too, but the queue it is about is the department's.
  if (a.department && !(namesWindow && a.staff)) parts.push(info[a.department]?.name[lang] ?? a.department);
  const win = a.window ? windows.get(a.window) : undefined;
  if (a.window && !namesWindow) parts.push(lang === 'zh' ? `${win?.number ?? a.window}号窗` : `window ${win?.number ?? a.window}`);
  const staffName = a.staff ? (win?.staff === a.staff ? win.staffName : null) : null;
  if (a.staff && !msg.includes(staffName ?? a.staff)) parts.push(staffName ?? a.staff);
  return parts.join(' · ');
}

/** The message without a leading department name, which the place column already shows. */
export function alertMessage(a: LiveAlert, lang: Lang, info: Record<string, DepartmentInfo>): string {
  const msg = a.message[lang] ?? a.message.zh;
  const name = a.department ? info[a.department]?.name[lang] : undefined;
  for (const sep of ['：', ': ']) if (name && msg.startsWith(name + sep)) return msg.slice(name.length + sep.length);
  return msg;
}
