import type { Role } from '@hallwatch/shared';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../server/src/core/config/app-config';
import { Clock } from '../../server/src/core/time/clock';
import { CredentialEvents } from '../../server/src/modules/accounts/credential-events';
import { DisplayTokensService } from '../../server/src/modules/accounts/display-tokens.service';
import { SessionsService } from '../../server/src/modules/accounts/sessions.service';
import { UsersService } from '../../server/src/modules/accounts/users.service';
import type { TestApp } from './test-app';

export const PASSWORD = 'a long enough test passphrase';

export interface Session {
  token: string;
  cookie: string;
}

/** Where an account belongs: its sites, every site, or (a `department` account) one department of one site. */
export type AccountScope = string[] | 'all' | { site: string; department: string };

const scopeInput = (sites: AccountScope) =>
  sites === 'all' ? { allSites: true } : Array.isArray(sites) ? { sites } : { sites: [sites.site], department: sites.department };

/** An account made through the service, as the admin API would. */
export async function makeUser(t: TestApp, username: string, role: Role, sites: AccountScope, password = PASSWORD): Promise<string> {
  const user = await t.app.get(UsersService).create('all', { username, role, password, ...scopeInput(sites) });
  return user.id;
}

// The account services on a bare data source, for tests whose server runs as its own process.
function servicesOn(ds: DataSource) {
  const clock = new Clock();
  const events = new CredentialEvents();
  const sessions = new SessionsService(ds, clock, loadConfig({}), events);
  return { users: new UsersService(ds, clock, sessions), displays: new DisplayTokensService(ds, clock, events) };
}

/** An account made on the database directly, for a server running as a process. */
export async function makeUserOn(ds: DataSource, username: string, role: Role, sites: AccountScope, password = PASSWORD): Promise<string> {
  const user = await servicesOn(ds).users.create('all', { username, role, password, ...scopeInput(sites) });
  return user.id;
}

/** A display token of the site, as `npm run hallwatch -- display-token create` issues it. */
export async function displayTokenOn(ds: DataSource, site: string): Promise<string> {
  const issued = await servicesOn(ds).displays.create(site, 'test wall', 'test');
  if (!issued) throw new Error(`no site "${site}" for a display token`);
  return issued.token;
}

/** `Authorization: Bearer` with a token, as headers for fetch. */
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export interface LoginAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  session: Session | null;
}

export async function login(
  url: string,
  username: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
): Promise<LoginAnswer> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password, bearer: true }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = /hw_session=([^;]+)/.exec(setCookie)?.[1];
  return {
    status: res.status,
    headers: res.headers,
    body,
    session: cookie ? { token: String(body.token), cookie: `hw_session=${cookie}` } : null,
  };
}

/** Signs in and returns the session, failing loudly if it cannot. */
export async function signIn(url: string, username: string, password = PASSWORD): Promise<Session> {
  const res = await login(url, username, password);
  if (!res.session) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.session;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One request with a Bearer token (or none), JSON in and out. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // not JSON (an .xlsx, say): keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function auditCount(ds: DataSource, action: string, extra = 'TRUE', args: unknown[] = []): Promise<number> {
  // Acts, not rows: refused requests are counted into one row per caller, route and minute.
  const [{ n }] = await ds.query(`SELECT coalesce(sum(count), 0)::int AS n FROM audit_log WHERE action = $1 AND ${extra}`, [
    action,
    ...args,
  ]);
  return n;
}

/** A /live socket that resolves once it has its snapshot, or rejects when refused. */
export function liveSocket(url: string, auth: Record<string, string>, extraHeaders: Record<string, string> = {}): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/live`, { auth, transports: ['websocket'], reconnection: false, extraHeaders });
    socket.once('snapshot', () => resolve(socket));
    socket.once('disconnect', () => reject(new Error('refused')));
    socket.once('connect_error', (err) => reject(err));
  });
}

export function disconnected(socket: Socket): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    if (!socket.connected) return resolve(0);
    socket.once('disconnect', () => resolve(Date.now() - started));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
