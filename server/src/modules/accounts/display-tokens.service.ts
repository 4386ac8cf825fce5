import type { DisplayTokenView, IssuedDisplayToken } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { Site } from '../registry/site.entity';
import { recordAudit } from '../audit/audit-log';
import { CredentialEvents } from './credential-events';
import { DisplayToken } from './entities/display-token.entity';
import { DISPLAY_TOKEN_PREFIX, hashToken, newToken } from './tokens';

export type { DisplayTokenView, IssuedDisplayToken };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const view = (t: DisplayToken, site: string): DisplayTokenView => ({
  id: t.id,
  site,
  name: t.name,
  prefix: t.prefix,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  revokedAt: t.revokedAt ? t.revokedAt.toISOString() : null,
});

@Injectable()
export class DisplayTokensService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly events: CredentialEvents,
  ) {}

  async create(siteCode: string, name: string, createdBy: string): Promise<IssuedDisplayToken | null> {
    return this.ds.transaction(async (em) => {
      const site = await em.findOneBy(Site, { code: siteCode });
      if (!site) return null;
      const token = newToken(DISPLAY_TOKEN_PREFIX);
      const row = await em.getRepository(DisplayToken).save({
        siteId: site.id,
        name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 12),
        createdBy,
        revokedAt: null,
      });
      await recordAudit(em, {
        action: 'display-token.create',
        target: `display-token:${row.prefix}`,
        site: site.code,
        at: this.clock.now(),
      });
      return { ...view(row, site.code), token };
    });
  }

  async list(siteCode: string | null): Promise<DisplayTokenView[]> {
    const rows = await this.ds
      .getRepository(DisplayToken)
      .createQueryBuilder('t')
      .innerJoinAndMapOne('t.site', Site, 's', 's.id = t.site_id')
      .where(siteCode ? 's.code = :c' : 'TRUE', { c: siteCode })
      .orderBy('t.created_at')
      .getMany();
    return rows.map((r) => view(r, (r as DisplayToken & { site: Site }).site.code));
  }

  /** Revokes a live token of the site by id or prefix; false when there is none. */
  async revoke(siteCode: string | null, idOrPrefix: string): Promise<boolean> {
    const ids = await this.ds.transaction(async (em) => {
      const qb = em
        .getRepository(DisplayToken)
        .createQueryBuilder('t')
        .innerJoinAndMapOne('t.site', Site, 's', 's.id = t.site_id')
        .where('t.revoked_at IS NULL')
        .andWhere(UUID.test(idOrPrefix) ? 't.id = :v' : 't.prefix = :v', { v: idOrPrefix });
      if (siteCode) qb.andWhere('s.code = :c', { c: siteCode });
      const rows = await qb.getMany();
      for (const r of rows) {
        await em.update(DisplayToken, { id: r.id, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        const site = (r as DisplayToken & { site: Site }).site.code;
        await recordAudit(em, { action: 'display-token.revoke', target: `display-token:${r.prefix}`, site, at: this.clock.now() });
      }
      return rows.map((r) => r.id);
    });
    this.events.revoked(ids.map((id) => ({ kind: 'display', id })));
    return ids.length > 0;
  }

  /** The site of a live token, or null. */
  async resolve(token: string): Promise<{ id: string; prefix: string; site: string } | null> {
    if (!token.startsWith(DISPLAY_TOKEN_PREFIX) || token.length > 100) return null;
    const rows: Array<{ id: string; prefix: string; site: string }> = await this.ds.query(
      `SELECT t.id, t.prefix, s.code AS site FROM display_tokens t JOIN sites s ON s.id = t.site_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [hashToken(token)],
    );
    return rows[0] ?? null;
  }

  async stillLive(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: Array<{ id: string }> = await this.ds.query(
      `SELECT id FROM display_tokens WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}
