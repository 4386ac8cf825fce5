import { HEARTBEAT_INTERVAL_MS, LiveClientEvents, LiveServerEvents } from '@hallwatch/shared';
import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Namespace, Socket } from 'socket.io';
import { LiveAuthenticator } from './live-auth';
import { SnapshotCache } from './snapshot-cache';

export type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents>;
export const siteRoom = (siteCode: string) => `site:${siteCode}`;

@WebSocketGateway({ namespace: '/live', cors: { origin: true } })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer()
  namespace!: LiveNamespace;

  private readonly logger = new Logger(LiveGateway.name);
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly auth: LiveAuthenticator,
    private readonly snapshots: SnapshotCache,
  ) {}

  afterInit(): void {
    // A quiet hall must not look like a dead link: the wall marks itself stale without these.
    this.heartbeat = setInterval(() => {
      // Local: every instance beats for its own clients (the adapter would multiply them).
      this.namespace.local.emit('heartbeat', { serverTime: new Date().toISOString() });
    }, HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
  }

  async handleConnection(socket: Socket<LiveClientEvents, LiveServerEvents>): Promise<void> {
    try {
      const principal = await this.auth.authenticate(socket.handshake.auth);
      if (!principal) {
        socket.disconnect(true);
        return;
      }
      await socket.join(siteRoom(principal.site.code));
      const sent = await this.snapshots.get(principal.site);
      socket.emit('snapshot', sent);
      // A push may have overtaken this snapshot while it was sent: then send the newer one.
      const latest = await this.snapshots.latest(principal.site);
      if (latest && latest.asOf > sent.asOf) socket.emit('snapshot', latest);
    } catch (err) {
      this.logger.warn(`live connection refused: ${(err as Error).message}`);
      socket.disconnect(true);
    }
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }
}
