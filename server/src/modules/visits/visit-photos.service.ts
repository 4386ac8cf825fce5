import { PATROL_PHOTO_MAX_BYTES } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badField } from '../../core/validation/input-validation';
import { checkPhoto } from '../patrol/photo-upload';
import { Visit } from './entities/visit.entity';
import { VisitPhoto } from './entities/visit-photo.entity';
import { VisitChecklistService } from './visit-checklist.service';

/** A checklist point's photo, stored as patrol stores a finding's: the same limits and kinds, one per point. */
@Injectable()
export class VisitPhotosService {
  constructor(
    private readonly ds: DataSource,
    private readonly checklist: VisitChecklistService,
  ) {}

  async store(visit: Visit, point: string, bytes: Buffer): Promise<{ type: string; size: number; created: boolean }> {
    const { type, size, sha256 } = checkPhoto(bytes);
    if (visit.state !== 'started')
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `The visit is ${visit.state}; photos are taken while it is under way`,
      });
    if (!(await this.checklist.points(this.ds.manager, visit.siteId)).some((p) => p.code === point))
      throw badField('point', `"${point}" is not a point of the site's checklist`);
    const inserted = await this.ds.query<unknown[]>(
      `INSERT INTO visit_photos (visit_id, point, type, size, sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (visit_id, point) DO NOTHING RETURNING point`,
      [visit.id, point, type, size, sha256, bytes],
    );
    return { type, size, created: inserted.length > 0 };
  }

  async read(visitId: string, point: string): Promise<{ type: string; bytes: Buffer } | null> {
    const row = await this.ds
      .getRepository(VisitPhoto)
      .createQueryBuilder('p')
      .addSelect('p.bytes')
      .where('p.visit_id = :visitId AND p.point = :point', { visitId, point })
      .getOne();
    return row ? { type: row.type, bytes: row.bytes } : null;
  }

  async readOr404(visitId: string, point: string): Promise<{ type: string; bytes: Buffer }> {
    const row = await this.read(visitId, point);
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `No photo for point "${point}"` });
    return row;
  }
}

export { PATROL_PHOTO_MAX_BYTES as VISIT_PHOTO_MAX_BYTES };
