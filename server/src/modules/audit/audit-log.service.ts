import { newWorkbook } from '../../core/export/workbook';
import { type AuditEntryView, auditActionLabel } from '@hallwatch/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { spreadsheetCell } from '../../core/export/spreadsheet-cell';
import { AuditQuery } from './audit-query.dto';
import type { Principal } from '../../core/auth/principal';
import { queryCount } from '../../core/database/typed-query';

/** The sites a reader may see: the audit log is read by accounts of some or every site. */
type Scope = Principal['sites'];

interface Row {
  id: string;
  at: Date;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  site: string | null;
  details: Record<string, unknown>;
  address: string | null;
  user_agent: string | null;
  count: number;
}

export const EXPORT_MAX_ROWS = 50_000;
/** The floor no configuration can lower: 等保 asks for six months of logs. */
export const AUDIT_RETENTION_FLOOR_DAYS = 180;

const cell = (v: string | null): string => spreadsheetCell(v ?? '');

@Injectable()
export class AuditLogService {
  constructor(private readonly ds: DataSource) {}

  /** Newest first; an admin of some sites sees only entries about those sites. */
  async list(scope: Scope, q: AuditQuery, max = q.limit ?? 200): Promise<AuditEntryView[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (scope !== 'all') add('site = ANY(?::text[])', [...scope]);
    if (q.site) add('site = ?', q.site);
    if (q.from) add('at >= ?', new Date(q.from));
    if (q.to) add('at < ?', new Date(q.to));
    if (q.actor) add('actor = ?', q.actor);
    if (q.action?.endsWith('.')) add('action LIKE ?', `${q.action.replace(/[%_]/g, '\\$&')}%`);
    else if (q.action) add('action = ?', q.action);
    if (q.before) add('id < ?', q.before);
    args.push(max);
    // By the table's bigint id: the output column `id` is its text, and ORDER BY would take that (… 40, 4, 39 …).
    const rows: Row[] = await this.ds.query(
      `SELECT id::text AS id, at, actor, role, action, target, site, details, address, user_agent, count FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_log.id DESC LIMIT $${args.length}`,
      args,
    );
    return rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      role: r.role,
      action: r.action,
      target: r.target,
      site: r.site,
      details: r.details,
      address: r.address,
      userAgent: r.user_agent,
      count: r.count,
    }));
  }

  async exportXlsx(scope: Scope, q: AuditQuery): Promise<Buffer> {
    const entries = await this.list(scope, q, EXPORT_MAX_ROWS);
    const wb = await newWorkbook();
    const ws = wb.addWorksheet('审计日志');
    ws.columns = [
      { header: '编号 id', key: 'id', width: 10 },
      { header: '时间 at (UTC)', key: 'at', width: 24 },
      { header: '操作人 actor', key: 'actor', width: 18 },
      { header: '角色 role', key: 'role', width: 12 },
      { header: '操作 action', key: 'action', width: 24 },
      { header: '操作说明', key: 'actionName', width: 22 },
      { header: '次数 count', key: 'count', width: 8 },
      { header: '对象 target', key: 'target', width: 40 },
      { header: '站点 site', key: 'site', width: 12 },
      { header: '详情 details', key: 'details', width: 60 },
      { header: '来源地址 address', key: 'address', width: 18 },
      { header: '客户端 user agent', key: 'userAgent', width: 40 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const e of entries)
      ws.addRow({
        id: e.id,
        at: e.at,
        actor: cell(e.actor),
        role: e.role ?? '',
        action: e.action,
        actionName: auditActionLabel(e.action, 'zh'),
        count: e.count,
        target: cell(e.target),
        site: e.site ?? '',
        details: cell(JSON.stringify(e.details)),
        address: e.address ?? '',
        userAgent: cell(e.userAgent),
      });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /**
   * Deletes entries older than the retention (never under 180 days). Only a maintenance role
   * holds DELETE on audit_log, and the table's trigger refuses younger rows whoever asks.
   */
  async purge(retentionDays: number): Promise<number> {
    const days = Math.max(AUDIT_RETENTION_FLOOR_DAYS, retentionDays);
    // The database's clock, the same one the trigger judges age by.
    return queryCount(this.ds, `DELETE FROM audit_log WHERE at < now() - make_interval(days => $1)`, [days]);
  }
}
