import type { RetentionPlanView, RetentionPolicy, RetentionView } from '@hallwatch/shared';
import { call, get } from '../../api';

// The retention policy is the deployment's, not a site's: /api/v1/admin/retention.
const RETENTION = '/api/v1/admin/retention';

export const retentionApi = {
  view: () => get<RetentionView>(RETENTION),
  preview: () => get<RetentionPlanView>(`${RETENTION}/preview`),
  update: (body: Partial<RetentionPolicy>) => call<RetentionView>('PATCH', RETENTION, { body }),
};
