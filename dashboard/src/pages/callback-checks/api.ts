import type {
  CallbackAnswerInput,
  CallbackCheckFilter,
  CallbackCheckListView,
  CallbackCheckView,
  CallbackSummaryView,
  PhoneRevealView,
  SiteView,
} from '@hallwatch/shared';
import { call, get } from '../../api';

// The second callbacks of 回访核实 under the signed-in supervisor's session cookie.

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/callback-checks`;

export const callbackApi = {
  sites: () => get<SiteView[]>('/api/v1/admin/sites'),
  list: (site: string, status: CallbackCheckFilter, month: string) => get<CallbackCheckListView>(base(site), { status, month }),
  summary: (site: string, month: string) => get<CallbackSummaryView>(`${base(site)}/summary`, { month }),
  /** The full number, for the call about to be made; the server records who asked. */
  revealPhone: (site: string, id: string) => call<PhoneRevealView>('POST', `${base(site)}/${encodeURIComponent(id)}/phone`),
  answer: (site: string, id: string, input: CallbackAnswerInput) =>
    call<CallbackCheckView>('POST', `${base(site)}/${encodeURIComponent(id)}/answer`, { body: input }),
};
