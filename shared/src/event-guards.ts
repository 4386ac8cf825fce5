import { AnyHallEvent, EventType } from './events';

/** The event of one type (or of any of several), its data that type's own fields. */
export type HallEventOf<T extends EventType> = Extract<AnyHallEvent, { type: T }>;

/** The part of a type before the dot: ticket, staff, review, complaint, round. */
export type EventFamily = EventType extends infer T ? (T extends `${infer F}.${string}` ? F : never) : never;

/** Every type of one family, e.g. the six ticket.* types. */
export type EventTypeIn<F extends EventFamily> = Extract<EventType, `${F}.${string}`>;

/** Narrows a validated event to one type, so that its data is read without a cast. */
export function isEventOfType<T extends EventType>(event: AnyHallEvent, type: T): event is HallEventOf<T> {
  return event.type === type;
}

/** Narrows a validated event to a family: `isEventIn(e, 'ticket')` gives a ticket event, whose data names its ticket. */
export function isEventIn<F extends EventFamily>(event: AnyHallEvent, family: F): event is HallEventOf<EventTypeIn<F>> {
  return event.type.startsWith(`${family}.`);
}
