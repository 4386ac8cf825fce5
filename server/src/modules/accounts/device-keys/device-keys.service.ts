import type { DeviceKeyView, IssuedDeviceKey } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { Site } from '../../registry/site.entity';
import { DeviceKey } from './device-key.entity';

export type { DeviceKeyView, IssuedDeviceKey };

/** A live key with its site, as the ingest guard needs it. */
export interface ResolvedDeviceKey {
  id: string;
  prefix: string;
  requireSignature: boolean;
  site: Site;
}

export const hashDeviceKey = (key: string): string => createHash('sha256').update(key).digest('hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class DeviceKeysService {
  constructor(private readonly ds: DataSource) {}

  /** Makes a key for a site; the clear key is returned once and never stored. */
  async create(siteCode: string, name: string, opts: { requireSignature?: boolean } = {}): Promise<IssuedDeviceKey> {
    const site = await this.ds.getRepository(Site).findOneBy({ code: siteCode });
    if (!site) throw new Error(`No site with code "${siteCode}"`);
    const key = `hwk_${randomBytes(32).toString('base64url')}`;
    const row = await this.ds.getRepository(DeviceKey).save({
      siteId: site.id,
      name,
      keyHash: hashDeviceKey(key),
      prefix: key.slice(0, 12),
      requireSignature: opts.requireSignature ?? false,
      revokedAt: null,
    });
    return { id: row.id, key, site: site.code, prefix: row.prefix, requireSignature: row.requireSignature };
  }

  /** Revokes by id or by the key's prefix, within one site when given; returns how many keys were revoked. */
  async revoke(idOrPrefix: string, siteCode?: string): Promise<number> {
    const where = UUID.test(idOrPrefix) ? { id: idOrPrefix, revokedAt: IsNull() } : { prefix: idOrPrefix, revokedAt: IsNull() };
    const siteId = siteCode ? (await this.ds.getRepository(Site).findOneBy({ code: siteCode }))?.id : undefined;
    if (siteCode && !siteId) return 0;
    const res = await this.ds.getRepository(DeviceKey).update(siteId ? { ...where, siteId } : where, { revokedAt: new Date() });
    return res.affected ?? 0;
  }

  /** Turns the signature requirement on or off for a live key of the site; false when there is none. */
  async setRequireSignature(siteCode: string, id: string, required: boolean): Promise<DeviceKeyView | null> {
    if (!UUID.test(id)) return null;
    const site = await this.ds.getRepository(Site).findOneBy({ code: siteCode });
    if (!site) return null;
    const res = await this.ds.getRepository(DeviceKey).update({ id, siteId: site.id, revokedAt: IsNull() }, { requireSignature: required });
    if (!res.affected) return null;
    return (await this.list(siteCode)).find((k) => k.id === id) ?? null;
  }

  /** The site bound to a live key, or null for a missing, unknown or revoked one. */
  async resolve(key: string): Promise<Site | null> {
    return (await this.resolveKey(key))?.site ?? null;
  }

  async resolveKey(key: string): Promise<ResolvedDeviceKey | null> {
    const row = await this.ds
      .getRepository(DeviceKey)
      .createQueryBuilder('k')
      .innerJoinAndMapOne('k.site', Site, 's', 's.id = k.site_id')
      .where('k.key_hash = :h AND k.revoked_at IS NULL', { h: hashDeviceKey(key) })
      .getOne();
    const found = row as (DeviceKey & { site?: Site }) | null;
    if (!found?.site) return null;
    return { id: found.id, prefix: found.prefix, requireSignature: found.requireSignature, site: found.site };
  }

  async list(siteCode?: string): Promise<DeviceKeyView[]> {
    const qb = this.ds
      .getRepository(DeviceKey)
      .createQueryBuilder('k')
      .innerJoin(Site, 's', 's.id = k.site_id')
      .select([
        'k.id AS id',
        'k.name AS name',
        'k.prefix AS prefix',
        'k.require_signature AS "requireSignature"',
        'k.created_at AS "createdAt"',
        'k.revoked_at AS "revokedAt"',
        's.code AS site',
      ])
      .orderBy('k.created_at');
    if (siteCode) qb.where('s.code = :c', { c: siteCode });
    const rows = await qb.getRawMany<Omit<DeviceKeyView, 'createdAt' | 'revokedAt'> & { createdAt: Date; revokedAt: Date | null }>();
    return rows.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null }));
  }
}
