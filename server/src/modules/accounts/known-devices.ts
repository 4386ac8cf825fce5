import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KnownDevice } from './entities/known-device.entity';
import { DEVICE_TOKEN_PREFIX, hashToken, newToken } from './tokens';
import { queryOne } from '../../core/database/typed-query';

/** Wrong passwords from a known browser after which it is no longer trusted. */
export const DEVICE_FAILURES = 5;

const wellFormed = (token: string | null): token is string =>
  !!token && token.startsWith(DEVICE_TOKEN_PREFIX) && token.length > 20 && token.length < 100;

/** Browsers each account has signed in from (see KnownDevice). */
@Injectable()
export class KnownDevicesService {
  constructor(private readonly ds: DataSource) {}

  find(userId: string, token: string | null): Promise<KnownDevice | null> {
    if (!wellFormed(token)) return Promise.resolve(null);
    return this.ds.getRepository(KnownDevice).findOneBy({ userId, deviceHash: hashToken(token) });
  }

  /** After a successful sign-in: the browser's token (its own, or a new one) and the account known on it. */
  async remember(userId: string, token: string | null, now: Date): Promise<string> {
    const value = wellFormed(token) ? token : newToken(DEVICE_TOKEN_PREFIX);
    await this.ds.query(
      `INSERT INTO known_devices (user_id, device_hash, created_at, last_used_at, failures) VALUES ($1, $2, $3, $3, 0)
       ON CONFLICT (user_id, device_hash) DO UPDATE SET last_used_at = $3, failures = 0`,
      [userId, hashToken(value), now],
    );
    return value;
  }

  /** Counts a wrong password from the browser; true when that made it forgotten. */
  async wrongPassword(device: KnownDevice): Promise<boolean> {
    const row = await queryOne<{ failures: number }>(
      this.ds,
      `UPDATE known_devices SET failures = failures + 1 WHERE id = $1 RETURNING failures`,
      [device.id],
    );
    if ((row?.failures ?? 0) < DEVICE_FAILURES) return false;
    await this.ds.query(`DELETE FROM known_devices WHERE id = $1`, [device.id]);
    return true;
  }
}
