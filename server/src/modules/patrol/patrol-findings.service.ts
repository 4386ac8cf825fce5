import { PatrolDeductionRow, PatrolDeductionView, PatrolFindingView } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../core/time/clock';
import { badField } from '../../core/validation/input-validation';
import { findSite } from '../registry/registry-change';
import { ConfirmViolationDto, ResolveFindingDto } from './dtos/notice.dto';
import { PatrolDeduction } from './entities/patrol-deduction.entity';
import { PatrolFinding } from './entities/patrol-finding.entity';
import { localMonth } from '../../core/time/zoned-time';
import { PatrolNotifier } from './patrol-notifier';
import { queryCount, queryOne, queryRows } from '../../core/database/typed-query';
import { DeductionTotalRow, DeductPointsRow, FindingRow } from './patrol-rows';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const deductionView = (d: PatrolDeduction): PatrolDeductionView => ({
  id: d.id,
  finding: d.findingId,
  department: d.department,
  month: d.month,
  points: d.points,
  reason: d.reason,
  items: d.items,
  confirmedAt: d.confirmedAt.toISOString(),
  confirmedBy: d.confirmedBy,
});

/** Findings for supervisors: resolving one on the spot, and confirming a violation that costs its department points. */
@Injectable()
export class PatrolFindingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notifier: PatrolNotifier,
  ) {}

  /** `department` narrows the list to one department's findings (a department account's). */
  async list(siteCode: string, status: 'open' | 'resolved' | 'all', department?: string): Promise<PatrolFindingView[]> {
    const site = await findSite(this.ds.manager, siteCode);
    const rows = await queryRows<FindingRow>(
      this.ds,
      `SELECT f.*, r.code AS round, f.day::text AS day, p.check_event_id IS NOT NULL AS has_photo, d.points, d.month, n.id AS notice
       FROM patrol_findings f JOIN patrol_rounds r ON r.id = f.round_id
       LEFT JOIN patrol_photos p ON p.site_id = f.site_id AND p.check_event_id = f.check_event_id
       LEFT JOIN patrol_deductions d ON d.finding_id = f.id
       LEFT JOIN patrol_notices n ON n.finding_id = f.id
       WHERE f.site_id = $1 AND ($2 = 'all' OR f.status = $2) AND ($3::text IS NULL OR f.department = $3)
       ORDER BY f.occurred_at DESC, f.id`,
      [site.id, status, department ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      checkEventId: r.check_event_id,
      round: r.round,
      day: r.day,
      checkpoint: r.checkpoint,
      items: r.items,
      department: r.department,
      window: r.window,
      severity: r.severity,
      note: r.note,
      occurredAt: new Date(r.occurred_at).toISOString(),
      status: r.status,
      resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
      resolution: r.resolution,
      hasPhoto: r.has_photo,
      violation: r.points === null || r.month === null ? null : { points: r.points, month: r.month },
      notice: r.notice,
    }));
  }

  async resolve(siteCode: string, id: string, actor: string, input: ResolveFindingDto): Promise<void> {
    const site = await findSite(this.ds.manager, siteCode);
    const n = await queryCount(
      this.ds,
      `UPDATE patrol_findings SET status = 'resolved', resolved_at = $3, resolution = $4, resolved_by = $5 WHERE site_id = $1 AND id = $2 AND status = 'open'`,
      [site.id, id, this.clock.now(), input.resolution, actor],
    );
    if (!n) {
      await this.requireFinding(site.id, site.code, id);
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'The finding is already resolved' });
    }
    await this.notifier.siteChanged(site.id);
  }

  /** A confirmed violation deducts points once per finding, in the month (hall time) the finding was made. */
  async confirmViolation(siteCode: string, id: string, actor: string, input: ConfirmViolationDto): Promise<PatrolDeductionView> {
    const site = await findSite(this.ds.manager, siteCode);
    return this.ds.transaction(async (em) => {
      const finding = await this.requireFinding(site.id, site.code, id);
      if (!finding.department) throw badField('department', 'The finding names no department; a violation is charged to a department');
      const existing = await em.findOneBy(PatrolDeduction, { findingId: finding.id });
      if (existing) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: 'This violation is already confirmed' });
      const checkpoint = await queryOne<DeductPointsRow>(
        em,
        `SELECT deduct_points FROM patrol_checkpoints WHERE site_id = $1 AND code = $2`,
        [site.id, finding.checkpoint],
      );
      const saved = await em.save(
        em.create(PatrolDeduction, {
          siteId: site.id,
          findingId: finding.id,
          department: finding.department,
          month: localMonth(finding.occurredAt, site.timezone),
          points: input.points ?? checkpoint?.deduct_points ?? 1,
          reason: input.reason ?? finding.note,
          items: finding.items,
          confirmedAt: this.clock.now(),
          confirmedBy: actor,
        }),
      );
      return deductionView(saved);
    });
  }

  /** The monthly assessment table: points lost per department and month, from..to inclusive. */
  async deductionTable(siteCode: string, from: string, to: string, department?: string): Promise<PatrolDeductionRow[]> {
    if (!MONTH.test(from)) throw badField('from', 'from must be a month written YYYY-MM');
    if (!MONTH.test(to)) throw badField('to', 'to must be a month written YYYY-MM');
    const site = await findSite(this.ds.manager, siteCode);
    const rows = await queryRows<DeductionTotalRow>(
      this.ds,
      `SELECT d.month, d.department, dep.name, sum(d.points)::int AS points, count(*)::int AS count
       FROM patrol_deductions d LEFT JOIN departments dep ON dep.site_id = d.site_id AND dep.code = d.department
       WHERE d.site_id = $1 AND d.month BETWEEN $2 AND $3 AND ($4::text IS NULL OR d.department = $4)
       GROUP BY d.month, d.department, dep.name ORDER BY d.month, points DESC, d.department`,
      [site.id, from, to, department ?? null],
    );
    return rows.map((r) => ({ month: r.month, department: r.department, departmentName: r.name, points: r.points, count: r.count }));
  }

  async deductions(siteCode: string, month: string, department?: string): Promise<PatrolDeductionView[]> {
    if (!MONTH.test(month)) throw badField('month', 'month must be written YYYY-MM');
    const site = await findSite(this.ds.manager, siteCode);
    const rows = await this.ds.getRepository(PatrolDeduction).find({
      where: { siteId: site.id, month, ...(department === undefined ? {} : { department }) },
      order: { department: 'ASC', confirmedAt: 'ASC' },
    });
    return rows.map(deductionView);
  }

  private async requireFinding(siteId: string, siteCode: string, id: string): Promise<PatrolFinding> {
    const f = /^[0-9a-f-]{36}$/i.test(id) ? await this.ds.getRepository(PatrolFinding).findOneBy({ siteId, id }) : null;
    if (!f) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${siteCode}" has no finding ${id}` });
    return f;
  }
}
