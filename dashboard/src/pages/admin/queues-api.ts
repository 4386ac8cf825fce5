import type { FailedJobsView, FailedJobView, QueueCountsView, QueueName } from '@hallwatch/shared';
import { call, get } from '../../api';

// The queues serve every site: /api/v1/admin/queues, for admins of every site.
const QUEUES = '/api/v1/admin/queues';

export const queuesApi = {
  counts: () => get<QueueCountsView[]>(QUEUES),
  failed: (name: QueueName) => get<FailedJobsView>(`${QUEUES}/${name}/failed?size=50`),
  retry: (name: QueueName, id: string) => call<FailedJobView>('POST', `${QUEUES}/${name}/jobs/${encodeURIComponent(id)}/retry`),
};
