import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Hit {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: string;
  body: Record<string, unknown>;
}

/** A local stand-in for a robot or a webhook receiver: records every request, answers as told. */
export class HttpReceiver {
  readonly hits: Hit[] = [];
  /** Status and body of the next answers; an empty list answers 200 `{"errcode":0,"errmsg":"ok"}`. */
  answers: Array<{ status: number; body: string }> = [];
  always: { status: number; body: string } | null = null;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<HttpReceiver> {
    const server = createServer();
    const r = new HttpReceiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://x');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          // kept raw
        }
        r.hits.push({ path: url.pathname, query: url.searchParams, headers: req.headers, raw, body });
        const a = r.answers.shift() ?? r.always ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
        res.writeHead(a.status, { 'content-type': 'application/json' });
        res.end(a.body);
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    return r;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
  user: string | null;
}

/** A local SMTP server that accepts every message (and the one login it is given). */
export class SmtpReceiver {
  readonly mails: Mail[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(login: { user: string; pass: string }): Promise<SmtpReceiver> {
    const mails: Mail[] = [];
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authOptional: true,
      logger: false,
      onAuth(auth, _session, cb) {
        if (auth.username === login.user && auth.password === login.pass) cb(null, { user: auth.username });
        else cb(new Error('535 authentication failed'));
      },
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
            user: (session.user as string | undefined) ?? null,
          });
          cb();
        });
      },
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.server.address() as AddressInfo).port;
    const r = new SmtpReceiver(server, port);
    (r as { mails: Mail[] }).mails = mails;
    return r;
  }

  close(): Promise<void> {
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
