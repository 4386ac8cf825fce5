import { makeSite } from '../support/factories';
import { postEvents } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';

// JSON may carry what PostgreSQL cannot store as sent: "\u0000", and a lone UTF-16 surrogate
// such as "\ud800", which JSON.parse keeps as is and UTF-8 cannot encode (the driver would write
// U+FFFD in its place). Such an event is rejected on its own, naming the field; it is never
// stored rewritten, and never costs the good events of its batch.

const at = () => new Date(Date.now() - 60_000).toISOString();
/** A batch as JSON text, so that escapes like \ud800 reach the server exactly as a device wrote them. */
const rawBatch = (events: string[]) => `{"events":[${events.join(',')}]}`;
const ticket = (id: string, ticketNo: string) =>
  `{"id":${id},"type":"ticket.issued","occurredAt":"${at()}","data":{"ticket":"${ticketNo}","department":"d1","channel":"walk_in"}}`;

describe('text an event cannot be stored as sent', () => {
  let t: TestApp;
  let key: string;
  const ids = async (): Promise<string[]> => (await t.ds.query(`SELECT id FROM events ORDER BY id`)).map((r: { id: string }) => r.id);

  beforeAll(async () => {
    t = await startTestApp();
    await makeSite(t.ds, 'txt');
    key = await t.deviceKey('txt');
  });
  afterAll(async () => t.close());

  it('rejects ids holding a lone surrogate, each by itself, instead of answering accepted for an id it did not store', async () => {
    const res = await postEvents(
      t.url,
      key,
      rawBatch([ticket('"id-\\ud800"', 'T1'), ticket('"id-\\udfff"', 'T2'), ticket('"id-\\ud83d\\ude42"', 'T3')]),
    );
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'accepted']);
    for (const r of res.body.results.slice(0, 2)) {
      expect(r).toMatchObject({ field: 'id' });
      expect(r.status === 'rejected' && r.reason).toMatch(/unpaired UTF-16 surrogate/);
    }
    // A paired surrogate (an emoji) is ordinary text.
    expect(await ids()).toEqual(['id-🙂']);
  });

  it('rejects a NUL or a lone surrogate in a text field on its own event, and stores the rest of the batch', async () => {
    const review = `{"id":"nul-comment","type":"review.submitted","occurredAt":"${at()}","data":{"rating":1,"channel":"pad","department":"d1","comment":"bad\\u0000text"}}`;
    const complaint = `{"id":"lone-summary","type":"complaint.received","occurredAt":"${at()}","data":{"source":"web","summary":"broken \\ud83d here"}}`;
    const res = await postEvents(t.url, key, rawBatch([ticket('"good-1"', 'G1'), review, complaint, ticket('"good-2"', 'G2')]));
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => `${r.id} ${r.status}`)).toEqual([
      'good-1 accepted',
      'nul-comment rejected',
      'lone-summary rejected',
      'good-2 accepted',
    ]);
    expect(res.body.results[1]).toMatchObject({ field: 'data.comment', reason: expect.stringMatching(/NUL/) });
    expect(res.body.results[2]).toMatchObject({ field: 'data.summary', reason: expect.stringMatching(/unpaired UTF-16 surrogate/) });
    expect((await ids()).filter((id) => !id.startsWith('id-'))).toEqual(['good-1', 'good-2']);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM complaints`);
    expect(n).toBe(0);
  });
});
