import type {
  AlertDispatchView,
  AlertRecipientInput,
  AlertRecipientView,
  AlertRuleInput,
  AlertRuleView,
  DigestKind,
  DigestPreview,
  RoutingChannelView,
} from '@hallwatch/shared';
import { call, get } from '../../api';

// Alert routing's API (docs/contracts/alert-routing.md), under the signed-in admin's session.

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/alert-routing`;

export const routingApi = {
  rules: (site: string) => get<AlertRuleView[]>(`${base(site)}/rules`),
  saveRule: (site: string, body: AlertRuleInput, id?: string) =>
    id ? call<AlertRuleView>('PUT', `${base(site)}/rules/${id}`, { body }) : call<AlertRuleView>('POST', `${base(site)}/rules`, { body }),
  removeRule: (site: string, id: string) => call<void>('DELETE', `${base(site)}/rules/${id}`),
  recipients: (site: string) => get<AlertRecipientView[]>(`${base(site)}/recipients`),
  saveRecipient: (site: string, body: AlertRecipientInput, id?: string) =>
    id
      ? call<AlertRecipientView>('PUT', `${base(site)}/recipients/${id}`, { body })
      : call<AlertRecipientView>('POST', `${base(site)}/recipients`, { body }),
  removeRecipient: (site: string, id: string) => call<void>('DELETE', `${base(site)}/recipients/${id}`),
  channels: (site: string) => get<RoutingChannelView[]>(`${base(site)}/channels`),
  dispatches: (site: string) => get<AlertDispatchView[]>(`${base(site)}/dispatches`),
  preview: (site: string, kind: DigestKind) => get<DigestPreview>(`${base(site)}/digest-preview`, { kind }),
};
