import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Site } from '../registry/site.entity';
import { PatrolFinding } from './entities/patrol-finding.entity';
import { PatrolPhoto } from './entities/patrol-photo.entity';
import { checkPhoto } from './photo-upload';
import { queryRows } from '../../core/database/typed-query';
import { PhotoKeyRow } from './patrol-rows';

/** A finding's photo: one per finding, keyed by its check event, so the page may resend it freely. */
@Injectable()
export class PatrolPhotosService {
  constructor(private readonly ds: DataSource) {}

  async store(site: Site, checkEventId: string, bytes: Buffer): Promise<{ type: string; size: number; created: boolean }> {
    const { type, size, sha256 } = checkPhoto(bytes);
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
      [site.id, checkEventId, type, size, sha256, bytes],
    );
    return { type, size, created: inserted.length > 0 };
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
