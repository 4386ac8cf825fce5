import { AnyHallEvent } from '@hallwatch/shared';

export type RefKind = 'department' | 'window' | 'staff';

const REF_FIELDS: ReadonlyArray<readonly [string, RefKind]> = [
  ['department', 'department'],
  ['toDepartment', 'department'],
  ['window', 'window'],
  ['fromWindow', 'window'],
  ['staff', 'staff'],
];

/** The registry references an event makes, as [kind, code] pairs. */
export function eventRefs(event: AnyHallEvent): Array<[RefKind, string]> {
  const data = event.data as Record<string, unknown>;
  const out: Array<[RefKind, string]> = [];
  for (const [field, kind] of REF_FIELDS) {
    const v = data[field];
    if (typeof v === 'string') out.push([kind, v]);
  }
  return out;
}
