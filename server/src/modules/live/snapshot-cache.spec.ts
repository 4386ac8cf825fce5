import type { IndicatorSnapshot } from '@hallwatch/shared';
import type { AppConfig } from '../../core/config/app-config';
import type { DistrictService } from '../district/district.service';
import type { IndicatorsService } from '../indicators/indicators.service';
import type { Site } from '../registry/site.entity';
import { ReadGate } from './read-gate';
import { SnapshotCache } from './snapshot-cache';

describe('SnapshotCache', () => {
  const site = (settings: Record<string, unknown>): Site =>
    ({ id: 's-1', code: 'hall', name: '大厅', nameEn: 'Hall', timezone: 'Asia/Shanghai', settings }) as Site;

  function setup() {
    let n = 0;
    const snapshot = jest.fn(async () => ({ asOf: String(++n) }) as unknown as IndicatorSnapshot);
    const district = { useRecentSnapshots: () => undefined } as unknown as DistrictService;
    const cache = new SnapshotCache(
      { snapshot } as unknown as IndicatorsService,
      district,
      { LIVE_REFRESH_MS: 15_000 } as AppConfig,
      new ReadGate(4),
    );
    return { cache, snapshot };
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

  it('lends a computed snapshot no older than asked, and none before it is computed', async () => {
    const { cache } = setup();
    expect(cache.recent(site({}), 1000)).toBeNull();
    const snap = await cache.get(site({}));
    expect(cache.recent(site({}), 1000)).toBe(snap);
    // Another version of the site row (new settings) has no snapshot yet.
    expect(cache.recent(site({ waitTargetSec: 60 }), 1000)).toBeNull();
  });
});
