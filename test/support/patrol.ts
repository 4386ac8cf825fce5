import { QueueName } from '@hallwatch/shared';
import { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

// Helpers for the patrol tests: the hall's clock in Asia/Shanghai, the patrol API, and
// reads of what the scheduler stored.

/** 2024-07-15 is a Monday; every patrol test walks that week. */
export const MONDAY = '2024-07-15';
export const hall = (day: string, hhmmss: string): Date => new Date(`${day}T${hhmmss}+08:00`);

export async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Res<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A JSON call with a bearer token; `body` a string or Buffer is sent raw. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  token: string | null,
  body?: unknown,
  type = 'application/json',
): Promise<Res<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers['content-type'] = type;
    payload = Buffer.isBuffer(body) ? new Uint8Array(body) : typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(url, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: parseBody(text) as T };
}

function parseBody(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { raw: text };
  }
}

export interface RoundRow {
  id: string;
  code: string;
  day: string;
  slot: number;
  state: string;
  due_at: Date;
}

export async function roundsOf(ds: DataSource, site: string, day?: string): Promise<RoundRow[]> {
  return ds.query(
    `SELECT r.id, r.code, r.day::text AS day, r.slot, r.state, r.due_at FROM patrol_rounds r JOIN sites s ON s.id = r.site_id
     WHERE s.code = $1 AND ($2::date IS NULL OR r.day = $2::date) ORDER BY r.day, r.slot`,
    [site, day ?? null],
  );
}

export interface StepRow {
  subject: string;
  code: string | null;
  step: string;
  due_at: Date;
  recorded_at: Date;
  late_ms: number;
}

/**
 * A step fired by its own job is recorded right at its time; one left to the sweep would be up to
 * a minute late (PATROL_SWEEP_EVERY_MS). The margin is wide because a loaded CI machine can delay a
 * due job by a second or more, and this is a test of which mechanism fired, not of speed.
 */
export const ON_TIME_MS = 5000;

/** Every step the scheduler recorded for the site, with how late it was by the application clock. */
export async function stepsOf(ds: DataSource, site: string): Promise<StepRow[]> {
  return ds.query(
    `SELECT st.subject, r.code, st.step, st.due_at, st.recorded_at,
            (EXTRACT(EPOCH FROM st.recorded_at - st.due_at) * 1000)::int AS late_ms
     FROM patrol_steps st JOIN sites s ON s.id = st.site_id LEFT JOIN patrol_rounds r ON r.id = st.subject_id
     WHERE s.code = $1 ORDER BY st.due_at, st.subject, st.step`,
    [site],
  );
}

export const patrolQueue = (app: INestApplication): Queue => app.get<Queue>(getQueueToken(QueueName.Patrol), { strict: false });

let seq = 0;
/** A round.* event as the patrol page sends it. */
export function roundEvent(type: string, data: Record<string, unknown>, occurredAt: Date, id?: string) {
  return { id: id ?? `pt-${Date.now().toString(36)}-${(seq++).toString(36)}`, type, occurredAt: occurredAt.toISOString(), data };
}

/** The codes posted at a site's checkpoints, by checkpoint, as its printed sheet shows them (an admin's or supervisor's token). */
export async function checkpointCodes(url: string, site: string, token: string): Promise<Record<string, string>> {
  const res = await call<Array<{ code: string; scanCode: string }>>(
    `${url}/api/v1/admin/sites/${site}/patrol/checkpoint-codes`,
    'GET',
    token,
  );
  if (res.status !== 200) throw new Error(`checkpoint codes of ${site}: ${res.status} ${JSON.stringify(res.body)}`);
  return Object.fromEntries(res.body.map((c) => [c.code, c.scanCode]));
}

export interface WalkOptions {
  /** Event ids are `${ids}-start`, `${ids}-check-${checkpoint}` and `${ids}-done`. */
  ids?: string;
  patroller?: string;
  /** Time between two steps of the walk; a minute unless set. */
  stepMs?: number;
  /** Changes a checkpoint's check (a finding, a wrong code), or leaves it out when it returns null. */
  check?: (checkpoint: string, data: Record<string, unknown>) => Record<string, unknown> | null;
}

/**
 * The events of a round walked as the rules want it: started at `start`, every checkpoint
 * confirmed with its code one step apart, completed one step after the last check.
 */
export function walkedRound(round: string, codes: Record<string, string>, start: Date, o: WalkOptions = {}) {
  const step = o.stepMs ?? 60_000;
  const ids = o.ids ?? `${round}-${Date.now().toString(36)}-${(seq++).toString(36)}`;
  const patroller = o.patroller ?? 'p';
  const at = (n: number) => new Date(start.getTime() + n * step);
  const cps = Object.keys(codes);
  const checks = cps
    .map((cp, i) => {
      const base = { round, checkpoint: cp, result: 'ok', code: codes[cp] };
      const data = o.check ? o.check(cp, base) : base;
      return data ? roundEvent('round.check', data, at(i + 1), `${ids}-check-${cp}`) : null;
    })
    .filter((e) => e !== null);
  return [
    roundEvent('round.started', { round, patroller }, start, `${ids}-start`),
    ...checks,
    roundEvent('round.completed', { round, patroller }, at(cps.length + 1), `${ids}-done`),
  ];
}
