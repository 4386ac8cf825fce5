import type { DistrictSummary } from '@hallwatch/shared';
import { call } from '../../api';

// The district overview's first read (docs/contracts/live-socket.md, "The district overview");
// the socket's `district` subscription keeps it live afterwards.
export const districtApi = {
  /** `token`: the wall's display token, if it has one; otherwise the session cookie goes along. */
  overview: (hall: string, token?: string) =>
    call<DistrictSummary>('GET', `/api/v1/sites/${encodeURIComponent(hall)}/district`, { bearer: token }),
};
