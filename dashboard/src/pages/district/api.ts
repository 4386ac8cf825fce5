import type { DistrictSummary } from '@hallwatch/shared';
import { get } from '../../api';

// The district overview's first read (docs/contracts/live-socket.md, "The district overview");
// the socket's `district` subscription keeps it live afterwards.
export const districtApi = {
  overview: (hall: string) => get<DistrictSummary>(`/api/v1/sites/${encodeURIComponent(hall)}/district`),
};
