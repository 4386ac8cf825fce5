import { HEARTBEAT_INTERVAL_MS, LiveClientEvents, LiveServerEvents } from '@hallwatch/shared';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { CredentialEvents } from '../accounts/credential-events';
import { AppConfig } from '../../core/config/app-config';
import { DistrictService } from '../district/district.service';
import { credentialRoom, LiveAuthenticator, LiveCredential } from './live-auth';
import { MessageAllowance, MessageLimits } from './message-allowance';
import { SnapshotCache } from './snapshot-cache';

export type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents>;
export const siteRoom = (siteCode: string) => `site:${siteCode}`;
/** The one subscription of a district's overview: every site under the district hall `code`. */
export const districtRoom = (code: string) => `district:${code}`;

interface SocketData {
  credential?: LiveCredential | null;
}
type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, SocketData>;

// CORS for other origins is set by the adapter from CORS_ORIGINS; the handshake checks Origin itself.
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer()
  namespace!: LiveNamespace;

  private readonly logger = new Logger(LiveGateway.name);
  private heartbeat?: NodeJS.Timeout;
  private sweep?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly auth: LiveAuthenticator,
    private readonly snapshots: SnapshotCache,
    private readonly credentials: CredentialEvents,
    private readonly config: AppConfig,
    private readonly district: DistrictService,
  ) {}

  afterInit(): void {
    // A quiet hall must not look like a dead link: the wall marks itself stale without these.
    this.heartbeat = setInterval(() => {
      // Local: every instance beats for its own clients (the adapter would multiply them).
      this.namespace.local.emit('heartbeat', { serverTime: new Date().toISOString() });
    }, HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
    // Revoked here: close the sockets at once, on every instance (through the Redis adapter).
    this.credentials.onRevoked((list) => {
      try {
        const rooms = list.map(credentialRoom);
        this.namespace.in(rooms).emit('denied');
        this.namespace.in(rooms).disconnectSockets(true);
      } catch (err) {
        this.logger.debug(`revocation broadcast failed: ${(err as Error).message}`);
      }
    });
    // Ended anywhere else (the CLI, expiry, another instance while Redis was away): the sweep finds it.
    this.sweep = setInterval(() => void this.sweepSockets(), this.config.LIVE_AUTH_SWEEP_MS);
    this.sweep.unref();
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    // Before the handshake is checked: a client may write while it waits for the answer.
    this.limitMessages(socket);
    try {
      const principal = await this.auth.authenticate({
        auth: socket.handshake.auth as Record<string, unknown> | undefined,
        headers: socket.handshake.headers,
        address: socket.handshake.address,
      });
      if (!principal) {
        socket.emit('denied');
        socket.disconnect(true);
        return;
      }
      socket.data.credential = principal.credential;
      const room = principal.scope === 'district' ? districtRoom(principal.site.code) : siteRoom(principal.site.code);
      await socket.join(principal.credential ? [room, credentialRoom(principal.credential)] : room);
      if (principal.scope === 'district') {
        const overview = await this.district.overview(principal.site.code);
        socket.emit('district', { district: overview.district, sites: overview.sites, complete: true });
        return;
      }
      const sent = await this.snapshots.get(principal.site);
      socket.emit('snapshot', sent);
      this.snapshots.handOut(principal.site, sent);
      // A push may have overtaken this snapshot while it was sent: then send the newer one.
      const latest = await this.snapshots.latest(principal.site);
      if (latest && latest.asOf > sent.asOf) {
        socket.emit('snapshot', latest);
        this.snapshots.handOut(principal.site, latest);
      }
    } catch (err) {
      this.logger.warn(`live connection refused: ${(err as Error).message}`);
      socket.disconnect(true);
    }
  }

  /**
   * The wall sends nothing, but any client can write to its socket, and every message costs a
   * parse: past its allowance a client's messages are dropped (it is told once), and a client
   * that never lets up is disconnected (docs/security.md).
   */
  private limitMessages(socket: LiveSocket): void {
    const limits: MessageLimits = {
      perSecond: this.config.LIVE_CLIENT_MESSAGES_PER_SECOND,
      burst: this.config.LIVE_CLIENT_MESSAGE_BURST,
      dropsBeforeDisconnect: this.config.LIVE_CLIENT_MESSAGE_DROPS,
    };
    const allowance = new MessageAllowance(limits, Date.now());
    socket.use((_packet, next) => {
      const now = Date.now();
      const verdict = allowance.judge(now);
      if (verdict === 'pass') return next();
      if (verdict === 'first-drop')
        socket.emit('error', {
          code: 'rate_limited',
          message: `too many messages: at most ${limits.perSecond} a second (${limits.burst} at once); these are dropped`,
          retryAfterMs: allowance.retryAfterMs(now),
        });
      if (verdict === 'disconnect') {
        this.logger.warn(`live client ${socket.handshake.address} disconnected: it kept sending past its allowance`);
        socket.disconnect(true);
      }
    });
  }

  /** Closes this instance's sockets whose session or display token no longer holds. */
  private async sweepSockets(): Promise<void> {
    if (this.sweeping || !this.namespace) return;
    this.sweeping = true;
    try {
      const held = [...this.namespace.sockets.values()].filter((s) => s.data.credential) as LiveSocket[];
      if (!held.length) return;
      const valid = await this.auth.stillValid(held.map((s) => s.data.credential as LiveCredential));
      for (const s of held) {
        const c = s.data.credential as LiveCredential;
        if (valid.has(`${c.kind}:${c.id}`)) continue;
        s.emit('denied');
        s.disconnect(true);
      }
    } catch (err) {
      // The database may be away: keep serving, and check again at the next sweep.
      this.logger.debug(`live credential sweep skipped: ${(err as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.sweep) clearInterval(this.sweep);
  }
}
