import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { Site } from '../registry/site.entity';
import { DeviceKey } from './device-key.entity';

export interface IssuedDeviceKey {
  id: string;
  key: string;
  site: string;
}

export const hashDeviceKey = (key: string): string => createHash('sha256').update(key).digest('hex');

@Injectable()
export class DeviceKeysService {
  constructor(private readonly ds: DataSource) {}

  /** Makes a key for a site; the clear key is returned once and never stored. */
  async create(siteCode: string, name: string): Promise<IssuedDeviceKey> {
    const site = await this.ds.getRepository(Site).findOneBy({ code: siteCode });
    if (!site) throw new Error(`No site with code "${siteCode}"`);
    const key = `hwk_${randomBytes(32).toString('base64url')}`;
    const row = await this.ds.getRepository(DeviceKey).save({
      siteId: site.id,
      name,
      keyHash: hashDeviceKey(key),
      prefix: key.slice(0, 12),
      revokedAt: null,
    });
    return { id: row.id, key, site: site.code };
  }

  /** Revokes by id or by the key's prefix; returns how many keys were revoked. */
  async revoke(idOrPrefix: string): Promise<number> {
    const isUuid = /^[0-9a-f-]{36}$/i.test(idOrPrefix);
    const where = isUuid ? { id: idOrPrefix, revokedAt: IsNull() } : { prefix: idOrPrefix, revokedAt: IsNull() };
    const res = await this.ds.getRepository(DeviceKey).update(where, { revokedAt: new Date() });
    return res.affected ?? 0;
  }

  /** The site bound to a live key, or null for a missing, unknown or revoked one. */
  async resolve(key: string): Promise<Site | null> {
    const row = await this.ds
      .getRepository(DeviceKey)
      .createQueryBuilder('k')
      .innerJoinAndMapOne('k.site', Site, 's', 's.id = k.site_id')
      .where('k.key_hash = :h AND k.revoked_at IS NULL', { h: hashDeviceKey(key) })
      .getOne();
    return (row as (DeviceKey & { site?: Site }) | null)?.site ?? null;
  }

  async list(siteCode?: string): Promise<Array<Pick<DeviceKey, 'id' | 'name' | 'prefix' | 'createdAt' | 'revokedAt'> & { site: string }>> {
    const qb = this.ds
      .getRepository(DeviceKey)
      .createQueryBuilder('k')
      .innerJoin(Site, 's', 's.id = k.site_id')
      .select([
        'k.id AS id',
        'k.name AS name',
        'k.prefix AS prefix',
        'k.created_at AS "createdAt"',
        'k.revoked_at AS "revokedAt"',
        's.code AS site',
      ])
      .orderBy('k.created_at');
    if (siteCode) qb.where('s.code = :c', { c: siteCode });
    return qb.getRawMany();
  }
}
