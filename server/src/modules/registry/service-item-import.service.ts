import type { ServiceItemImportResult, SheetProblem } from '@hallwatch/shared';
import {
  Injectable,
  Optional,
  PayloadTooLargeException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainEventBus } from '../../core/events/domain-event-bus';
import { recordAudit } from '../audit/audit-log';
import { Department } from './department.entity';
import { findSite } from './registry-change';
import { ServiceItem } from './service-item.entity';
import {
  NotAWorkbookError,
  openWorkbook,
  readSheet,
  SHEET_FIELD,
  SHEET_MAX_UNZIPPED_BYTES,
  SheetRow,
  sheetTemplate,
  SheetTooLargeError,
} from './service-item-sheet';
import { SiteEvents } from './site-events';
import { Site } from './site.entity';

/** The answer shows this many problems; a sheet with more has a systematic fault the first ones reveal. */
const PROBLEMS_SHOWN = 200;
const INSERT_CHUNK = 500;

export interface SheetFile {
  name: string;
  bytes: Buffer;
}

interface Plan {
  site: Site;
  /** Rows to insert or overwrite, with the department resolved to its code. */
  writes: Array<Pick<ServiceItem, 'code' | 'name' | 'departmentCode' | 'negativeList'>>;
  result: ServiceItemImportResult;
}

// Imports the hall's 事项清单: a dry run that says row by row what is wrong, then the import,
// which upserts by item code all or nothing. Items the sheet does not list stay as they are: the
// sheet may be one department's part of the list.
@Injectable()
export class ServiceItemImportService {
  constructor(
    private readonly ds: DataSource,
    @Optional() private readonly events?: DomainEventBus<SiteEvents>,
  ) {}

  async template(siteCode: string): Promise<Buffer> {
    const site = await findSite(this.ds.manager, siteCode);
    const departments = await this.ds.manager.find(Department, { where: { siteId: site.id }, order: { code: 'ASC' } });
    return sheetTemplate(departments.filter((d) => !d.retiredAt));
  }

  preview(siteCode: string, file: SheetFile): Promise<ServiceItemImportResult> {
    return this.ds.transaction(async (em) => (await this.plan(em, siteCode, file)).result);
  }

  /** Refused whole (422, with the problems) if any row is wrong: nothing half-imported. */
  async apply(actor: string, siteCode: string, file: SheetFile): Promise<ServiceItemImportResult> {
    const { site, result, changed } = await this.ds.transaction(async (em) => {
      // One import at a time per site, so two sheets cannot interleave their upserts.
      await em.query(`SELECT id FROM sites WHERE code = $1 FOR UPDATE`, [siteCode]);
      const plan = await this.plan(em, siteCode, file);
      if (plan.result.problemCount) {
        const message = `${plan.result.problemCount} problem(s) in the sheet, the first in row ${plan.result.problems[0].row}; nothing was imported`;
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          field: SHEET_FIELD,
          message,
          errors: [{ field: SHEET_FIELD, message }],
          problems: plan.result.problems,
        });
      }
      for (let i = 0; i < plan.writes.length; i += INSERT_CHUNK)
        await em
          .createQueryBuilder()
          .insert()
          .into(ServiceItem)
          .values(plan.writes.slice(i, i + INSERT_CHUNK).map((w) => ({ ...w, siteId: plan.site.id })))
          .orUpdate(['name', 'department_code', 'negative_list'], ['site_id', 'code'])
          .execute();
      const { rows, created, updated, unchanged } = plan.result;
      await recordAudit(em, {
        actor,
        action: 'registry.service_item.import',
        target: `service_item_sheet:${file.name}`,
        site: plan.site.code,
        details: { rows, created, updated, unchanged },
      });
      return { site: plan.site, result: { ...plan.result, applied: true }, changed: plan.writes.length > 0 };
    });
    if (changed) this.events?.emit('site.changed', { siteId: site.id, siteCode: site.code, cause: 'registry' });
    return result;
  }

  private async plan(em: EntityManager, siteCode: string, file: SheetFile): Promise<Plan> {
    const site = await findSite(em, siteCode);
    let sheet;
    try {
      sheet = await openWorkbook(file.bytes);
    } catch (err) {
      if (err instanceof SheetTooLargeError) {
        const message = `${SHEET_FIELD} unzips to more than ${SHEET_MAX_UNZIPPED_BYTES / 1024 / 1024} MB; import the list in parts`;
        throw new PayloadTooLargeException({
          statusCode: 413,
          error: 'Payload Too Large',
          field: SHEET_FIELD,
          message,
          errors: [{ field: SHEET_FIELD, message }],
        });
      }
      if (!(err instanceof NotAWorkbookError)) throw err;
      const message = `${SHEET_FIELD} must be an Excel workbook (.xlsx); "${file.name}" is not one (an old .xls must be saved as .xlsx first)`;
      throw new UnsupportedMediaTypeException({
        statusCode: 415,
        error: 'Unsupported Media Type',
        field: SHEET_FIELD,
        message,
        errors: [{ field: SHEET_FIELD, message }],
      });
    }
    const read = readSheet(sheet);
    const problems: SheetProblem[] = [...read.problems];
    const resolve = await departmentResolver(em, site);
    const existing = new Map((await em.findBy(ServiceItem, { siteId: site.id })).map((i) => [i.code, i]));

    const writes: Plan['writes'] = [];
    let created = 0;
    let unchanged = 0;
    for (const row of read.rows) {
      const departmentCode = row.department ? resolve(row.department) : null;
      if (departmentCode === undefined) {
        problems.push({
          row: row.row,
          column: read.columns.department ?? null,
          field: 'department',
          problem: 'unknown_department',
          value: row.department,
        });
        continue;
      }
      const write = { code: row.code, name: row.name, departmentCode, negativeList: row.negativeList };
      const old = existing.get(row.code);
      if (!old) created += 1;
      else if (sameItem(old, write)) {
        unchanged += 1;
        continue;
      }
      writes.push(write);
    }
    problems.sort((a, b) => a.row - b.row);
    const result: ServiceItemImportResult = {
      applied: false,
      fileName: file.name,
      rows: read.count,
      created,
      updated: writes.length - created,
      unchanged,
      problems: problems.slice(0, PROBLEMS_SHOWN),
      problemCount: problems.length,
    };
    return { site, writes, result };
  }
}

const sameItem = (a: SheetRowWrite, b: SheetRowWrite): boolean =>
  a.name === b.name && a.departmentCode === b.departmentCode && a.negativeList === b.negativeList;
type SheetRowWrite = Pick<ServiceItem, 'name' | 'departmentCode' | 'negativeList'>;

/**
 * A department as the sheet names it: its code, else its Chinese or English name when only one
 * department bears it. Retired departments take no new items. Undefined: no such department.
 */
async function departmentResolver(em: EntityManager, site: Site): Promise<(text: SheetRow['department']) => string | undefined> {
  const active = (await em.findBy(Department, { siteId: site.id })).filter((d) => !d.retiredAt);
  const byCode = new Map(active.map((d) => [d.code, d.code]));
  const byName = new Map<string, string | null>();
  for (const d of active)
    for (const name of [d.name, d.nameEn]) if (name) byName.set(name, byName.has(name) && byName.get(name) !== d.code ? null : d.code);
  return (text) => byCode.get(text) ?? byName.get(text) ?? undefined;
}
