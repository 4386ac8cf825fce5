import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from './server-process';

/** A throwaway redis-server on its own port, for tests that stop or flush Redis. */
export class PrivateRedis {
  private proc: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly extraArgs: string[],
  ) {}

  /** extraArgs: further redis-server options, e.g. a managed service's refusal of CONFIG. */
  static async start(extraArgs: string[] = []): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), extraArgs);
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.proc = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...this.extraArgs],
      {
        stdio: 'ignore',
      },
    );
    const client = new Redis(this.url, { lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        await client.connect();
        await client.ping();
        break;
      } catch {
        client.disconnect();
        if (Date.now() > deadline) throw new Error('private redis did not start');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    client.disconnect();
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered, as in a network stall. */
  pause(): void {
    this.proc?.kill('SIGSTOP');
  }

  resume(): void {
    this.proc?.kill('SIGCONT');
  }

  async down(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }
}
