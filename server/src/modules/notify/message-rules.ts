import type { OutgoingMessage } from '@hallwatch/shared';
import { BadRequestException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(field: string, message: string): never {
  throw new BadRequestException({ statusCode: 400, error: 'Bad Request', field, message: `${field}: ${message}` });
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 200);

/** A message every channel can carry; a caller's mistake is a 400 naming the field, before anything is stored. */
export function validateMessage(m: OutgoingMessage, dedupeKey?: string): void {
  if (typeof m?.topic !== 'string' || !/^[a-z0-9._-]{1,64}$/.test(m.topic)) refuse('message.topic', 'must be 1–64 of a-z 0-9 . _ -');
  if (m.siteId !== null && (typeof m.siteId !== 'string' || !UUID.test(m.siteId)))
    refuse('message.siteId', 'must be a site id (uuid) or null');
  if (typeof m.title !== 'string' || !m.title.trim() || m.title.length > 200) refuse('message.title', 'must be 1–200 characters');
  if (typeof m.markdown !== 'string' || m.markdown.length > 4000) refuse('message.markdown', 'must be a string of at most 4000 characters');
  if (m.mentions !== undefined) {
    for (const k of ['mobiles', 'userIds', 'emails'] as const) {
      const v = m.mentions?.[k];
      if (v !== undefined && (!strings(v) || v.length > 50)) refuse(`message.mentions.${k}`, 'must be at most 50 non-empty strings');
    }
  }
  if (dedupeKey !== undefined && (typeof dedupeKey !== 'string' || !dedupeKey || dedupeKey.length > 200))
    refuse('dedupeKey', 'must be 1–200 characters');
}
