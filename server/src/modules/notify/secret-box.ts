import { Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

const VERSION = 'v1';

/**
 * Seals a channel's secret fields with AES-256-GCM. The channel's id is the additional data, so
 * a sealed box copied onto another channel does not open; the key's fingerprint travels with
 * the box, so a changed key is told apart from a damaged box.
 */
export class SecretBox {
  readonly fingerprint: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the notify secret key must be 32 bytes');
    this.fingerprint = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(channelId: string, secrets: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(channelId));
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return [VERSION, this.fingerprint, Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')].join('.');
  }

  open(channelId: string, sealed: string): Record<string, string> {
    const [version, fingerprint, data] = sealed.split('.');
    if (version !== VERSION || !data) throw new Error('the channel secrets are not a sealed box');
    if (fingerprint !== this.fingerprint)
      throw new Error('the channel secrets were sealed with another NOTIFY_SECRET_KEY; enter them again');
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(channelId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as Record<string, string>;
  }
}

export function parseKey(text: string): Buffer {
  const t = text.trim();
  return /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
}

/**
 * The configured key, or the one kept in the key file, made there on first use: readable by
 * this user only, written with O_EXCL so two processes starting together agree on one key.
 */
export function loadNotifyKey(config: { NOTIFY_SECRET_KEY: string; NOTIFY_SECRET_KEY_FILE: string }, logger: Logger): Buffer {
  if (config.NOTIFY_SECRET_KEY) return parseKey(config.NOTIFY_SECRET_KEY);
  const file = config.NOTIFY_SECRET_KEY_FILE || join(homedir(), '.hallwatch', 'notify-secret.key');
  try {
    return parseKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    logger.warn(`NOTIFY_SECRET_KEY is not set: generated a key in ${file}; set NOTIFY_SECRET_KEY outside a developer machine`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseKey(readFileSync(file, 'utf8'));
}
