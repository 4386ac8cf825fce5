import { PatrolCheckpointCodeView, PatrolCheckpointView } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { toDataURL } from 'qrcode';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { recordAudit } from '../audit/audit-log';
import { findSite } from '../registry/registry-change';
import { isUniqueViolation } from '../registry/registry-errors';
import { applyChanges } from '../registry/scoped-store';
import { checkpointPayload, newCheckpointCode } from './checkpoint-code';
import { DEFAULT_CHECKPOINTS } from './default-checkpoints';
import { CreateCheckpointDto, UpdateCheckpointDto } from './dtos/checkpoint.dto';
import { PatrolCheckpoint } from './entities/patrol-checkpoint.entity';
import { PatrolRetiredCode } from './entities/patrol-retired-code.entity';
import { PatrolNotifier } from './patrol-notifier';
import { RoundIdRow } from './patrol-rows';
import { checkpointView } from './patrol-views';
import { RoundStepsService } from './round-steps.service';

/** Gives a site the default checklist the first time it needs one; a site that has any checkpoint keeps its own. */
export async function ensureCheckpoints(em: EntityManager, siteId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('patrol-checkpoints:' || $1))`, [siteId]);
  if (await em.countBy(PatrolCheckpoint, { siteId })) return;
  await em.insert(
    PatrolCheckpoint,
    DEFAULT_CHECKPOINTS.map((c, i) => ({ siteId, ...c, position: (i + 1) * 10, active: true, scanCode: newCheckpointCode() })),
  );
}

/** The QR images last drawn, by payload: a payload's image never changes, and drawing one costs milliseconds. */
const qrImages = new Map<string, Promise<string>>();
const QR_IMAGES_KEPT = 500;
// Level M survives a smudged or creased sheet; 8 px modules print sharp on A4. No PNG row filter
// (pngjs's filterType 0): the adaptive one tries all five per row, for nothing on a two-colour image.
const QR_OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2, scale: 8, rendererOpts: { filterType: 0 } };

function qrImage(payload: string): Promise<string> {
  let image = qrImages.get(payload);
  if (!image) {
    image = toDataURL(payload, QR_OPTIONS);
    image.catch(() => qrImages.delete(payload));
    if (qrImages.size >= QR_IMAGES_KEPT) qrImages.delete(qrImages.keys().next().value as string);
    qrImages.set(payload, image);
  }
  return image;
}

/** A checkpoint's code with its QR image, as the printable sheet shows it. */
async function codeView(c: PatrolCheckpoint): Promise<PatrolCheckpointCodeView> {
  const payload = checkpointPayload(c.code, c.scanCode);
  const qr = await qrImage(payload);
  const since = c.scanCodeSince ? c.scanCodeSince.toISOString() : null;
  return { code: c.code, label: { zh: c.label, en: c.labelEn ?? c.label }, scanCode: c.scanCode, since, payload, qr };
}

const notFound = (site: string, code: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site}" has no checkpoint "${code}"` });

/** The round checklist per site; checkpoints are retired rather than deleted, so findings keep their meaning. */
@Injectable()
export class PatrolCheckpointsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly steps: RoundStepsService,
    private readonly notifier: PatrolNotifier,
  ) {}

  async list(siteCode: string, includeRetired: boolean): Promise<PatrolCheckpointView[]> {
    const site = await findSite(this.ds.manager, siteCode);
    const qb = this.ds.getRepository(PatrolCheckpoint).createQueryBuilder('c').where('c.site_id = :id', { id: site.id });
    if (!includeRetired) qb.andWhere('c.active');
    return (await qb.orderBy('c.position').addOrderBy('c.code').getMany()).map(checkpointView);
  }

  async create(siteCode: string, input: CreateCheckpointDto): Promise<PatrolCheckpointView> {
    return this.ds.transaction(async (em) => {
      const site = await findSite(em, siteCode);
      await ensureCheckpoints(em, site.id);
      const last = await em.getRepository(PatrolCheckpoint).maximum('position', { siteId: site.id });
      try {
        await em.insert(PatrolCheckpoint, {
          siteId: site.id,
          code: input.code,
          label: input.label,
          labelEn: input.labelEn ?? null,
          items: input.items,
          deductPoints: input.deductPoints ?? 1,
          position: input.position ?? (last ?? 0) + 10,
          active: true,
          scanCode: newCheckpointCode(),
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            field: 'code',
            message: `Site "${site.code}" already has a checkpoint "${input.code}"`,
          });
        throw err;
      }
      return checkpointView(await em.findOneByOrFail(PatrolCheckpoint, { siteId: site.id, code: input.code }));
    });
  }

  async update(siteCode: string, code: string, input: UpdateCheckpointDto): Promise<PatrolCheckpointView> {
    return this.ds.transaction(async (em) => {
      const site = await findSite(em, siteCode);
      await ensureCheckpoints(em, site.id);
      const row = await em.findOneBy(PatrolCheckpoint, { siteId: site.id, code });
      if (!row) throw notFound(site.code, code);
      applyChanges(row, input);
      await em.save(row);
      return checkpointView(row);
    });
  }

  /** The codes of the active checklist, for the printable sheet; only admins and supervisors see them. */
  async codes(siteCode: string): Promise<PatrolCheckpointCodeView[]> {
    return this.ds.transaction(async (em) => {
      const site = await findSite(em, siteCode);
      await ensureCheckpoints(em, site.id);
      const rows = await em.find(PatrolCheckpoint, { where: { siteId: site.id, active: true }, order: { position: 'ASC', code: 'ASC' } });
      return Promise.all(rows.map(codeView));
    });
  }

  /**
   * A new code for a checkpoint (its sheet was lost or copied). From this moment only the new code
   * confirms it; the old one still confirms checks dated before now, which an offline phone may
   * send later (docs/contracts/patrol.md). The rotation is audited; the codes are not written there.
   */
  async rotateCode(siteCode: string, code: string): Promise<PatrolCheckpointCodeView> {
    const now = this.clock.now();
    const { siteId, rotated } = await this.ds.transaction(async (em) => {
      const site = await findSite(em, siteCode);
      await ensureCheckpoints(em, site.id);
      const row = await em.findOne(PatrolCheckpoint, { where: { siteId: site.id, code }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound(site.code, code);
      await em.insert(PatrolRetiredCode, {
        siteId: site.id,
        checkpointId: row.id,
        scanCode: row.scanCode,
        validFrom: row.scanCodeSince,
        retiredAt: now,
      });
      const fresh = { scanCode: newCheckpointCode(), scanCodeSince: now };
      await em.update(PatrolCheckpoint, { id: row.id }, fresh);
      // A device clock may run a few minutes ahead: a check dated after this moment that arrived
      // before it, with the old code, was taken under the new sheet's rule and confirms nothing.
      const touched = await queryRows<RoundIdRow>(
        em,
        `UPDATE patrol_checks SET confirmed = false
         WHERE site_id = $1 AND checkpoint = $2 AND occurred_at >= $3 AND upper(code) = $4 AND confirmed RETURNING round_id`,
        [site.id, code, now, row.scanCode],
      );
      for (const roundId of new Set(touched.map((t) => t.round_id))) await this.steps.refreshState(em, roundId, now);
      await recordAudit(em, {
        action: 'patrol.checkpoint.rotate-code',
        target: `checkpoint:${code}`,
        site: site.code,
        details: { since: now.toISOString(), checksRefused: touched.length },
        at: now,
      });
      return { siteId: touched.length ? site.id : null, rotated: Object.assign(row, fresh) };
    });
    if (siteId) await this.notifier.siteChanged(siteId);
    return codeView(rotated);
  }

  /** Retires a checkpoint: it leaves the checklist; past checks and findings still name it. */
  async retire(siteCode: string, code: string): Promise<void> {
    await this.update(siteCode, code, { active: false });
  }
}
