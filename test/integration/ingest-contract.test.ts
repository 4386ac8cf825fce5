import { EVENT_TYPES, PATROL_EVENT_TYPES } from '@hallwatch/shared';
import { DeviceKeysService } from '../../server/src/modules/accounts/device-keys/device-keys.service';
import { ev, makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// One valid example of every event type of docs/contracts/device-events.md.
const EXAMPLES: Record<string, Record<string, unknown>> = {
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
  'complaint.received': { source: 'hotline_12345', summary: '窗口态度不好', department: 'd1', phone: '13900001111' },
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

describe('ingest contract (docs/contracts/device-events.md)', () => {
  let t: TestApp;
  let key: string;
  const count = async (sql: string, params: unknown[] = []) => (await t.ds.query(sql, params))[0].n as number;

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
  ])('rejects %s, naming the field and storing nothing', async (_name, event, field, reason) => {
    const before = await count(`SELECT count(*)::int n FROM events`);
    const res = await postEvents(t.url, key, { events: [event] });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toEqual(expect.objectContaining({ status: 'rejected', field }));
    expect((res.body.results[0] as { reason: string }).reason).toMatch(reason);
    expect(await count(`SELECT count(*)::int n FROM events`)).toBe(before);
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
