import type { ChannelKind, ChannelTestResult, ChannelView, DeliveryState, DeliveryView } from '@hallwatch/shared';
import { call, get } from '../../api';

// The notification channels' API (docs/notifications.md), under the signed-in admin's session.

const base = (site: string) => `/api/v1/admin/sites/${encodeURIComponent(site)}/notify`;

export interface ChannelInput {
  name?: string;
  kind?: ChannelKind;
  enabled?: boolean;
  ratePerMinute?: number;
  settings?: Record<string, unknown>;
  /** Only the fields typed in: the others keep their sealed value. */
  secrets?: Record<string, string>;
}

export const notifyApi = {
  channels: (site: string) => get<ChannelView[]>(`${base(site)}/channels`),
  create: (site: string, body: ChannelInput) => call<ChannelView>('POST', `${base(site)}/channels`, { body }),
  update: (site: string, id: string, body: ChannelInput) => call<ChannelView>('PUT', `${base(site)}/channels/${id}`, { body }),
  test: (site: string, id: string) => call<ChannelTestResult>('POST', `${base(site)}/channels/${id}/test`),
  deliveries: (site: string, filter: { channel: string | null; state: DeliveryState | null }) =>
    get<DeliveryView[]>(`${base(site)}/deliveries`, { channel: filter.channel, state: filter.state, limit: 200 }),
};
