import { IndicatorSnapshot, IndicatorValues, LiveAlert, UPDATE_BURST, UPDATES_PER_SECOND, WindowState } from '@hallwatch/shared';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { DomainEventBus, type DomainEventMeta } from '../../core/events/domain-event-bus';
import { OnDomainEvent } from '../domain-events/domain-events';
import type { CommittedBatch, CommittingBatch, DomainEvents, SiteChanged } from '../domain-events/domain-events';
import { IndicatorsService } from '../indicators/indicators.service';
import type { SnapshotReading } from '../indicators/indicators.service';
import { DistrictService } from '../district/district.service';
import { Site } from '../registry/site.entity';
import { districtRoom, LiveGateway, siteRoom } from './live.gateway';
import { LiveMetrics } from './live-metrics';
import { ReadGate, type ReadCause } from './read-gate';
import { SnapshotCache } from './snapshot-cache';
import { UpdateBudget } from './update-budget';

// A batch's snapshot is read ahead when the budget frees within this long: it is then sent the
// moment the budget allows. Further off, the batch's changes wait to share a later recompute.
const PREPARE_AHEAD_MS = 100;
// Sites brought up to the clock in one turn of the event loop by the periodic refresh.
const TICKS_PER_TURN = 50;

interface SiteState {
  site: Site;
  lastSent: {
    values: IndicatorValues;
    departments: Record<string, IndicatorValues>;
    alerts: Map<string, LiveAlert>;
    /** Each window as last sent, serialised, by code. */
    windows: Map<string, string>;
    /** Names, targets, hours and which windows and departments exist, serialised. */
    structure: string;
  } | null;
  budget: UpdateBudget;
  /** What the last snapshot read from the database was built from: time-only refreshes rebuild from it. */
  reading: SnapshotReading | null;
  /** When (Date.now) `reading` was read. */
  readAt: number;
  /** Only time has passed: the snapshot is rebuilt from `reading`, without the database. */
  tick: boolean;
  /** The share of LIVE_RECHECK_MS (½ to 1) after which this site's reading is renewed: walls that connected together do not all read at once. */
  recheckShare: number;
  /** Cancels the scheduled recompute; null when none is scheduled. */
  cancel: (() => void) | null;
  running: boolean;
  /** A batch's snapshot is being read inside its transaction, to be pushed when it commits. */
  preparing: boolean;
  dirty: boolean;
  /** The next read is for a change (an event, an edit, another instance's notice), not only for the clock: it goes first. */
  changed: boolean;
  /** When (Date.now) the oldest change not yet pushed was made known here; null when none waits. */
  changedAt: number | null;
  /** Another instance changed the site: its row is read again once, at the next recompute. */
  stale: boolean;
  /** The site's registry changed: the next push is a whole snapshot, whatever this instance last sent. */
  reshape: boolean;
}

// Recomputes a site's indicators after committed events and pushes only what changed: at
// once while the site is within its update budget, coalesced to a few a second beyond it.
// Within the budget a batch's snapshot is read inside the batch's own transaction, so that
// the push leaves as the batch commits instead of a recompute later.
@Injectable()
export class LivePublisher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LivePublisher.name);
  private readonly sites = new Map<string, SiteState>();
  private readonly prepared = new WeakMap<CommittingBatch, { snapshot: IndicatorSnapshot; reading: SnapshotReading }>();
  private refresh?: NodeJS.Timeout;
  private stopped = false;
  /** The tier of each site pushed here, by code, for the clients metric. */
  private readonly tiers = new Map<string, string>();

  constructor(
    private readonly gateway: LiveGateway,
    private readonly indicators: IndicatorsService,
    private readonly ds: DataSource,
    private readonly snapshots: SnapshotCache,
    private readonly config: AppConfig,
    private readonly district: DistrictService,
    private readonly events: DomainEventBus<DomainEvents>,
    private readonly gate: ReadGate,
    private readonly metrics: LiveMetrics,
  ) {
    metrics.useTiers((code) => this.tiers.get(code));
  }

  onModuleInit(): void {
    // Waits, break overruns and alerts change with time alone: a quiet hall's snapshot is rebuilt
    // anyway, from what was last read (no database); every LIVE_RECHECK_MS it is read afresh, which
    // catches up a change whose notice was lost while Redis was away.
    this.refresh = setInterval(() => void this.refreshWatchedSites(), this.config.LIVE_REFRESH_MS);
    this.refresh.unref();
  }

  /**
   * The site is read afresh, whatever the batch's projection touched: its alerts and time-driven
   * values depend on more than that, and the update budget bounds the cost; only what changed
   * is sent (docs/live-indicators.md).
   */
  @OnDomainEvent('events.committed')
  batchCommitted({ site, batch }: CommittedBatch): void {
    this.district.eventsCommitted(site.id, batch.events);
    const read = this.prepared.get(batch);
    if (read) {
      this.prepared.delete(batch);
      this.publishPrepared(site, read, Date.now());
    } else this.siteChanged(site);
  }

  @OnDomainEvent('site.changed')
  async changed(change: SiteChanged, { remote }: DomainEventMeta): Promise<void> {
    const reshape = change.cause === 'registry';
    // Its last event or its calendar may have moved where this process did not see it.
    if (remote || change.cause !== 'events') this.district.activityChanged(change.siteId);
    // Another process's change: its clients are its own, ours are recomputed here.
    if (remote) return this.siteChangedElsewhere(change.siteId, change.siteCode, reshape);
    // This process's batch was handled when it committed.
    if (change.cause === 'events') return;
    const site = await this.ds.getRepository(Site).findOneBy({ id: change.siteId });
    if (site) this.siteChanged(site, reshape);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.refresh) clearInterval(this.refresh);
    for (const s of this.sites.values()) s.cancel?.();
  }

  private async siteChangedElsewhere(id: string, code: string, reshape: boolean): Promise<void> {
    if (!this.gateway.namespace?.adapter.rooms.has(siteRoom(code)) && !this.districtWatched(id)) return;
    // The change may be to the site itself (its name, settings or hours), so its row is read
    // afresh — once per recompute, not once per notice: a busy hall posting to the other
    // instance sends several a second.
    const s = this.sites.get(id);
    if (s) {
      s.stale = true;
      s.reshape ||= reshape;
      s.dirty = true;
      s.changed = true;
      s.changedAt ??= Date.now();
      this.schedule(s);
      return;
    }
    const site = await this.ds.getRepository(Site).findOneBy({ id });
    if (site) this.siteChanged(site, reshape);
  }

  /**
   * Sites with a client connected to this instance are brought up to the clock: rebuilt from their
   * last reading, or read afresh once that is LIVE_RECHECK_MS old. Only sites not seen before are
   * looked up in the database.
   */
  private async refreshWatchedSites(): Promise<void> {
    const rooms = this.gateway.namespace?.adapter.rooms;
    if (!rooms) return;
    for (const s of [...this.sites.values()]) if (!this.watched(s.site)) this.forget(s);
    const known = new Set([...this.sites.values()].map((s) => s.site.code));
    const codes: string[] = [];
    const districts: string[] = [];
    for (const r of rooms.keys())
      if (r.startsWith('site:')) {
        if (!known.has(r.slice('site:'.length))) codes.push(r.slice('site:'.length));
      } else if (r.startsWith('district:')) districts.push(r.slice('district:'.length));
    let ticked = 0;
    for (const s of [...this.sites.values()]) {
      // Forgotten meanwhile, or the application is closing.
      if (this.sites.get(s.site.id) !== s || this.stopped) continue;
      this.tick(s);
      // Each rebuild runs in its own immediate, but immediates queued together run in one turn of
      // the event loop: a thousand watched sites held it for half a second, ingest and the pushes
      // of changes waiting behind them. A turn ends every few sites, so I/O is served between.
      if (++ticked % TICKS_PER_TURN === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (!codes.length && !districts.length) return;
    try {
      const sites = codes.length ? await this.ds.getRepository(Site).findBy(codes.map((code) => ({ code }))) : [];
      // A district's sites too: staleness and waits move with the clock alone, event or none.
      for (const code of districts) sites.push(...(await this.district.members(code)).filter((m) => !this.sites.has(m.id)));
      const seen = new Set<string>();
      // Their walls were handed a snapshot as they connected: the first reading here is the clock's.
      for (const site of sites) if (!seen.has(site.id) && seen.add(site.id)) this.siteChanged(site, false, 'clock');
    } catch (err) {
      this.logger.warn(`periodic refresh failed: ${(err as Error).message}`);
    }
  }

  /** Time has passed for a watched site: rebuild its snapshot, or read it afresh when its reading is old. */
  private tick(s: SiteState): void {
    if (Date.now() - s.readAt >= this.config.LIVE_RECHECK_MS * s.recheckShare) s.dirty = true;
    else s.tick = true;
    this.schedule(s);
  }

  private forget(s: SiteState): void {
    s.cancel?.();
    this.sites.delete(s.site.id);
    this.tiers.delete(s.site.code);
    this.district.released(s.site.id);
  }

  siteChanged(site: Site, reshape = false, cause: ReadCause = 'change'): void {
    const s = this.stateFor(site);
    if (!s) return;
    s.reshape ||= reshape;
    s.dirty = true;
    s.changed ||= cause === 'change';
    if (cause === 'change') s.changedAt ??= Date.now();
    this.schedule(s);
  }

  /** The site's push state while a client on this instance watches it; null (and forgotten) when none does. */
  private stateFor(site: Site): SiteState | null {
    // Nobody on this instance watches the site: recomputing would only slow ingest down.
    if (!this.watched(site)) {
      const held = this.sites.get(site.id);
      if (held) this.forget(held);
      return null;
    }
    let s = this.sites.get(site.id);
    if (!s) {
      const budget = new UpdateBudget(UPDATES_PER_SECOND, UPDATE_BURST, Date.now());
      s = {
        site,
        lastSent: null,
        budget,
        reading: null,
        readAt: 0,
        tick: false,
        recheckShare: 0.5 + Math.random() / 2,
        cancel: null,
        running: false,
        preparing: false,
        dirty: false,
        changed: false,
        changedAt: null,
        stale: false,
        reshape: false,
      };
      this.sites.set(site.id, s);
    }
    // The caller's copy is the fresher one: settings, names and hours edited since are in it.
    s.site = site;
    this.tiers.set(site.code, site.tier);
    s.stale = false;
    return s;
  }

  /** Whether a client on this instance watches the site: its wall, or the overview of its district. */
  private watched(site: Site): boolean {
    const rooms = this.gateway.namespace?.adapter.rooms;
    if (!rooms) return false;
    return rooms.has(siteRoom(site.code)) || this.districtWatched(site.id);
  }

  private districtWatched(siteId: string): boolean {
    const district = this.district.districtOf(siteId);
    return district !== null && this.gateway.namespace?.adapter.rooms.has(districtRoom(district)) === true;
  }

  /** The site's line on its district's overview, when it changed and someone here watches the district. */
  private async pushDistrict(site: Site, snap: IndicatorSnapshot): Promise<void> {
    const district = this.district.districtOf(site.id);
    if (!district || !this.gateway.namespace.adapter.rooms.has(districtRoom(district))) return;
    try {
      const summary = await this.district.changed(site, snap);
      if (summary)
        this.gateway.namespace.local.to(districtRoom(district)).emit('district', { district, sites: [summary], complete: false });
    } catch (err) {
      this.logger.warn(`district summary failed for ${site.code}: ${(err as Error).message}`);
    }
  }

  /**
   * Within the budget and with no other push under way, reads the batch's snapshot in its
   * transaction: last of the batch's handlers, and never failing it.
   */
  @OnDomainEvent('events.committing', { order: 100 })
  async prepare(batch: CommittingBatch): Promise<void> {
    const s = this.stateFor(batch.site);
    if (!s || s.running || s.preparing || s.budget.waitMs(Date.now()) > PREPARE_AHEAD_MS) return;
    // A recompute waiting only for its turn in the event loop is overtaken: this read sees all
    // it would have, and changes that come in meanwhile mark the site dirty again.
    s.cancel?.();
    s.cancel = null;
    s.dirty = false;
    s.changed = false;
    s.preparing = true;
    try {
      this.prepared.set(batch, await this.indicators.readingWithin(batch.em, batch.site));
    } catch (err) {
      // The batch goes on; its push is recomputed after the commit.
      this.logger.warn(`indicator read before commit failed for ${batch.site.code}: ${(err as Error).message}`);
      s.preparing = false;
    }
  }

  @OnDomainEvent('events.rolled-back')
  discard(batch: CommittingBatch): void {
    if (!this.prepared.delete(batch)) return;
    const s = this.sites.get(batch.site.id);
    if (!s) return;
    s.preparing = false;
    if (s.dirty || s.tick) this.schedule(s);
  }

  private publishPrepared(site: Site, read: { snapshot: IndicatorSnapshot; reading: SnapshotReading }, committedAt: number): void {
    const s = this.stateFor(site);
    if (!s) return;
    s.preparing = false;
    s.running = true;
    s.reading = read.reading;
    s.readAt = Date.now();
    const go = () => {
      s.budget.spend(Date.now());
      try {
        this.metrics.behind((Date.now() - committedAt) / 1000);
        this.send(s, read.snapshot);
      } finally {
        s.running = false;
        if (s.dirty || s.tick) this.schedule(s);
      }
    };
    // After the batch's answer is on its way (the device is not kept waiting for the fan-out),
    // and once the budget allows: a batch that came close behind the last push waits its turn.
    const wait = s.budget.waitMs(Date.now());
    if (wait === 0) setImmediate(go);
    else setTimeout(go, wait).unref();
  }

  private schedule(s: SiteState): void {
    if (s.cancel || s.running || s.preparing) return;
    const wait = s.budget.waitMs(Date.now());
    const run = () => {
      s.cancel = null;
      void this.publish(s);
    };
    // setImmediate rather than a call: the notices of one tick (several batches committed
    // together, a cross-instance notice) share one recompute.
    if (wait === 0) {
      const t = setImmediate(run);
      s.cancel = () => clearImmediate(t);
    } else {
      const t = setTimeout(run, wait);
      s.cancel = () => clearTimeout(t);
    }
  }

  private async publish(s: SiteState): Promise<void> {
    s.running = true;
    const read = s.dirty || s.stale || !s.reading;
    const cause: ReadCause = s.changed ? 'change' : 'clock';
    s.dirty = false;
    s.changed = false;
    s.tick = false;
    s.budget.spend(Date.now());
    try {
      // Only time has passed since the last reading: the snapshot is rebuilt from it, no database.
      const rebuilt = read || !s.reading ? null : this.indicators.rebuild(s.site, s.reading);
      if (rebuilt) {
        this.send(s, rebuilt);
        return;
      }
      if (s.stale) {
        s.stale = false;
        const fresh = await this.ds.getRepository(Site).findOneBy({ id: s.site.id });
        if (!fresh) return;
        s.site = fresh;
      }
      const changedAt = cause === 'change' ? s.changedAt : null;
      s.changedAt = null;
      const { snapshot, reading } = await this.gate.run(cause, async () => {
        const started = performance.now();
        const out = await this.indicators.reading(s.site);
        this.metrics.read((performance.now() - started) / 1000);
        return out;
      });
      if (changedAt !== null) this.metrics.behind((Date.now() - changedAt) / 1000);
      s.reading = reading;
      s.readAt = Date.now();
      this.send(s, snapshot);
    } catch (err) {
      this.logger.warn(`indicator recompute failed for ${s.site.code}: ${(err as Error).message}`);
    } finally {
      s.running = false;
      if (s.dirty || s.tick) this.schedule(s);
    }
  }

  /** Pushes what changed since the last push to this instance's clients of the site. */
  private send(s: SiteState, snap: IndicatorSnapshot): void {
    this.snapshots.put(s.site, snap);
    void this.pushDistrict(s.site, snap);
    const handedOut = this.snapshots.takeHandedOut(s.site);
    const values = changed(s.lastSent?.values ?? {}, snap.values);
    const departments: Record<string, IndicatorValues> = {};
    for (const [code, v] of Object.entries(snap.departments)) {
      const diff = changed(s.lastSent?.departments[code] ?? {}, v);
      if (Object.keys(diff).length) departments[code] = diff;
    }
    // Local: each instance pushes to its own clients, from its own diff of what it sent them.
    const room = this.gateway.namespace.local.to(siteRoom(s.site.code));
    const before = s.lastSent?.alerts ?? new Map<string, LiveAlert>();
    const now = new Map(snap.alerts.map((a) => [a.id, a]));
    // Alert routing judges the change against its own record; only a changed set is worth its look.
    if (s.lastSent === null || before.size !== now.size || snap.alerts.some((a) => before.get(a.id)?.severity !== a.severity))
      this.events.emit('alerts.observed', { site: s.site, alerts: snap.alerts });
    const sentWindows = new Map(snap.windows.map((w) => [w.code, JSON.stringify(w)]));
    const windows: WindowState[] = snap.windows.filter((w) => s.lastSent?.windows.get(w.code) !== sentWindows.get(w.code));
    const structure = structureOf(snap);
    // A registry change may be the first push since the clients' own snapshot: nothing here tells
    // what they were sent, so they get the whole of it.
    const reshaped = s.reshape || (s.lastSent !== null && s.lastSent.structure !== structure);
    s.reshape = false;
    s.lastSent = { values: snap.values, departments: snap.departments, alerts: now, windows: sentWindows, structure };
    // An update only adds and changes: a renamed department, new hours or a window taken out
    // of the registry reach the open walls as a whole new snapshot.
    if (reshaped) {
      room.emit('snapshot', snap);
      this.metrics.pushed('snapshot');
      return;
    }
    if (Object.keys(values).length || Object.keys(departments).length || windows.length) {
      room.emit('update', { site: snap.site, asOf: snap.asOf, values, departments, ...(windows.length ? { windows } : {}) });
      this.metrics.pushed('update');
    }
    for (const a of now.values()) {
      const prev = before.get(a.id);
      // The message counts minutes ("已离岗 7 分钟"): a changed text is sent again, or the wall's would freeze.
      const moved = !prev || prev.severity !== a.severity || prev.since !== a.since || prev.message.zh !== a.message.zh;
      if (moved) {
        room.emit('alert', { ...a, state: 'raised' });
        this.metrics.pushed('alert');
      }
    }
    // What a client connecting since the last push was given counts too: an alert only it holds
    // (raised by time alone meanwhile) would otherwise stand on its wall after its cause ended.
    const held = new Map([...handedOut, ...before]);
    for (const a of held.values())
      if (!now.has(a.id)) {
        room.emit('alert', { ...a, state: 'cleared' });
        this.metrics.pushed('alert');
      }
  }
}

function structureOf(snap: IndicatorSnapshot): string {
  return JSON.stringify([snap.siteInfo, snap.departmentInfo, Object.keys(snap.departments), snap.windows.map((w) => w.code)]);
}

function changed(before: IndicatorValues, after: IndicatorValues): IndicatorValues {
  const out: IndicatorValues = {};
  for (const [k, v] of Object.entries(after) as Array<[keyof IndicatorValues, number | null]>) if (before[k] !== v) out[k] = v;
  return out;
}
