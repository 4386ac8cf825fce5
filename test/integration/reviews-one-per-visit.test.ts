import { IndicatorSnapshot, RefusedRatingView, UnmatchedRatingView } from '@hallwatch/shared';
import { bearer } from '../support/accounts';
import { adminApi, ErrorBody } from '../support/admin-api';
import { ev, makeSite, servedTicket } from '../support/factories';
import { getJson, postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

const TOKEN = 'one-per-visit-admin-token';
// A weekday two days back, hall time (UTC+8): every event lies in the past, and "today" is
// the server's fixed clock, so the test holds at any hour it is run.
const DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
const hall = (time: string) => new Date(`${DAY}T${time}+08:00`);

describe('one rating per visit (一次一评): a second rating of a visit is refused, kept and never counted', () => {
  let t: TestApp;
  let key: string;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN, FIXED_CLOCK: hall('16:00:00').toISOString() });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'visit');
    key = await t.deviceKey('visit');
  });
  afterAll(async () => t.close());

  const rating = (data: Record<string, unknown>, at: string, id?: string) =>
    ev('review.submitted', { rating: 5, channel: 'pad', department: 'd1', ...data }, hall(at), id);
  const indicators = async () => (await getJson<IndicatorSnapshot>(`${t.url}/api/v1/sites/visit/indicators`, bearer(TOKEN))).body;
  const counted = async (ticket: string): Promise<number> =>
    (await t.ds.query(`SELECT count(*)::int AS n FROM reviews WHERE ticket = $1`, [ticket]))[0].n;

  it('accepts the first rating of a ticket and refuses three more under other ids; a re-send stays duplicate', async () => {
    expect(
      (await postEvents(t.url, key, { events: servedTicket('A001', [hall('09:00:00'), hall('09:05:00'), hall('09:15:00')]) })).status,
    ).toBe(200);
    const first = rating({ ticket: 'A001', window: 'w1' }, '09:16:00', 'rate-a001-1');
    const res = await postEvents(t.url, key, {
      events: [
        first,
        rating({ ticket: 'A001' }, '09:16:30', 'rate-a001-2'),
        rating({ ticket: 'A001', rating: 1 }, '09:17:00', 'rate-a001-3'),
      ],
    });
    expect(res.body.results).toEqual([
      { id: 'rate-a001-1', status: 'accepted' },
      { id: 'rate-a001-2', status: 'rejected', field: 'data.ticket', reason: 'already_rated' },
      { id: 'rate-a001-3', status: 'rejected', field: 'data.ticket', reason: 'already_rated' },
    ]);
    const later = await postEvents(t.url, key, { events: [rating({ ticket: 'A001' }, '09:30:00', 'rate-a001-4'), first] });
    expect(later.body.results).toEqual([
      { id: 'rate-a001-4', status: 'rejected', field: 'data.ticket', reason: 'already_rated' },
      { id: 'rate-a001-1', status: 'duplicate' },
    ]);
    // A refused id sent again is a duplicate too: the event is stored, only its rating is refused.
    expect((await postEvents(t.url, key, rating({ ticket: 'A001' }, '09:17:00', 'rate-a001-3'))).body.results).toEqual([
      { id: 'rate-a001-3', status: 'duplicate' },
    ]);

    expect(await counted('A001')).toBe(1);
    const snap = await indicators();
    expect(snap.values['reviews.active_rate']).toBe(1);
    expect(snap.departments.d1['reviews.active_rate']).toBe(1);
    // The refused 1-star rating opened no follow-up case.
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM follow_up_cases WHERE source_id = 'rate-a001-3'`))[0].n).toBe(0);
    const [{ reviews }] = await t.ds.query(`SELECT sum(reviews)::int AS reviews FROM live_day_counts WHERE service_day = $1`, [DAY]);
    expect(reviews).toBe(1);

    const refused = await api<RefusedRatingView[]>('GET', `/sites/visit/ratings/refused?day=${DAY}`);
    expect(refused.status).toBe(200);
    expect(refused.body.map((r) => r.id).sort()).toEqual(['rate-a001-2', 'rate-a001-3', 'rate-a001-4']);
    for (const r of refused.body) {
      expect(r).toMatchObject({ reason: 'already_rated', field: 'data.ticket', countedId: 'rate-a001-1', ticket: 'A001', day: DAY });
      expect(r.sentBy).toMatch(/^device-key:/);
      expect(Number.isNaN(Date.parse(r.receivedAt))).toBe(false);
    }
    expect(refused.body.find((r) => r.id === 'rate-a001-3')).toMatchObject({ rating: 1, occurredAt: hall('09:17:00').toISOString() });

    // Each refusal is in the audit log too, one entry per request, under the device that sent it.
    const audited: Array<{ actor: string; target: string; site: string; details: Record<string, unknown> }> = await t.ds.query(
      `SELECT actor, target, site, details FROM audit_log WHERE action = 'rating.refused' ORDER BY id`,
    );
    expect(audited).toHaveLength(2);
    for (const a of audited) {
      expect(a.actor).toMatch(/^device:/);
      expect(a.site).toBe('visit');
      expect(a.details).toMatchObject({ reason: 'already_rated', sentBy: refused.body[0].sentBy });
    }
    expect(audited[0].target).toBe('event:rate-a001-2');
    expect(audited[0].details).toMatchObject({
      count: 2,
      ratings: [
        { event: 'rate-a001-2', field: 'data.ticket', counted: 'rate-a001-1' },
        { event: 'rate-a001-3', field: 'data.ticket', counted: 'rate-a001-1' },
      ],
    });
    expect(audited[1].details).toMatchObject({ count: 1, ratings: [{ event: 'rate-a001-4', counted: 'rate-a001-1' }] });
    // Supervisors, who may not read the whole audit log, read these entries in the review trail.
    const trail = await api<Array<{ action: string; subject: string }>>('GET', '/sites/visit/review-audit');
    expect(trail.status).toBe(200);
    expect(trail.body.filter((e) => e.action === 'rating.refused').map((e) => e.subject)).toEqual([
      'event:rate-a001-4',
      'event:rate-a001-2',
    ]);
  });

  it('takes the earlier of two ratings of one visit sent in one batch, whatever their order', async () => {
    await postEvents(t.url, key, { events: servedTicket('A002', [hall('10:00:00'), hall('10:05:00'), hall('10:10:00')]) });
    const res = await postEvents(t.url, key, {
      events: [
        rating({ ticket: 'A002', rating: 2 }, '10:12:00', 'rate-a002-late'),
        rating({ ticket: 'A002' }, '10:11:00', 'rate-a002-early'),
      ],
    });
    expect(res.body.results.map((r) => r.status)).toEqual(['rejected', 'accepted']);
    expect((await t.ds.query(`SELECT event_id FROM reviews WHERE ticket = 'A002'`)).map((r: { event_id: string }) => r.event_id)).toEqual([
      'rate-a002-early',
    ]);
  });

  it('without a ticket, one citizen (phone) at one window on one day is one visit; anonymous pad ratings are never refused', async () => {
    const res = await postEvents(t.url, key, {
      events: [
        rating({ window: 'w1', phone: '13800001111' }, '11:00:00', 'ph-1'),
        rating({ window: 'w1', phone: '138-0000-1111' }, '11:01:00', 'ph-2'),
        rating({ window: 'w2', phone: '13800001111' }, '11:02:00', 'ph-3'),
        rating({ window: 'w1' }, '11:03:00', 'anon-1'),
        rating({ window: 'w1' }, '11:04:00', 'anon-2'),
        rating({ window: 'w2' }, '11:04:00', 'anon-3'),
      ],
    });
    expect(res.body.results.map((r) => [r.id, r.status, 'field' in r ? r.field : null])).toEqual([
      ['ph-1', 'accepted', null],
      ['ph-2', 'rejected', 'data.phone'],
      ['ph-3', 'accepted', null],
      ['anon-1', 'accepted', null],
      ['anon-2', 'accepted', null],
      ['anon-3', 'accepted', null],
    ]);
    const stored = await t.ds.query(`SELECT visit FROM reviews WHERE event_id IN ('ph-1', 'ph-3')`);
    // The phone is kept as a keyed digest in the visit, never in clear.
    for (const s of stored as Array<{ visit: string }>) expect(s.visit).not.toContain('13800001111');
  });

  it('counts exactly one rating of a ticket when two batches race', async () => {
    await postEvents(t.url, key, { events: servedTicket('A003', [hall('12:00:00'), hall('12:05:00'), hall('12:10:00')]) });
    const racers = Array.from({ length: 6 }, (_, i) =>
      postEvents(t.url, key, {
        events: [
          rating({ ticket: 'A003' }, `12:1${i}:00`, `race-${i}`),
          ev('ticket.issued', { ticket: `R00${i}`, department: 'd2', channel: 'walk_in' }, hall('12:00:00')),
        ],
      }),
    );
    const answers = (await Promise.all(racers)).map((r) => r.body.results[0].status);
    expect(answers.filter((s) => s === 'accepted')).toHaveLength(1);
    expect(answers.filter((s) => s === 'rejected')).toHaveLength(5);
    expect(await counted('A003')).toBe(1);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM rejected_ratings WHERE ticket = 'A003'`))[0].n).toBe(5);
  });

  it('accepts a rating of a ticket never served here but lists it for the supervisors, until the service arrives', async () => {
    await postEvents(t.url, key, ev('ticket.issued', { ticket: 'B001', department: 'd1', channel: 'walk_in' }, hall('13:00:00')));
    const res = await postEvents(t.url, key, {
      events: [rating({ ticket: 'Z999' }, '13:20:00', 'ghost'), rating({ ticket: 'B001' }, '13:21:00', 'early-bird')],
    });
    expect(res.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    const before = await indicators();
    const list = await api<UnmatchedRatingView[]>('GET', `/sites/visit/ratings/unmatched?day=${DAY}`);
    expect(list.status).toBe(200);
    expect(list.body.map((r) => [r.id, r.ticket, r.why])).toEqual([
      ['ghost', 'Z999', 'never_issued'],
      ['early-bird', 'B001', 'not_completed'],
    ]);
    // Today by the server's clock is DAY: the list without ?day reads the same.
    expect((await api<UnmatchedRatingView[]>('GET', '/sites/visit/ratings/unmatched')).body).toEqual(list.body);

    // The completion arrives after its rating: the rating now counts for it.
    await postEvents(t.url, key, {
      events: [
        ev('ticket.called', { ticket: 'B001', window: 'w1' }, hall('13:05:00')),
        ev('ticket.completed', { ticket: 'B001', window: 'w1', staff: 's1', outcome: 'done' }, hall('13:19:00')),
      ],
    });
    const after = await api<UnmatchedRatingView[]>('GET', `/sites/visit/ratings/unmatched?day=${DAY}`);
    expect(after.body.map((r) => r.id)).toEqual(['ghost']);
    const snap = await indicators();
    // Served: A001, A002, A003, B001 — each rated once; the ghost and the phone/anonymous ratings rate no service.
    expect(snap.values['reviews.active_rate']).toBe(1);
    expect(before.values['reviews.active_rate']).toBe(1);
    expect(snap.values['reviews.active_rate']).toBeLessThanOrEqual(1);
  });

  it('names the field of a bad query and refuses an unknown site', async () => {
    const bad = await api<ErrorBody>('GET', '/sites/visit/ratings/refused?day=2026-02-30');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('day');
    expect((await api<ErrorBody>('GET', '/sites/visit/ratings/unmatched?day=yesterday')).status).toBe(400);
    expect((await api<ErrorBody>('GET', '/sites/nowhere/ratings/refused')).status).toBe(404);
    expect((await api<ErrorBody>('GET', '/sites/visit/ratings/refused', undefined, null)).status).toBe(401);
  });
});
