import { EVENT_TYPES, EventDataMap, EventType, PATROL_EVENT_TYPES } from '@hallwatch/shared';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// One valid example of every event type of docs/contracts/device-events.md (the compiler asks for each).
const EXAMPLES: { [T in EventType]: EventDataMap[T] } = {
  'ticket.issued': { ticket: 'A001', department: 'd1', channel: 'walk_in', serviceItem: 'gjj-001' },
  'ticket.called': { ticket: 'A001', window: 'w1' },
  'ticket.started': { ticket: 'A001', window: 'w1', staff: 's1' },
  'ticket.completed': { ticket: 'A001', window: 'w1', staff: 's1', outcome: 'done' },
  'ticket.no_show': { ticket: 'A002', window: 'w1' },
  'ticket.transferred': { ticket: 'A003', fromWindow: 'w1', toDepartment: 'd2' },
  'staff.signed_in': { staff: 's1', window: 'w1' },
  'staff.signed_out': { staff: 's2', window: 'w2' },
  'staff.left_post': { staff: 's3', window: 'w3', reason: 'break' },
  'staff.returned': { staff: 's3', window: 'w3' },
  'review.submitted': {
    rating: 2,
    channel: 'pad',
    department: 'd1',
    window: 'w1',
    staff: 's1',
    comment: '等太久',
    realName: true,
    phone: '13812341234',
  },
  'complaint.received': {
    source: 'hotline_12345',
    summary: '窗口态度不好',
    department: 'd1',
    phone: '13900001111',
    workOrder: 'GD20240715-0001',
    signBy: '2024-07-15T11:30:00+08:00',
    closeBy: '2024-07-22T17:30:00+08:00',
  },
  'complaint.platform_updated': {
    workOrder: 'GD20240715-0001',
    change: 'extended',
    closeBy: '2024-07-26T17:30:00+08:00',
    note: '申请延期已批准',
  },
  'round.started': { round: 'r1', patroller: 'p1' },
  'round.completed': { round: 'r1', patroller: 'p1' },
  'round.check': {
    round: 'r1',
    checkpoint: 'window-staffed',
    result: 'finding',
    department: 'd1',
    window: 'w1',
    note: '无人',
    severity: 'high',
  },
};

const HOTLINE = { source: 'hotline_12345', summary: '办事指南与窗口要求不一致' };

describe('ingest contract (docs/contracts/device-events.md)', () => {
  let t: TestApp;
  let key: string;
  const count = async (sql: string, params: unknown[] = []) => (await t.ds.query(sql, params))[0].n as number;
  const order = async (workOrder: string) =>
    (
      await t.ds.query(`SELECT first_close_by, sign_by, close_by, platform_status FROM complaints WHERE work_order = $1`, [workOrder])
    )[0] as Record<string, unknown> | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'ing');
    await makeSite(t.ds, 'other');
    key = await t.deviceKey('ing');
  });
  afterAll(async () => t.close());

  it("accepts every device event type, stores each once and projects it; round events are the patrol page's alone", async () => {
    const events = EVENT_TYPES.map((type, i) => ev(type, EXAMPLES[type], new Date(Date.now() - (EVENT_TYPES.length - i) * 1000)));
    const patrolOnly = (type: string) => (PATROL_EVENT_TYPES as readonly string[]).includes(type);
    const res = await postEvents(t.url, key, { events });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(EVENT_TYPES.map((type) => (patrolOnly(type) ? 'rejected' : 'accepted')));
    expect(res.body.results.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(await count(`SELECT count(*)::int n FROM events`)).toBe(EVENT_TYPES.filter((type) => !patrolOnly(type)).length);
    const a001 = (await t.ds.query(`SELECT status, outcome, "window", staff, call_count FROM tickets WHERE ticket = 'A001'`))[0];
    expect(a001).toEqual({ status: 'done', outcome: 'done', window: 'w1', staff: 's1', call_count: 1 });
    expect((await t.ds.query(`SELECT department, status FROM tickets WHERE ticket = 'A003'`))[0]).toEqual({
      department: 'd2',
      status: 'waiting',
    });
    expect(await count(`SELECT count(*)::int n FROM reviews WHERE rating = 2 AND follow_up_open`)).toBe(1);
    expect(await count(`SELECT count(*)::int n FROM complaints WHERE closed_at IS NULL`)).toBe(1);
    expect(await order('GD20240715-0001')).toEqual({
      first_close_by: new Date('2024-07-22T17:30:00+08:00'),
      sign_by: new Date('2024-07-15T11:30:00+08:00'),
      close_by: new Date('2024-07-26T17:30:00+08:00'),
      platform_status: null,
    });
    const presence = await t.ds.query(`SELECT staff, state, reason FROM staff_presence ORDER BY staff`);
    expect(presence).toEqual([
      { staff: 's1', state: 'on_post', reason: null },
      { staff: 's2', state: 'signed_out', reason: null },
      { staff: 's3', state: 'on_post', reason: null },
    ]);
  });

  it('never stores a citizen phone number in clear text', async () => {
    const dump = JSON.stringify(
      await t.ds.query(`SELECT e.data, r.phone_enc, r.phone_masked FROM events e LEFT JOIN reviews r ON r.event_id = e.id`),
    );
    expect(dump).not.toContain('13812341234');
    expect(dump).not.toContain('13900001111');
    expect(dump).toContain('138****1234');
    const complaints = JSON.stringify(await t.ds.query(`SELECT * FROM complaints`));
    expect(complaints).not.toContain('13900001111');
    expect(complaints).toContain('139****1111');
  });

  it.each<[string, unknown, string, RegExp]>([
    ['id missing', { type: 'ticket.called', occurredAt: new Date().toISOString(), data: { ticket: 'X', window: 'w1' } }, 'id', /1–64/],
    [
      'id too long',
      { id: 'x'.repeat(65), type: 'ticket.called', occurredAt: new Date().toISOString(), data: { ticket: 'X', window: 'w1' } },
      'id',
      /1–64/,
    ],
    ['unknown type', { id: 'u1', type: 'ticket.eaten', occurredAt: new Date().toISOString(), data: {} }, 'type', /one of/],
    [
      'time without offset',
      { id: 'u2', type: 'ticket.called', occurredAt: '2024-07-15T09:30:00', data: { ticket: 'X', window: 'w1' } },
      'occurredAt',
      /offset/,
    ],
    [
      'impossible date',
      { id: 'u3', type: 'ticket.called', occurredAt: '2024-13-45T09:30:00+08:00', data: { ticket: 'X', window: 'w1' } },
      'occurredAt',
      /real date/,
    ],
    [
      'future time',
      {
        id: 'u4',
        type: 'ticket.called',
        occurredAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        data: { ticket: 'X', window: 'w1' },
      },
      'occurredAt',
      /future/,
    ],
    ['data not an object', { id: 'u5', type: 'ticket.called', occurredAt: new Date().toISOString(), data: 'x' }, 'data', /object/],
    [
      'required field missing',
      { id: 'u6', type: 'ticket.called', occurredAt: new Date().toISOString(), data: { ticket: 'X' } },
      'data.window',
      /required/,
    ],
    [
      'bad enum',
      { id: 'u7', type: 'ticket.issued', occurredAt: new Date().toISOString(), data: { ticket: 'X', department: 'd1', channel: 'fax' } },
      'data.channel',
      /walk_in/,
    ],
    [
      'rating out of range',
      { id: 'u8', type: 'review.submitted', occurredAt: new Date().toISOString(), data: { rating: 6, channel: 'pad', department: 'd1' } },
      'data.rating',
      /1 to 5/,
    ],
    [
      'bad phone',
      {
        id: 'u9',
        type: 'complaint.received',
        occurredAt: new Date().toISOString(),
        data: { source: 'web', summary: 'x', phone: 'call me' },
      },
      'data.phone',
      /digits/,
    ],
    [
      'empty summary',
      { id: 'u10', type: 'complaint.received', occurredAt: new Date().toISOString(), data: { source: 'web', summary: '  ' } },
      'data.summary',
      /empty/,
    ],
    [
      'unknown field',
      { id: 'u11', type: 'ticket.called', occurredAt: new Date().toISOString(), data: { ticket: 'X', window: 'w1', colour: 'red' } },
      'data.colour',
      /not a field/,
    ],
    [
      'code with spaces',
      { id: 'u12', type: 'ticket.called', occurredAt: new Date().toISOString(), data: { ticket: 'A 1', window: 'w1' } },
      'data.ticket',
      /without spaces/,
    ],
    [
      'realName not boolean',
      {
        id: 'u13',
        type: 'review.submitted',
        occurredAt: new Date().toISOString(),
        data: { rating: 5, channel: 'pad', department: 'd1', realName: 'yes' },
      },
      'data.realName',
      /true or false/,
    ],
    ['not an object', 42, 'event', /JSON object/],
    [
      'a time limit without an offset',
      { id: 'u14', type: 'complaint.received', occurredAt: new Date().toISOString(), data: { ...HOTLINE, signBy: '2024-07-15 11:30' } },
      'data.signBy',
      /ISO-8601 time with an offset/,
    ],
    [
      'a close limit before the sign limit',
      {
        id: 'u15',
        type: 'complaint.received',
        occurredAt: new Date().toISOString(),
        data: { ...HOTLINE, signBy: '2024-07-16T09:00:00+08:00', closeBy: '2024-07-15T17:00:00+08:00' },
      },
      'data.closeBy',
      /earlier than signBy/,
    ],
    [
      'a platform change without its work order',
      { id: 'u16', type: 'complaint.platform_updated', occurredAt: new Date().toISOString(), data: { change: 'closed' } },
      'data.workOrder',
      /required/,
    ],
    [
      'a platform change of an unknown kind',
      { id: 'u17', type: 'complaint.platform_updated', occurredAt: new Date().toISOString(), data: { workOrder: 'GD1', change: 'lost' } },
      'data.change',
      /extended, withdrawn, closed, reopened/,
    ],
    [
      'an extension without a new limit',
      {
        id: 'u18',
        type: 'complaint.platform_updated',
        occurredAt: new Date().toISOString(),
        data: { workOrder: 'GD1', change: 'extended' },
      },
      'data.closeBy',
      /required when change is extended/,
    ],
    [
      'a limit given with a withdrawal',
      {
        id: 'u19',
        type: 'complaint.platform_updated',
        occurredAt: new Date().toISOString(),
        data: { workOrder: 'GD1', change: 'withdrawn', closeBy: '2024-07-26T17:30:00+08:00' },
      },
      'data.closeBy',
      /only when change is extended or reopened, not withdrawn/,
    ],
  ])('rejects %s, naming the field and storing nothing', async (_name, event, field, reason) => {
    const before = await count(`SELECT count(*)::int n FROM events`);
    const res = await postEvents(t.url, key, { events: [event] });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toEqual(expect.objectContaining({ status: 'rejected', field }));
    expect((res.body.results[0] as { reason: string }).reason).toMatch(reason);
    expect(await count(`SELECT count(*)::int n FROM events`)).toBe(before);
  });

  it("keeps a platform's changes to a work order on its complaint, whatever order they arrive in", async () => {
    const base = Date.now();
    const at = (min: number) => new Date(base - (60 - min) * 60_000);
    const limits = { signBy: '2024-08-01T11:00:00+08:00', closeBy: '2024-08-08T17:30:00+08:00' };
    const later = ev('complaint.platform_updated', { workOrder: 'GD-2', change: 'extended', closeBy: '2024-08-15T17:30:00+08:00' }, at(20));
    const earlier = ev(
      'complaint.platform_updated',
      { workOrder: 'GD-2', change: 'extended', closeBy: '2024-08-12T17:30:00+08:00' },
      at(10),
    );
    // The newest extension comes first, before even its order; the older one last.
    for (const e of [later, ev('complaint.received', { ...HOTLINE, workOrder: 'GD-2', ...limits }, at(0)), earlier])
      expect((await postEvents(t.url, key, e)).body.results[0].status).toBe('accepted');
    expect(await order('GD-2')).toEqual({
      first_close_by: new Date(limits.closeBy),
      sign_by: new Date(limits.signBy),
      close_by: new Date('2024-08-15T17:30:00+08:00'),
      platform_status: null,
    });

    const closed = ev('complaint.platform_updated', { workOrder: 'GD-2', change: 'closed', note: '回访满意，归档' }, at(40));
    const reopened = ev(
      'complaint.platform_updated',
      { workOrder: 'GD-2', change: 'reopened', closeBy: '2024-08-20T17:30:00+08:00' },
      at(30),
    );
    expect((await postEvents(t.url, key, { events: [closed, reopened] })).body.results.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    const row = await t.ds.query(`SELECT close_by, platform_status, platform_changed_at FROM complaints WHERE work_order = 'GD-2'`);
    expect(row).toEqual([{ close_by: new Date('2024-08-20T17:30:00+08:00'), platform_status: 'closed', platform_changed_at: at(40) }]);
    // The platform's changes are not registry codes, nor a complaint of their own.
    expect(await count(`SELECT count(*)::int n FROM complaints WHERE work_order = 'GD-2'`)).toBe(1);
    expect(await count(`SELECT count(*)::int n FROM events WHERE id = $1 AND unknown_refs = '{}'`, [closed.id])).toBe(1);
  });

  it('still takes a complaint as older feeds send it, without a work order', async () => {
    const e = ev('complaint.received', { source: 'hotline_12345', summary: '等候时间过长' });
    expect((await postEvents(t.url, key, e)).body.results[0].status).toBe('accepted');
    expect(
      (await t.ds.query(`SELECT work_order, sign_by, close_by, platform_status FROM complaints WHERE event_id = $1`, [e.id]))[0],
    ).toEqual({ work_order: null, sign_by: null, close_by: null, platform_status: null });
  });

  it('stores the good events of a mixed batch and rejects the bad ones, in order', async () => {
    const good1 = ev('ticket.issued', { ticket: 'M1', department: 'd1', channel: 'walk_in' });
    const bad = ev('ticket.issued', { ticket: 'M2', department: 'd1', channel: 'pigeon' });
    const good2 = ev('ticket.issued', { ticket: 'M3', department: 'd2', channel: 'appointment' });
    const res = await postEvents(t.url, key, { events: [good1, bad, good2, good1] });
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'accepted', 'duplicate']);
    expect(await count(`SELECT count(*)::int n FROM events WHERE id = ANY($1)`, [[good1.id, bad.id, good2.id]])).toBe(2);
    expect(await count(`SELECT count(*)::int n FROM tickets WHERE ticket = 'M2'`)).toBe(0);
  });

  it('answers duplicate for an id already stored, across batches, without counting it twice', async () => {
    const e = ev('ticket.issued', { ticket: 'D1', department: 'd1', channel: 'walk_in' });
    expect((await postEvents(t.url, key, e)).body.results[0].status).toBe('accepted');
    expect((await postEvents(t.url, key, { events: [e] })).body.results[0].status).toBe('duplicate');
    expect(await count(`SELECT count(*)::int n FROM events WHERE id = $1`, [e.id])).toBe(1);
  });

  it('stores one id sent 50 times concurrently exactly once, every answer consistent', async () => {
    const e = ev('ticket.issued', { ticket: 'C50', department: 'd1', channel: 'walk_in' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => postEvents(t.url, key, { events: [e] })));
    const statuses = answers.map((a) => a.body.results[0].status);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(49);
    expect(await count(`SELECT count(*)::int n FROM events WHERE id = $1`, [e.id])).toBe(1);
    expect(await count(`SELECT count(*)::int n FROM tickets WHERE ticket = 'C50'`)).toBe(1);
  });

  it('keeps ids per site: the same id at another site is a different event', async () => {
    const otherKey = await t.deviceKey('other');
    const e = ev('ticket.issued', { ticket: 'S1', department: 'd1', channel: 'walk_in' });
    expect((await postEvents(t.url, key, e)).body.results[0].status).toBe('accepted');
    expect((await postEvents(t.url, otherKey, e)).body.results[0].status).toBe('accepted');
  });

  it('accepts and flags events naming an unknown window, staff or department (item 48)', async () => {
    const e = ev('ticket.started', { ticket: 'Z9', window: 'w99', staff: 'ghost', outcome: undefined });
    const res = await postEvents(t.url, key, e);
    expect(res.body.results[0].status).toBe('accepted');
    const [row] = await t.ds.query(`SELECT unknown_refs FROM events WHERE id = $1`, [e.id]);
    expect(row.unknown_refs.sort()).toEqual(['staff:ghost', 'window:w99']);
    const refs = await t.ds.query(`SELECT kind, code, event_count FROM unknown_references ORDER BY kind, code`);
    expect(refs).toEqual(
      expect.arrayContaining([
        { kind: 'staff', code: 'ghost', event_count: 1 },
        { kind: 'window', code: 'w99', event_count: 1 },
      ]),
    );
  });

  describe('request-level errors store nothing', () => {
    const e = () => ev('ticket.issued', { ticket: 'Q1', department: 'd1', channel: 'walk_in' });
    let before: number;
    beforeEach(async () => (before = await count(`SELECT count(*)::int n FROM events`)));
    afterEach(async () => expect(await count(`SELECT count(*)::int n FROM events`)).toBe(before));

    it('401 without a key', async () => {
      const res = await postEvents(t.url, null, e());
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/Authorization/);
    });
    it('401 with an unknown key', async () => expect((await postEvents(t.url, 'hwk_nope', e())).status).toBe(401));
    it('401 with a revoked key', async () => {
      const k = await t.deviceKey('ing');
      expect(await new DeviceKeysService(t.ds).revoke(k.slice(0, 12))).toBe(1);
      const res = await postEvents(t.url, k, e());
      expect(res.status).toBe(401);
      expect(res.body.message).toMatch(/revoked/);
    });
    it('400 for malformed JSON', async () => {
      const res = await postEvents(t.url, key, '{"id": "x", ');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/Malformed JSON/);
    });
    it('400 when events is not an array, or empty, or over 1,000', async () => {
      expect((await postEvents(t.url, key, { events: 'x' })).body.field).toBe('events');
      expect((await postEvents(t.url, key, { events: [] })).status).toBe(400);
      const many = await postEvents(t.url, key, { events: Array.from({ length: 1001 }, () => e()) });
      expect(many.status).toBe(400);
      expect(many.body.message).toMatch(/1001.*1000/);
    });
    it('400 for a JSON array or scalar body', async () => {
      expect((await postEvents(t.url, key, [e()])).status).toBe(400);
      expect((await postEvents(t.url, key, '"hello"')).status).toBe(400);
    });
    it('413 for a body over the size limit', async () => {
      const huge = { events: [ev('complaint.received', { source: 'web', summary: 'x'.repeat(1900) })] };
      const body = JSON.stringify({ ...huge, padding: 'y'.repeat(3 * 1024 * 1024) });
      expect((await postEvents(t.url, key, body)).status).toBe(413);
    });
  });
});
