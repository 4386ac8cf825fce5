import { HallEvent } from '@hallwatch/shared';

// Checks that a simulated day is one a real hall could have produced: every ticket and
// every staff member moves only along the paths the ticket life of docs/contracts/device-events.md allows.

type Data = Record<string, string | number | boolean | undefined>;
const dataOf = (e: HallEvent) => e.data as unknown as Data;

interface TicketState {
  phase: 'waiting' | 'called' | 'serving' | 'done' | 'no_show';
  window?: string;
  staff?: string;
  dept: string;
  completedAt?: number;
}

export function ticketProblems(events: readonly HallEvent[], opts: { finished: boolean }): string[] {
  const problems: string[] = [];
  const tickets = new Map<string, TicketState>();
  const windowBusy = new Map<string, string>();
  // One rating per visit: the hall refuses a second rating of a ticket (docs/contracts/reviews.md).
  const rated = new Set<string>();
  for (const e of events) {
    const d = dataOf(e);
    if (!e.type.startsWith('ticket.') && e.type !== 'review.submitted') continue;
    const code = d.ticket as string;
    const t = tickets.get(code);
    const bad = (why: string) => problems.push(`${e.id} ${e.type} ${code}: ${why}`);
    switch (e.type) {
      case 'ticket.issued':
        if (t) bad('issued twice');
        tickets.set(code, { phase: 'waiting', dept: d.department as string });
        break;
      case 'ticket.called':
        if (!t) bad('called before it was issued');
        else if (t.phase === 'waiting') {
          if (windowBusy.has(d.window as string)) bad(`window ${d.window} is busy with ${windowBusy.get(d.window as string)}`);
          windowBusy.set(d.window as string, code);
          Object.assign(t, { phase: 'called', window: d.window });
        } else if (t.phase !== 'called' || t.window !== d.window) bad(`recalled from ${t.phase} at another window`);
        break;
      case 'ticket.started':
        if (!t || t.phase !== 'called' || t.window !== d.window) bad('started without a call at that window');
        else Object.assign(t, { phase: 'serving', staff: d.staff });
        break;
      case 'ticket.completed':
        if (!t || t.phase !== 'serving' || t.window !== d.window || t.staff !== d.staff) bad('completed without being served there');
        else Object.assign(t, { phase: 'done', completedAt: Date.parse(e.occurredAt) });
        windowBusy.delete(d.window as string);
        break;
      case 'ticket.no_show':
        if (!t || t.phase !== 'called' || t.window !== d.window) bad('no-show without a call at that window');
        else t.phase = 'no_show';
        windowBusy.delete(d.window as string);
        break;
      case 'ticket.transferred':
        if (!t || t.phase !== 'serving' || t.window !== d.fromWindow) bad('transferred without being served');
        else Object.assign(t, { phase: 'waiting', dept: d.toDepartment, window: undefined, staff: undefined });
        windowBusy.delete(d.fromWindow as string);
        break;
      case 'review.submitted':
        if (rated.has(code)) bad('rated twice');
        rated.add(code);
        if (!t || t.phase !== 'done') bad('reviewed before it was completed');
        else if (t.window !== d.window || t.staff !== d.staff || t.dept !== d.department)
          bad('review names another window, staff or department');
        break;
    }
  }
  if (opts.finished)
    for (const [code, t] of tickets)
      if (t.phase !== 'done' && t.phase !== 'no_show') problems.push(`${code} still ${t.phase} at the end of the day`);
  return problems;
}

export function staffProblems(events: readonly HallEvent[], roster: Map<string, string | null>, opts: { finished: boolean }): string[] {
  const problems: string[] = [];
  const state = new Map<string, 'off' | 'on' | 'away'>();
  const busy = new Set<string>();
  const moves: Record<string, ['off' | 'on' | 'away', 'off' | 'on' | 'away']> = {
    'staff.signed_in': ['off', 'on'],
    'staff.left_post': ['on', 'away'],
    'staff.returned': ['away', 'on'],
    'staff.signed_out': ['on', 'off'],
    'ticket.started': ['on', 'on'],
  };
  for (const e of events) {
    const d = dataOf(e);
    if (e.type === 'ticket.called') busy.add(d.window as string);
    if (e.type === 'ticket.completed' || e.type === 'ticket.no_show') busy.delete(d.window as string);
    if (e.type === 'ticket.transferred') busy.delete(d.fromWindow as string);
    const move = moves[e.type];
    if (!move) continue;
    const staff = d.staff as string;
    const bad = (why: string) => problems.push(`${e.id} ${e.type} ${staff}: ${why}`);
    if (roster.get(staff) !== d.window) bad(`at window ${d.window}, roster says ${roster.get(staff)}`);
    const s = state.get(staff) ?? 'off';
    if (s !== move[0]) bad(`happened while ${s}`);
    if ((e.type === 'staff.left_post' || e.type === 'staff.signed_out') && busy.has(d.window as string))
      bad('left a citizen at the counter');
    state.set(staff, move[1]);
  }
  if (opts.finished) for (const [staff, s] of state) if (s !== 'off') problems.push(`${staff} still ${s} at the end of the day`);
  return problems;
}
