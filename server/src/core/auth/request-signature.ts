import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hallwatch-signature';
/** How far a signature's timestamp may be from the server's clock, either way. */
export const SIGNATURE_WINDOW_SEC = 300;

const hmacHex = (key: string, unixSec: number, body: Buffer | string): string =>
  createHmac('sha256', key).update(`${unixSec}.`).update(body).digest('hex');

/** The header value a device sends: `t=<unix seconds>,v1=<hex hmac-sha256(key, t + "." + body)>`. */
export const signRequest = (key: string, unixSec: number, body: Buffer | string): string =>
  `t=${unixSec},v1=${hmacHex(key, unixSec, body)}`;

/**
 * Checks a signature over the exact bytes received. Returns what is wrong, or null when it
 * holds. Several v1 values are accepted so a device can sign with an old and a new key at once.
 */
export function signatureProblem(header: string | undefined, key: string, body: Buffer, nowSec: number): string | null {
  if (!header) return `this device key requires a signature: send ${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256>`;
  let t: number | null = null;
  const given: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) given.push(v.toLowerCase());
  }
  if (t === null || !given.length) return `${SIGNATURE_HEADER} must look like t=<unix seconds>,v1=<64 hex digits>`;
  if (Math.abs(nowSec - t) > SIGNATURE_WINDOW_SEC)
    return `signature timestamp is more than ${SIGNATURE_WINDOW_SEC / 60} minutes from the server's clock; check the device's time`;
  const expected = Buffer.from(hmacHex(key, t, body), 'hex');
  const ok = given.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), expected));
  return ok ? null : 'signature does not match the body; sign the exact bytes sent, as t + "." + body';
}
