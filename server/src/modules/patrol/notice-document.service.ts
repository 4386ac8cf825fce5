import { noticeState, PatrolNoticeDocumentView, PatrolNoticeView } from '@hallwatch/shared';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { outsideDepartment, owns } from '../../core/auth/refusal';
import { queryOne } from '../../core/database/typed-query';
import { Clock } from '../../core/time/clock';
import { recordAudit } from '../audit/audit-log';
import { indicatorSettings } from '../registry/indicator-settings';
import { findSite } from '../registry/registry-change';
import { Site } from '../registry/site.entity';
import { PatrolFinding } from './entities/patrol-finding.entity';
import { PatrolNotice } from './entities/patrol-notice.entity';
import { PatrolPhoto } from './entities/patrol-photo.entity';
import { PatrolNotifier } from './patrol-notifier';
import { noticeFindings } from './patrol-notices.service';
import { noticeView } from './patrol-views';
import { NoticeSubjects } from './notice-subjects';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the notice asks when the supervisor wrote nothing of their own. */
export const STANDARD_REQUIREMENT = '请你单位对上述问题立即整改，举一反三、建立长效机制，并于回复期限前将整改情况书面回复督查室。';

const conflict = (message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message });

interface NamesRow {
  dept_name: string | null;
  dept_name_en: string | null;
  label: string | null;
  label_en: string | null;
  window_number: number | null;
}

/**
 * The notice as a document (文号, addressee, facts, requirement, deadline, issuer) and the office's
 * last word on it: accepting the department's reply, or escalating the notice to the leaders.
 */
@Injectable()
export class NoticeDocumentService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notifier: PatrolNotifier,
    private readonly subjects: NoticeSubjects,
  ) {}

  /** `department`: a department account's own; another department's notice is answered as missing. */
  async document(siteCode: string, id: string, department?: string): Promise<PatrolNoticeDocumentView> {
    const site = await findSite(this.ds.manager, siteCode);
    const n = await this.find(this.ds.manager, site, id, department);
    const photoUrl = `/api/v1/admin/sites/${encodeURIComponent(site.code)}/patrol/notices/${n.id}/photo`;
    const settings = indicatorSettings(site.settings);
    const view = noticeView(n, (await noticeFindings(this.ds.manager, [n.findingId])).get(n.findingId), this.clock.now());
    const head = {
      notice: view,
      state: noticeState(view),
      site: { code: site.code, name: site.name, nameEn: site.nameEn, timezone: site.timezone },
      issuer: settings.noticeIssuer ?? `${site.name}督查室`,
      requirement: n.text?.trim() || STANDARD_REQUIREMENT,
    };
    const other = this.subjects.readerOf(n);
    if (other) {
      const d = await other.document(this.ds.manager, n, photoUrl);
      return { ...head, department: d.addressee, facts: d.facts };
    }
    const f = await this.ds.getRepository(PatrolFinding).findOneByOrFail({ id: n.findingId });
    const names = await queryOne<NamesRow>(
      this.ds,
      `SELECT d.name AS dept_name, d.name_en AS dept_name_en, c.label, c.label_en, w.number AS window_number
       FROM (SELECT 1) one
       LEFT JOIN departments d ON d.site_id = $1 AND d.code = $2
       LEFT JOIN patrol_checkpoints c ON c.site_id = $1 AND c.code = $3
       LEFT JOIN windows w ON w.site_id = $1 AND w.code = $4`,
      [site.id, n.department, f.checkpoint, f.window],
    );
    const photo = await this.ds.getRepository(PatrolPhoto).existsBy({ siteId: site.id, checkEventId: f.checkEventId });
    return {
      ...head,
      department: { code: n.department, name: names?.dept_name ?? n.department, nameEn: names?.dept_name_en ?? null },
      facts: {
        occurredAt: f.occurredAt.toISOString(),
        checkpoint: {
          code: f.checkpoint,
          label: { zh: names?.label ?? f.checkpoint, en: names?.label_en ?? names?.label ?? f.checkpoint },
        },
        window: f.window ? { code: f.window, number: names?.window_number ?? null } : null,
        note: f.note,
        severity: f.severity,
        items: f.items,
        photo: photo ? photoUrl : null,
      },
    };
  }

  async photo(siteCode: string, id: string, department?: string): Promise<{ type: string; bytes: Buffer }> {
    const site = await findSite(this.ds.manager, siteCode);
    const n = await this.find(this.ds.manager, site, id, department);
    const missingPhoto = () => new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Notice ${n.id} has no photo` });
    const other = this.subjects.readerOf(n);
    if (other) {
      const found = await other.photo(this.ds.manager, n);
      if (!found) throw missingPhoto();
      return found;
    }
    const row = await this.ds
      .getRepository(PatrolPhoto)
      .createQueryBuilder('p')
      .addSelect('p.bytes')
      .innerJoin(PatrolFinding, 'f', 'f.site_id = p.site_id AND f.check_event_id = p.check_event_id')
      .where('f.id = :finding', { finding: n.findingId })
      .getOne();
    if (!row) throw missingPhoto();
    return { type: row.type, bytes: row.bytes };
  }

  /** The office accepts the department's reply (验收): the notice is done with. */
  async accept(siteCode: string, id: string, actor: string): Promise<PatrolNoticeView> {
    return this.change(siteCode, id, 'patrol.notice.accept', (n, now) => {
      if (n.status !== 'closed') throw conflict('The department has not replied yet; a notice is accepted on its reply');
      if (n.acceptedAt) throw conflict('The reply is already accepted');
      n.acceptedAt = now;
      n.acceptedBy = actor;
      return {};
    });
  }

  /**
   * Reports the notice to the leaders: an unanswered one before or after its deadline, or a reply
   * the office does not accept. The deadline job escalates an unanswered notice by itself.
   */
  async escalate(siteCode: string, id: string, actor: string, note: string | null): Promise<PatrolNoticeView> {
    return this.change(siteCode, id, 'patrol.notice.escalate', (n, now) => {
      if (n.acceptedAt) throw conflict('The reply is already accepted; an accepted notice is not escalated');
      if (n.escalatedAt) throw conflict('The notice is already escalated');
      n.escalatedAt = now;
      n.escalatedBy = actor;
      n.escalationNote = note;
      return { note };
    });
  }

  private async change(
    siteCode: string,
    id: string,
    action: string,
    apply: (n: PatrolNotice, now: Date) => Record<string, unknown>,
  ): Promise<PatrolNoticeView> {
    const site = await findSite(this.ds.manager, siteCode);
    const now = this.clock.now();
    const n = await this.ds.transaction(async (em) => {
      const n = await this.find(em, site, id, undefined, true);
      const details = apply(n, now);
      await em.save(n);
      await recordAudit(em, { action, target: `notice:${n.id}`, site: site.code, details: { number: n.number, ...details } });
      return n;
    });
    await this.notifier.siteChanged(site.id);
    return noticeView(n, (await noticeFindings(this.ds.manager, [n.findingId])).get(n.findingId), now);
  }

  private async find(em: EntityManager, site: Site, id: string, department?: string, lock = false): Promise<PatrolNotice> {
    const missing = () =>
      new NotFoundException({ statusCode: 404, error: 'Not Found', message: `Site "${site.code}" has no notice ${id}` });
    if (!UUID.test(id)) throw missing();
    const n = await em
      .getRepository(PatrolNotice)
      .findOne({ where: { id, siteId: site.id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!n) throw missing();
    // A visit's notice is the town's, never a department's, whatever its code.
    if (!owns(department, n.department) || (department !== undefined && n.source !== 'patrol'))
      throw outsideDepartment(missing().message, `notice ${n.id} is addressed to department "${n.department}", not "${department}"`);
    return n;
  }
}
