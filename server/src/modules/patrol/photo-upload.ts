import { PATROL_PHOTO_MAX_BYTES } from '@hallwatch/shared';
import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { Request } from 'express';
import { createHash } from 'node:crypto';
import { photoType } from './photo-type';

// Patrol's findings and visits' checklist points take photos under the same limits and kinds.

const megabytes = (n: number) => `${Math.round(n / 1024 / 102.4) / 10} MB`;

/** Reads a raw upload, stopping as soon as it passes the limit rather than after buffering all of it. */
export async function readLimited(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) throw tooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(max: number): PayloadTooLargeException {
  return new PayloadTooLargeException({
    statusCode: 413,
    error: 'Payload Too Large',
    field: 'photo',
    message: `photo is larger than ${megabytes(max)}`,
  });
}

/** Refuses an empty, oversized or non-image upload (judged by its bytes); answers its type and digest to store. */
export function checkPhoto(bytes: Buffer): { type: string; size: number; sha256: string } {
  if (!bytes.length) throw new UnsupportedMediaTypeException({ statusCode: 415, field: 'photo', message: 'photo is empty' });
  if (bytes.length > PATROL_PHOTO_MAX_BYTES) throw tooLarge(PATROL_PHOTO_MAX_BYTES);
  const type = photoType(bytes);
  if (!type)
    throw new UnsupportedMediaTypeException({
      statusCode: 415,
      error: 'Unsupported Media Type',
      field: 'photo',
      message: 'photo must be a JPEG, PNG or WebP image',
    });
  return { type, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
