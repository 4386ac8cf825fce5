import type { ChannelKind } from '@hallwatch/shared';
import { DINGTALK } from './dingtalk';
import { EMAIL } from './email';
import { Sender } from './sender';
import { WEBHOOK } from './webhook';
import { WECOM } from './wecom';

export const SENDERS: Record<ChannelKind, Sender> = { dingtalk: DINGTALK, wecom: WECOM, email: EMAIL, webhook: WEBHOOK };
