import type { EventDataMap, HallEvent, PatrolRoundEvent, PatrolTodayView } from '@hallwatch/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, errorText } from '../../api';
import { patrolApi, patroller as signedIn } from './api';
import { newId } from './ids';
import { cache, LocalCheck, LocalDay, mergeRound, RoundView } from './local-day';
import type { OutboxEntry } from './outbox';

export interface FindingInput {
  department?: string;
  window?: string;
  severity: 'low' | 'medium' | 'high';
  note?: string;
  photo?: Blob;
  notice?: { department: string; deadline: string; text?: string };
}

export interface PatrolDay {
  today: PatrolTodayView | null;
  rounds: RoundView[];
  /** Loaded from this phone's copy because the server could not be reached. */
  stale: boolean;
  error: string | null;
  unauthorized: boolean;
  loading: boolean;
  /** The server's clock, as best this phone knows it. */
  now: () => number;
  reload: () => Promise<void>;
  start: (round: string) => Promise<void>;
  check: (round: string, checkpoint: string, code: string, result: 'ok' | 'finding', finding?: FindingInput) => Promise<void>;
  complete: (round: string) => Promise<void>;
}

/** Today's rounds for one site, with every action recorded locally first and queued for the server. */
export function usePatrolDay(site: string, enqueue: (e: OutboxEntry) => Promise<void>): PatrolDay {
  const cached = useMemo(() => cache.loadToday(site), [site]);
  const [today, setToday] = useState<PatrolTodayView | null>(cached?.today ?? null);
  const [skew, setSkew] = useState(cached?.skewMs ?? 0);
  const [local, setLocal] = useState<LocalDay>(() => (cached ? cache.loadLocal(site, cached.today.day) : {}));
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unauthorized, setUnauthorized] = useState(false);
  const [loading, setLoading] = useState(!cached);
  const applyFresh = useCallback(
    (fresh: PatrolTodayView) => {
      const skewMs = Date.parse(fresh.serverTime) - Date.now();
      cache.saveToday(site, { today: fresh, skewMs });
      setToday(fresh);
      setSkew(skewMs);
      setLocal(cache.loadLocal(site, fresh.day));
      setStale(false);
      setError(null);
      setUnauthorized(false);
      setLoading(false);
    },
    [site],
  );

  const applyFailure = useCallback((err: unknown) => {
    if (err instanceof ApiError && err.status === 401) setUnauthorized(true);
    else if (err instanceof ApiError) setError(errorText(err));
    // No answer at all: the phone is offline and keeps showing its copy.
    else setStale(true);
    setLoading(false);
  }, []);

  // The service worker's copy is as old as this phone's own (both are the last answer heard), so
  // the phone's copy stands when it has one: it carries the clock skew measured when it was fresh.
  const applyCopy = useCallback(
    (copy: PatrolTodayView) => {
      const own = cache.loadToday(site);
      if (!own || own.today.serverTime < copy.serverTime) {
        cache.saveToday(site, { today: copy, skewMs: own?.skewMs ?? 0 });
        setToday(copy);
        setLocal(cache.loadLocal(site, copy.day));
      }
      setStale(true);
      setLoading(false);
    },
    [site],
  );

  const reload = useCallback(
    () => patrolApi.today(site).then(({ view, copy }) => (copy ? applyCopy(view) : applyFresh(view)), applyFailure),
    [site, applyFresh, applyCopy, applyFailure],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  const now = useCallback(() => Date.now() + skew, [skew]);

  const record = useCallback(
    async (round: string, change: (r: LocalDay[string]) => void, events: PatrolRoundEvent[], extra: OutboxEntry[] = []) => {
      if (!today) return;
      const day = today.day;
      setLocal((prev) => {
        const next: LocalDay = structuredClone(prev);
        next[round] ??= { checks: {} };
        change(next[round]);
        cache.saveLocal(site, day, next);
        return next;
      });
      await enqueue({ kind: 'events', site, events });
      for (const e of extra) await enqueue(e);
    },
    [enqueue, site, today],
  );

  // Any code passes the server's check: it writes the signed-in account in its place.
  const patroller = signedIn.get() ?? 'patrol';
  const event = useCallback(
    <T extends PatrolRoundEvent['type']>(type: T, data: EventDataMap[T]): HallEvent<T> => ({
      id: newId(type === 'round.check' ? 'rc' : type === 'round.started' ? 'rs' : 'rd'),
      type,
      occurredAt: new Date(now()).toISOString(),
      data,
    }),
    [now],
  );

  const start = useCallback(
    async (round: string) => {
      const e = event('round.started', { round, patroller });
      await record(
        round,
        (r) => {
          r.startedAt ??= e.occurredAt;
        },
        [e],
      );
    },
    [event, patroller, record],
  );

  const check = useCallback(
    async (round: string, checkpoint: string, code: string, result: 'ok' | 'finding', finding?: FindingInput) => {
      // The code is judged by the server when the check arrives; the phone cannot know it.
      const data: EventDataMap['round.check'] = { round, checkpoint, result, code };
      if (finding?.department) data.department = finding.department;
      if (finding?.window) data.window = finding.window;
      if (finding?.severity) data.severity = finding.severity;
      if (finding?.note) data.note = finding.note;
      const e = event('round.check', data);
      const extra: OutboxEntry[] = [];
      if (finding?.photo) extra.push({ kind: 'photo', site, check: e.id, blob: finding.photo });
      if (finding?.notice) extra.push({ kind: 'notice', site, notice: { id: newId('nt'), check: e.id, ...finding.notice } });
      const saved: LocalCheck = {
        eventId: e.id,
        result,
        at: e.occurredAt,
        department: finding?.department,
        window: finding?.window,
        severity: finding?.severity,
        note: finding?.note,
      };
      await record(
        round,
        (r) => {
          r.checks[checkpoint] = saved;
        },
        [e],
        extra,
      );
    },
    [event, record, site],
  );

  const complete = useCallback(
    async (round: string) => {
      const e = event('round.completed', { round, patroller });
      await record(
        round,
        (r) => {
          r.completedAt ??= e.occurredAt;
        },
        [e],
      );
    },
    [event, patroller, record],
  );

  const rounds = useMemo(() => (today ? today.rounds.map((r) => mergeRound(r, local[r.code])) : []), [today, local]);

  return { today, rounds, stale, error, unauthorized, loading, now, reload, start, check, complete };
}
