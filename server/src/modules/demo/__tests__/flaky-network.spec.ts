import { HallEvent, MAX_EVENTS_PER_BATCH } from '@hallwatch/shared';
import { FlakyNetwork, flakyBatches, RELIABLE_NETWORK, toBatches } from '../flaky-network';
import { simulateDay } from '../hall-simulation';

const countIds = (events: HallEvent[]) => {
  const n = new Map<string, number>();
  for (const e of events) n.set(e.id, (n.get(e.id) ?? 0) + 1);
  return n;
};

describe('flaky network', () => {
  const stream = simulateDay({ day: '2024-06-03', seed: 3 });
  const position = new Map(stream.map((e, i) => [e.id, i]));
  const batches = flakyBatches(stream, { seed: 9 });
  const wire = batches.flat();

  it('loses nothing: every id of the stream is sent at least once, and nothing else is', () => {
    const counts = countIds(wire);
    expect(new Set(counts.keys())).toEqual(new Set(stream.map((e) => e.id)));
    expect(wire.every((e) => e === stream[position.get(e.id)!])).toBe(true);
  });

  it('repeats some events, in the same request and in a later one', () => {
    const repeated = [...countIds(wire)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(repeated.length).toBeGreaterThan(0.01 * stream.length);
    expect(repeated.length).toBeLessThan(0.06 * stream.length);
    const sameBatch = batches.some((b) => countIds(b).size < b.length);
    const batchOf = new Map<string, number[]>();
    batches.forEach((b, i) => b.forEach((e) => batchOf.set(e.id, [...(batchOf.get(e.id) ?? []), i])));
    const laterBatch = repeated.some((id) => new Set(batchOf.get(id)).size > 1);
    expect(sameBatch && laterBatch).toBe(true);
  });

  it('reorders events, and delivers some minutes late', () => {
    let inversions = 0;
    let lateMinutes = 0;
    let newest = 0;
    for (let i = 1; i < wire.length; i++) if (position.get(wire[i].id)! < position.get(wire[i - 1].id)!) inversions++;
    for (const e of wire) {
      const t = Date.parse(e.occurredAt);
      newest = Math.max(newest, t);
      lateMinutes = Math.max(lateMinutes, (newest - t) / 60_000);
    }
    expect(inversions).toBeGreaterThan(0.02 * stream.length);
    expect(lateMinutes).toBeGreaterThanOrEqual(1);
    expect(lateMinutes).toBeLessThanOrEqual(11);
  });

  it('respects the batch limit and is deterministic for a seed', () => {
    expect(batches.every((b) => b.length > 0 && b.length <= MAX_EVENTS_PER_BATCH)).toBe(true);
    expect(JSON.stringify(flakyBatches(stream, { seed: 9 }))).toBe(JSON.stringify(batches));
    expect(JSON.stringify(flakyBatches(stream, { seed: 10 }))).not.toBe(JSON.stringify(batches));
    expect(flakyBatches(stream, { seed: 9, batchSize: 7 }).every((b) => b.length <= 7)).toBe(true);
  });

  it('fed in slices, holds events back and gives them all up on drain', () => {
    const net = new FlakyNetwork({ seed: 4, delayRate: 0.2 });
    const sent: HallEvent[] = [];
    const chunk = 500;
    for (let i = 0; i < stream.length; i += chunk) {
      const part = stream.slice(i, i + chunk);
      sent.push(...net.transmitStream(part, Date.parse(part[part.length - 1].occurredAt)));
    }
    expect(net.heldCount).toBeGreaterThan(0);
    sent.push(...net.drain());
    expect(net.heldCount).toBe(0);
    expect(new Set(sent.map((e) => e.id)).size).toBe(stream.length);
  });

  it('passes the stream through unchanged when reliable', () => {
    const net = new FlakyNetwork(RELIABLE_NETWORK);
    expect(net.transmitStream(stream, Date.parse(stream[stream.length - 1].occurredAt))).toEqual(stream);
    expect(net.drain()).toEqual([]);
    expect(toBatches(stream).map((b) => b.length)).toEqual(
      Array.from({ length: Math.ceil(stream.length / MAX_EVENTS_PER_BATCH) }, (_, i) =>
        Math.min(MAX_EVENTS_PER_BATCH, stream.length - i * MAX_EVENTS_PER_BATCH),
      ),
    );
  });
});
