import type {
  LookBackResult,
  RectificationEvidenceView,
  RectificationImportResult,
  RectificationItemPatch,
  RectificationItemView,
  RectificationLinkInput,
  RectificationLinkPatch,
  RectificationLinkView,
  RectificationListView,
} from '@hallwatch/shared';

import { call, download, Query } from '../../api';

// The admin API of the rectification items, under the signed-in person's session cookie.

const BASE = '/api/v1/admin/rectification';

export const rectificationApi = (site: string | null) => {
  const at = (query: Query = {}): Query => ({ site, ...query });
  const item = (key: string) => `${BASE}/items/${encodeURIComponent(key)}`;
  const link = (id: string) => `${BASE}/links/${encodeURIComponent(id)}`;
  return {
    list: () => call<RectificationListView>('GET', `${BASE}/items`, { query: at() }),
    update: (key: string, patch: RectificationItemPatch) => call<RectificationItemView>('PATCH', item(key), { query: at(), body: patch }),
    addEvidence: (key: string, form: FormData) =>
      call<RectificationEvidenceView>('POST', `${item(key)}/evidence`, { query: at(), body: form }),
    attachment: (id: string, name: string) => download(`${BASE}/evidence/${encodeURIComponent(id)}/attachment`, at(), name),
    addLink: (key: string, input: RectificationLinkInput) =>
      call<RectificationLinkView>('POST', `${item(key)}/links`, { query: at(), body: input }),
    // Only what may change: the editor hands over the whole link, indicator included.
    updateLink: (id: string, { comparator, target, window, department }: RectificationLinkPatch) =>
      call<RectificationLinkView>('PATCH', link(id), { query: at(), body: { comparator, target, window, department } }),
    removeLink: (id: string) => call<void>('DELETE', link(id), { query: at() }),
    importReport: (form: FormData) => call<RectificationImportResult>('POST', `${BASE}/import`, { query: at(), body: form }),
    ledger: () => download(`${BASE}/ledger.xlsx`, at(), 'ledger.xlsx'),
    lookBack: () => call<LookBackResult>('POST', `${BASE}/look-back`, { query: at() }),
  };
};

export type RectificationApi = ReturnType<typeof rectificationApi>;
