import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell credentials apart at a glance and route a Bearer token to the right check. */
export const SESSION_TOKEN_PREFIX = 'hws_';
export const DISPLAY_TOKEN_PREFIX = 'hwd_';
export const DEVICE_TOKEN_PREFIX = 'hwk_';

export const newToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

// 256-bit random tokens cannot be guessed, so a fast hash is enough to keep the stored form useless.
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
