import type { AuditEntryView } from '@hallwatch/shared';
import { download, get, type Query } from '../../api';

const AUDIT = '/api/v1/admin/audit';

/** The audit log's filters as the API reads them: from and to are instants, `to` excluded. */
export interface AuditFilter extends Query {
  actor?: string;
  action?: string;
  site?: string;
  from?: string;
  to?: string;
}

/** The list pages newest first by id; the export takes the whole filtered set. */
export const auditApi = {
  list: (f: AuditFilter, limit: number, before: string | null) => get<AuditEntryView[]>(AUDIT, { ...f, limit, before }),
  export: (f: AuditFilter) => download(`${AUDIT}/export.xlsx`, f, 'audit-log.xlsx'),
};
