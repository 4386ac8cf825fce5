import { PATROL_PHOTO_MAX_BYTES } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { Request } from 'express';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Site } from '../registry/site.entity';
import { PatrolFinding } from './entities/patrol-finding.entity';
import { PatrolPhoto } from './entities/patrol-photo.entity';
import { photoType } from './photo-type';
import { queryRows } from '../../core/database/typed-query';
import { PhotoKeyRow } from './patrol-rows';

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

/** A finding's photo: one per finding, keyed by its check event, so the page may resend it freely. */
@Injectable()
export class PatrolPhotosService {
  constructor(private readonly ds: DataSource) {}

  async store(site: Site, checkEventId: string, bytes: Buffer): Promise<{ type: string; size: number; created: boolean }> {
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
    const finding = await this.ds.getRepository(PatrolFinding).findOneBy({ siteId: site.id, checkEventId });
    if (!finding)
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        field: 'check',
        message: `No finding recorded by check "${checkEventId}" yet; send the round.check event first`,
      });
    const inserted = await queryRows<PhotoKeyRow>(
      this.ds,
      `INSERT INTO patrol_photos (site_id, check_event_id, type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (site_id, check_event_id) DO NOTHING RETURNING check_event_id`,
      [site.id, checkEventId, type, bytes.length, createHash('sha256').update(bytes).digest('hex'), bytes],
    );
    return { type, size: bytes.length, created: inserted.length > 0 };
  }

  async read(site: Site, checkEventId: string): Promise<{ type: string; bytes: Buffer }> {
    const row = await this.ds
      .getRepository(PatrolPhoto)
      .createQueryBuilder('p')
      .addSelect('p.bytes')
      .where('p.site_id = :site AND p.check_event_id = :id', { site: site.id, id: checkEventId })
      .getOne();
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No photo for check "${checkEventId}"` });
    return { type: row.type, bytes: row.bytes };
  }
}
