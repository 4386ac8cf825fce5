import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OnDomainEvent } from '../domain-events/domain-events';
import type { SiteChanged } from '../domain-events/domain-events';
import { Site } from '../registry/site.entity';

// The site tree as the overview reads it, held in memory: a push asks "whose district is this
// site in?" for every batch, and the tree changes only when an admin edits the registry.
const RELOAD_MS = 60_000;

interface TreeState {
  at: number;
  byId: Map<string, Site>;
  byCode: Map<string, Site>;
  /** Site id → the code of the district hall above it (itself for a hall). */
  districtOf: Map<string, string>;
  /** District hall code → its sites: the hall first, then each town followed by its villages. */
  members: Map<string, Site[]>;
  roster: Map<string, number>;
}

@Injectable()
export class DistrictTree {
  private readonly logger = new Logger(DistrictTree.name);
  private state: TreeState | null = null;
  private loading: Promise<TreeState> | null = null;

  constructor(private readonly ds: DataSource) {}

  @OnDomainEvent('site.changed')
  registryChanged(change: SiteChanged): void {
    // Hours, names, windows or the roster may have changed: read the tree again when next asked.
    if (change.cause === 'registry' && this.state) this.state.at = 0;
  }

  /** The district hall's code for a site, from the tree as last read (null before the first read, or outside any district). */
  districtCodeOf(siteId: string): string | null {
    if (!this.state || Date.now() - this.state.at > RELOAD_MS) void this.load().catch(() => undefined);
    return this.state?.districtOf.get(siteId) ?? null;
  }

  async members(code: string): Promise<Site[]> {
    return (await this.load()).members.get(code) ?? [];
  }

  async site(code: string): Promise<Site | null> {
    return (await this.load()).byCode.get(code) ?? null;
  }

  async parentCode(site: Site): Promise<string | null> {
    const s = await this.load();
    return site.parentId ? (s.byId.get(site.parentId)?.code ?? null) : null;
  }

  async roster(siteId: string): Promise<number> {
    return (await this.load()).roster.get(siteId) ?? 0;
  }

  private load(): Promise<TreeState> {
    if (this.state && Date.now() - this.state.at <= RELOAD_MS) return Promise.resolve(this.state);
    this.loading ??= this.read()
      .then((s) => (this.state = s))
      .catch((err: Error) => {
        this.logger.warn(`site tree not read: ${err.message}`);
        if (this.state) return this.state;
        throw err;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  private async read(): Promise<TreeState> {
    const sites = await this.ds.getRepository(Site).find();
    const counts = await this.ds.query<Array<{ site_id: string; n: number }>>(
      'SELECT site_id, count(*)::int AS n FROM staff WHERE on_roster GROUP BY site_id',
    );
    const byId = new Map(sites.map((s) => [s.id, s]));
    const byCode = new Map(sites.map((s) => [s.code, s]));
    const districtOf = new Map<string, string>();
    for (const s of sites) {
      // The nearest hall at or above the site; a loop in a broken tree ends after the tree's size.
      let at: Site | undefined = s;
      for (let hops = 0; at && at.tier !== 'hall' && hops < sites.length; hops++) at = at.parentId ? byId.get(at.parentId) : undefined;
      if (at?.tier === 'hall') districtOf.set(s.id, at.code);
    }
    const children = new Map<string, Site[]>();
    for (const s of sites) if (s.parentId) children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
    const byCodeOrder = (a: Site, b: Site) => a.code.localeCompare(b.code, 'en', { numeric: true });
    const members = new Map<string, Site[]>();
    for (const hall of sites.filter((s) => s.tier === 'hall')) {
      const list: Site[] = [hall];
      const walk = (parent: Site) => {
        for (const c of (children.get(parent.id) ?? []).sort(byCodeOrder)) {
          if (c.tier === 'hall') continue;
          list.push(c);
          walk(c);
        }
      };
      walk(hall);
      members.set(hall.code, list);
    }
    return { at: Date.now(), byId, byCode, districtOf, members, roster: new Map(counts.map((r) => [r.site_id, r.n])) };
  }
}
