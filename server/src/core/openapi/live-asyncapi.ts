import { HEARTBEAT_INTERVAL_MS, LIVE_NAMESPACE } from '@hallwatch/shared';
import { sharedRef, SharedType } from './shared-schema';

export const LIVE_ASYNCAPI_PATH = '/api/docs-live-json';

const message = (name: string, payload: SharedType | object, summary: string): object => ({
  name,
  title: name,
  summary,
  payload: typeof payload === 'string' ? sharedRef(payload) : payload,
});

/**
 * The `/live` socket (docs/contracts/live-socket.md) as an AsyncAPI 3 document, its payloads the
 * same generated schemas of shared/ as the OpenAPI document's, so the two cannot disagree.
 */
export function liveAsyncApi(components: Record<string, unknown>): object {
  const messages = {
    snapshot: message(
      'snapshot',
      'IndicatorSnapshot',
      'At once on connecting and on every reconnect: every indicator of the site, its departments, windows, standing alerts, asOf',
    ),
    update: message(
      'update',
      'IndicatorUpdate',
      'Something changed: only the changed indicators and windows, with asOf; at most 5 a second per site (burst 2), the rest coalesced, never dropped',
    ),
    alert: message('alert', 'LiveAlert', 'An alert raised or cleared (state); a re-sent raised with the same id replaces the standing one'),
    heartbeat: message(
      'heartbeat',
      'Heartbeat',
      `Every ${HEARTBEAT_INTERVAL_MS / 1000} s; a client that hears nothing for 10 s shows itself stale`,
    ),
    district: message(
      'district',
      'DistrictUpdate',
      "To a district subscription only (auth.scope 'district'): the summaries of the sites that changed, all of them (complete: true) on connecting",
    ),
    denied: message(
      'denied',
      { type: 'null' },
      'Just before the server closes the socket: no credential, or one unknown, revoked, expired or not of the site',
    ),
    error: message(
      'error',
      'LiveError',
      'The client sent past its message allowance; its messages are dropped (a client that goes on is disconnected)',
    ),
  };
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Hallwatch live socket',
      version: '1',
      description:
        `socket.io (v4, Engine.IO 4), namespace \`${LIVE_NAMESPACE}\` on the API's own host and port (path /socket.io). Connect with ` +
        "`io(origin + '/live', { auth: { token, site } })`: token is a display token of the site (hwd_…) or empty when a signed-in " +
        "session cookie rides along; site is the site code to watch. `auth.scope: 'district'` with a district hall's code subscribes " +
        'to the summaries of every site under it instead (admin, supervisor, leader). The socket answers to the same roles as GET ' +
        '/api/v1/sites/{site}/indicators. Clients send nothing the server acts on.',
    },
    servers: { hallwatch: { host: 'localhost:3000', protocol: 'ws', pathname: '/socket.io', description: 'The API server itself' } },
    channels: {
      live: {
        address: LIVE_NAMESPACE,
        messages,
        bindings: { ws: { query: { type: 'object', properties: { EIO: { const: '4' } } } } },
        parameters: {},
        description: 'Handshake auth (socket.io `auth`): LiveHandshakeAuth.',
      },
    },
    operations: Object.fromEntries(
      Object.keys(messages).map((name) => [
        `receive_${name}`,
        { action: 'receive', channel: { $ref: '#/channels/live' }, messages: [{ $ref: `#/channels/live/messages/${name}` }] },
      ]),
    ),
    components: { schemas: { LiveHandshakeAuth: sharedRef('LiveHandshakeAuth'), ...components } },
  };
}
