import type { IndicatorSnapshot } from '@hallwatch/shared';
import type { IndicatorsService } from '../indicators/indicators.service';
import type { Site } from '../registry/site.entity';
import { SnapshotCache } from './snapshot-cache';

describe('SnapshotCache', () => {
  const site = (settings: Record<string, unknown>): Site =>
    ({ id: 's-1', code: 'hall', name: '大厅', nameEn: 'Hall', timezone: 'Asia/Shanghai', settings }) as Site;

  function setup() {
    let n = 0;
    const snapshot = jest.fn(async () => ({ asOf: String(++n) }) as unknown as IndicatorSnapshot);
    return { cache: new SnapshotCache({ snapshot } as unknown as IndicatorsService), snapshot };
  }

  it('computes one snapshot for many asking at once', async () => {
    const { cache, snapshot } = setup();
    const all = await Promise.all([1, 2, 3].map(() => cache.get(site({}))));
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(new Set(all.map((s) => s.asOf)).size).toBe(1);
  });

  it('never answers a site whose settings changed with the copy computed before', async () => {
    const { cache, snapshot } = setup();
    const before = await cache.get(site({ hours: { opens: '08:30' } }));
    const after = await cache.get(site({ hours: { opens: '00:00' } }));
    expect(snapshot).toHaveBeenCalledTimes(2);
    expect(after.asOf).not.toBe(before.asOf);
    expect(await cache.latest(site({ hours: { opens: '08:30' } }))).toBeNull();
    expect((await cache.latest(site({ hours: { opens: '00:00' } })))?.asOf).toBe(after.asOf);
  });

  it('serves a pushed snapshot to the next connection of the same site version', async () => {
    const { cache, snapshot } = setup();
    cache.put(site({}), { asOf: 'pushed' } as unknown as IndicatorSnapshot);
    expect((await cache.get(site({}))).asOf).toBe('pushed');
    expect(snapshot).not.toHaveBeenCalled();
  });

  it('remembers the alerts handed to connecting clients until the next push takes them', () => {
    const { cache } = setup();
    const alert = (id: string) => ({ id }) as unknown as IndicatorSnapshot['alerts'][number];
    cache.handOut(site({}), { alerts: [alert('a'), alert('b')] } as unknown as IndicatorSnapshot);
    cache.handOut(site({ hours: null }), { alerts: [alert('b'), alert('c')] } as unknown as IndicatorSnapshot);
    expect([...cache.takeHandedOut(site({})).keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(cache.takeHandedOut(site({})).size).toBe(0);
  });
});
