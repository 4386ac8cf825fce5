import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { rebuildProjections } from '../../server/src/modules/projections/projection-rebuild';
import { makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(120_000);

type Ev = { id: string; type: string; occurredAt: string; data: Record<string, unknown> };

/** A coherent small day: tickets with issue → (transfer) → calls → start → end, staff moving about, reviews. */
function dayArb(base: number) {
  const ticketArb = fc.record({
    dept: fc.constantFrom('d1', 'd2'),
    wait: fc.integer({ min: 0, max: 1800 }),
    transfer: fc.boolean(),
    recalls: fc.integer({ min: 0, max: 2 }),
    end: fc.constantFrom('done', 'no_show', 'waiting', 'serving'),
    rating: fc.option(fc.integer({ min: 1, max: 5 })),
    start: fc.integer({ min: 0, max: 3600 }),
  });
  const staffArb = fc.array(
    fc.record({ kind: fc.constantFrom('signed_in', 'left_post', 'returned', 'signed_out'), at: fc.integer({ min: 0, max: 7200 }) }),
    {
      maxLength: 6,
    },
  );
  return fc
    .record({ tickets: fc.array(ticketArb, { minLength: 1, maxLength: 12 }), staff: fc.array(staffArb, { minLength: 1, maxLength: 3 }) })
    .map(({ tickets, staff }) => {
      const events: Ev[] = [];
      const at = (s: number) => new Date(base + s * 1000).toISOString();
      tickets.forEach((t, i) => {
        const code = `T${i}`;
        let clock = t.start;
        const push = (type: string, data: Record<string, unknown>) =>
          events.push({ id: `${code}-${events.length}`, type, occurredAt: at(clock), data: { ticket: code, ...data } });
        push('ticket.issued', { department: t.dept, channel: 'walk_in' });
        if (t.transfer) {
          clock += 30;
          push('ticket.called', { window: 'w1' });
          clock += 60;
          push('ticket.transferred', { fromWindow: 'w1', toDepartment: t.dept === 'd1' ? 'd2' : 'd1' });
        }
        if (t.end === 'waiting') return;
        clock += t.wait;
        push('ticket.called', { window: 'w2' });
        for (let r = 0; r < t.recalls; r++) {
          clock += 20;
          push('ticket.called', { window: 'w2' });
        }
        if (t.end === 'no_show') {
          clock += 5;
          push('ticket.no_show', { window: 'w2' });
          return;
        }
        clock += 10;
        push('ticket.started', { window: 'w2', staff: 's2' });
        if (t.end === 'serving') return;
        clock += 300;
        push('ticket.completed', { window: 'w2', staff: 's2', outcome: 'done' });
        if (t.rating !== null) {
          clock += 5;
          events.push({
            id: `${code}-r`,
            type: 'review.submitted',
            occurredAt: at(clock),
            data: { rating: t.rating, channel: 'pad', department: t.dept, ticket: code },
          });
        }
      });
      staff.forEach((moves, s) =>
        moves.forEach((m, j) =>
          events.push({
            id: `S${s}-${j}`,
            type: `staff.${m.kind}`,
            occurredAt: at(m.at + j), // distinct times per staff member
            data: { staff: `s${s + 1}`, window: `w${s + 1}`, ...(m.kind === 'left_post' ? { reason: 'break' } : {}) },
          }),
        ),
      );
      return events;
    });
}

async function siteId(ds: DataSource, site: string): Promise<string> {
  const [{ id }] = await ds.query(`SELECT id FROM sites WHERE code = $1`, [site]);
  return id;
}

async function projections(ds: DataSource, site: string) {
  const id = await siteId(ds, site);
  const q = (sql: string) => ds.query(sql, [id]);
  return {
    tickets: await q(
      `SELECT service_day::text, ticket, status, department, issued_at, wait_from, first_called_at, last_called_at, call_count, "window", staff, started_at, ended_at, outcome, transfer_count FROM tickets WHERE site_id = $1 ORDER BY ticket, service_day`,
    ),
    waits: await q(
      `SELECT ticket, seq, department, wait_from, called_at, abandoned FROM ticket_waits WHERE site_id = $1 ORDER BY ticket, service_day, seq`,
    ),
    presence: await q(
      `SELECT staff, "window", state, reason, since, last_signed_in_at FROM staff_presence WHERE site_id = $1 ORDER BY staff`,
    ),
    reviews: await q(`SELECT event_id, rating, department, follow_up_open FROM reviews WHERE site_id = $1 ORDER BY event_id`),
  };
}

describe('late and out-of-order events', () => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  it('any permutation of a day, with repeats, yields the same projections as in-order arrival', async () => {
    const base = Date.now() - 3 * 3600_000;
    await fc.assert(
      fc.asyncProperty(dayArb(base), fc.infiniteStream(fc.nat()), fc.integer({ min: 1, max: 50 }), async (events, rand, batchSize) => {
        const inOrder = `o${n}`;
        const shuffled = `s${n++}`;
        await makeSite(t.ds, inOrder);
        await makeSite(t.ds, shuffled);
        const sorted = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
        const perm = [...events];
        const it = rand[Symbol.iterator]();
        for (let i = perm.length - 1; i > 0; i--) {
          const j = it.next().value % (i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const withRepeats = [...perm, ...perm.filter((_, i) => i % 3 === 0)];
        await postEvents(t.url, await t.deviceKey(inOrder), { events: sorted });
        const k = await t.deviceKey(shuffled);
        for (let i = 0; i < withRepeats.length; i += batchSize) {
          const res = await postEvents(t.url, k, { events: withRepeats.slice(i, i + batchSize) });
          expect(res.body.results.every((r) => r.status !== 'rejected')).toBe(true);
        }
        const expected = await projections(t.ds, inOrder);
        expect(await projections(t.ds, shuffled)).toEqual(expected);
        // The rebuild from the stored events alone lands on the same rows.
        await rebuildProjections(t.ds, await siteId(t.ds, shuffled), t.config.PHONE_SECRET);
        expect(await projections(t.ds, shuffled)).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('concurrent batches touching the same tickets yield the same projections as in-order arrival', async () => {
    const base = Date.now() - 2 * 3600_000;
    // Four small days' worth of tickets, renamed apart so that they add up to one busy hour.
    const events = [0, 1, 2, 3].flatMap((k) =>
      fc.sample(dayArb(base + k * 60_000), { numRuns: 1, seed: k })[0].map((e) => ({
        ...e,
        id: `${k}-${e.id}`,
        data: typeof e.data.ticket === 'string' ? { ...e.data, ticket: `${k}${e.data.ticket}` } : e.data,
      })),
    );
    await makeSite(t.ds, 'conc-o');
    await makeSite(t.ds, 'conc-p');
    await postEvents(t.url, await t.deviceKey('conc-o'), { events });
    const k = await t.deviceKey('conc-p');
    // Two events a request, latest first, all requests in flight at once: writers race on the same ticket rows.
    const reversed = [...events].reverse();
    const chunks = Array.from({ length: Math.ceil(reversed.length / 2) }, (_, i) => reversed.slice(2 * i, 2 * i + 2));
    const answers = await Promise.all(chunks.map((chunk) => postEvents(t.url, k, { events: chunk })));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await projections(t.ds, 'conc-p')).toEqual(await projections(t.ds, 'conc-o'));
  });
});
