import { AnyHallEvent, EventDataMap, EventType, HallEvent } from '@hallwatch/shared';

export type RefKind = 'department' | 'window' | 'staff';

type Ref = readonly [RefKind, string | undefined];

// Per type, so that a new event type cannot be added without saying which codes it names.
// Within a type: departments, then windows, then staff.
const REFS: { [T in EventType]: (data: EventDataMap[T]) => Ref[] } = {
  'ticket.issued': (d) => [['department', d.department]],
  'ticket.called': (d) => [['window', d.window]],
  'ticket.started': (d) => [
    ['window', d.window],
    ['staff', d.staff],
  ],
  'ticket.completed': (d) => [
    ['window', d.window],
    ['staff', d.staff],
  ],
  'ticket.no_show': (d) => [['window', d.window]],
  'ticket.transferred': (d) => [
    ['department', d.toDepartment],
    ['window', d.fromWindow],
  ],
  'staff.signed_in': (d) => [
    ['window', d.window],
    ['staff', d.staff],
  ],
  'staff.signed_out': (d) => [
    ['window', d.window],
    ['staff', d.staff],
  ],
  'staff.left_post': (d) => [
    ['window', d.window],
    ['staff', d.staff],
  ],
  'staff.returned': (d) => [
    ['window', d.window],
    ['staff', d.staff],
  ],
  'review.submitted': (d) => [
    ['department', d.department],
    ['window', d.window],
    ['staff', d.staff],
  ],
  'complaint.received': (d) => [
    ['department', d.department],
    ['window', d.window],
    ['staff', d.staff],
  ],
  // The platform's work order number is its own, not a registry code.
  'complaint.platform_updated': () => [],
  'round.started': () => [],
  'round.completed': () => [],
  'round.check': (d) => [
    ['department', d.department],
    ['window', d.window],
  ],
};

const refsOf = <T extends EventType>(event: HallEvent<T>): Ref[] => REFS[event.type](event.data);

/** The registry references an event makes, as [kind, code] pairs. */
export function eventRefs(event: AnyHallEvent): Array<[RefKind, string]> {
  const out: Array<[RefKind, string]> = [];
  for (const [kind, code] of refsOf(event)) if (typeof code === 'string') out.push([kind, code]);
  return out;
}
