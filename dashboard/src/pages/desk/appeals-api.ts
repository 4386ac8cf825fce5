import type { AppealView } from '@hallwatch/shared';
import { call, get } from '../../api';

const appeals = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/appeals`;

// The desk's appeals (申诉): every department's, from the office's own routes.
export const appealsApi = {
  list: (site: string) => get<AppealView[]>(appeals(site)),
  decide: (site: string, id: string, body: { decision: 'upheld' | 'rejected'; note: string }) =>
    call<AppealView>('POST', `${appeals(site)}/${encodeURIComponent(id)}/decision`, { body }),
};
