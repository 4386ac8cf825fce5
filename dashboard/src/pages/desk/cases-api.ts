import type { FollowUpCaseView, PhoneRevealView } from '@hallwatch/shared';
import { call, get } from '../../api';

const cases = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/follow-ups`;
const one = (site: string, id: string) => `${cases(site)}/${encodeURIComponent(id)}`;

// One follow-up case on the desk and the desk's acts on it (docs/contracts/reviews.md): each act
// answers with the case as it now stands, its history included.
export const casesApi = {
  get: (site: string, id: string) => get<FollowUpCaseView>(one(site, id)),
  contact: (site: string, id: string, body: { reached: boolean | undefined; note: string }) =>
    call<FollowUpCaseView>('POST', `${one(site, id)}/contact`, { body }),
  resolution: (site: string, id: string, body: { note: string }) => call<FollowUpCaseView>('POST', `${one(site, id)}/resolution`, { body }),
  confirmation: (site: string, id: string, body: { satisfied: boolean | undefined; note: string }) =>
    call<FollowUpCaseView>('POST', `${one(site, id)}/confirmation`, { body }),
  returnOrder: (site: string, id: string, body: { reason: string }) => call<FollowUpCaseView>('POST', `${one(site, id)}/return`, { body }),
  /** Audited on the server: call it only when the person asks to see the number. */
  revealPhone: (site: string, id: string) => call<PhoneRevealView>('POST', `${one(site, id)}/phone`),
};
