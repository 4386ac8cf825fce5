import type { ChannelKind } from '@hallwatch/shared';
import { CHANNEL_SECRET_FIELDS } from '@hallwatch/shared';
import { badField } from '../../core/validation/input-validation';
import type { EmailSettings } from './channels/email';
import type { ChannelSecrets } from './channels/sender';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9a-fA-F:.]+\]$/;

function httpUrl(field: string, value: unknown, check?: (u: URL) => string | null): string {
  if (typeof value !== 'string' || value.length > 1000) throw badField(field, `${field} must be a URL of at most 1000 characters`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw badField(field, `${field} must be a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw badField(field, `${field} must be an http(s) URL`);
  const why = check?.(u);
  if (why) throw badField(field, `${field} ${why}`);
  return value;
}

const SECRET_RULES: Record<string, (field: string, v: unknown, kind: ChannelKind) => string> = {
  url: (f, v, kind) =>
    httpUrl(f, v, (u) => {
      if (kind === 'dingtalk' && !u.searchParams.get('access_token')) return 'must be the robot’s webhook address, with its access_token';
      if (kind === 'wecom' && !u.searchParams.get('key')) return 'must be the robot’s webhook address, with its key';
      return null;
    }),
  secret: (f, v, kind) => {
    const min = kind === 'webhook' ? 16 : 8;
    if (typeof v !== 'string' || v.length < min || v.length > 200) throw badField(f, `${f} must be ${min}–200 characters`);
    return v;
  },
  password: (f, v) => {
    if (typeof v !== 'string' || v.length > 200) throw badField(f, `${f} must be a string of at most 200 characters`);
    return v;
  },
};

/**
 * A channel's secret fields as written: on create every required one, on update only those
 * given (the rest keep their sealed value). Unknown fields are refused, naming them.
 */
export function checkSecrets(kind: ChannelKind, input: Record<string, unknown> | undefined, creating: boolean): ChannelSecrets {
  const fields = CHANNEL_SECRET_FIELDS[kind];
  const given = input ?? {};
  for (const k of Object.keys(given))
    if (!fields.includes(k)) throw badField(`secrets.${k}`, `secrets.${k} is not a field of a ${kind} channel`);
  const out: Record<string, string> = {};
  for (const k of fields) {
    const v = given[k];
    const optional = kind === 'email' && k === 'password';
    if (v === undefined) {
      if (creating && !optional) throw badField(`secrets.${k}`, `secrets.${k} is required`);
      continue;
    }
    out[k] = SECRET_RULES[k](`secrets.${k}`, v, kind);
  }
  return out;
}

function emailSettings(s: Record<string, unknown>): EmailSettings {
  const known = ['host', 'port', 'secure', 'username', 'from', 'to'];
  for (const k of Object.keys(s))
    if (!known.includes(k)) throw badField(`settings.${k}`, `settings.${k} is not a setting of an email channel`);
  if (typeof s.host !== 'string' || !HOST.test(s.host))
    throw badField('settings.host', 'settings.host must be the SMTP server’s host name or address');
  const port = s.port ?? 587;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
    throw badField('settings.port', 'settings.port must be a port number (1–65535)');
  const secure = s.secure ?? port === 465;
  if (typeof secure !== 'boolean') throw badField('settings.secure', 'settings.secure must be true or false');
  if (s.username !== undefined && (typeof s.username !== 'string' || s.username.length > 200))
    throw badField('settings.username', 'settings.username must be a string of at most 200 characters');
  if (typeof s.from !== 'string' || !EMAIL.test(s.from.replace(/^.*<(.+)>\s*$/, '$1')) || s.from.length > 200)
    throw badField('settings.from', 'settings.from must be an e-mail address');
  if (!Array.isArray(s.to) || !s.to.length || s.to.length > 50)
    throw badField('settings.to', 'settings.to must list 1–50 e-mail addresses');
  s.to.forEach((a, i) => {
    if (typeof a !== 'string' || !EMAIL.test(a) || a.length > 200)
      throw badField(`settings.to.${i}`, `settings.to[${i}] must be an e-mail address`);
  });
  return { host: s.host, port, secure, ...(s.username ? { username: s.username } : {}), from: s.from, to: s.to as string[] };
}

/** The kind's plain settings, checked and normalised. */
export function checkSettings(kind: ChannelKind, s: Record<string, unknown> | undefined): Record<string, unknown> {
  if (kind === 'email') return { ...emailSettings(s ?? {}) };
  const keys = Object.keys(s ?? {});
  if (keys.length) throw badField(`settings.${keys[0]}`, `settings.${keys[0]} is not a setting of a ${kind} channel`);
  return {};
}

/** What the screen shows of a secret: enough to recognise it, never enough to use it. */
export function maskSecret(field: string, value: string | undefined): string | null {
  if (!value) return null;
  const tail = value.length >= 12 ? value.slice(-4) : '';
  if (field === 'url') {
    try {
      // The token is in the query: the hint ends with its last characters, never the path's.
      const u = new URL(value);
      return `${u.protocol}//${u.host}${u.pathname}${u.search.length >= 12 ? ` ••••${u.search.slice(-4)}` : ''}`;
    } catch {
      return `••••${tail}`;
    }
  }
  return `••••${tail}`;
}
