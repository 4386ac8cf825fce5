import type { VisitDetailView, VisitResult } from '@hallwatch/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { preparePhoto } from '../patrol/photo';
import { visitsApi } from './api';
import { visitOutbox, type VisitStep } from './visit-outbox';

const lang = (l: string) => (l.startsWith('en') ? 'en' : 'zh');
// While steps wait, they are tried again this often: a phone back in signal fires no 'online' event.
const RETRY_MS = 4000;

/**
 * The visit on the phone (390×844, like the patrol rounds): start, each point pass or fail with a
 * note and a photo, the mystery visitor's experience, other findings, finish. Steps, photos
 * included, wait in the phone's outbox until the server has them.
 */
export function VisitLog({ site, id, onBack }: { site: string; id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation('visits');
  const [view, setView] = useState<VisitDetailView | null>(null);
  // What the outbox holds, and steps recorded on screen whose write to it has not finished: both wait.
  const [stored, setStored] = useState<VisitStep[]>([]);
  const [adding, setAdding] = useState<VisitStep[]>([]);
  const pending = [...stored, ...adding];
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [extra, setExtra] = useState('');
  const [summary, setSummary] = useState('');
  const [mystery, setMystery] = useState({ waitedMin: '', servedCorrectly: true, experience: '' });
  const sending = useRef(false);

  const load = useCallback(() => {
    visitsApi.detail(site, id).then(
      (v) => {
        setView(v);
        setOffline(false);
      },
      (err: unknown) => (err instanceof ApiError ? setError(errorText(err)) : setOffline(true)),
    );
  }, [site, id]);
  useEffect(load, [load]);

  /**
   * Sends what waits, in order. A lost network, or a server struggling (5xx, 429), keeps the rest
   * for the next try; a refusal is shown and set aside, so that one bad step does not hold the others.
   */
  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (;;) {
        const step = (await visitOutbox.read(id))[0];
        if (!step) return;
        try {
          if (step.kind === 'check') setView(await visitsApi.check(site, id, step.point, step.input));
          else if (step.kind === 'photo') {
            await visitsApi.photo(site, id, step.point, step.blob);
            load();
          } else setView(await visitsApi.finish(site, id, step.input));
          setOffline(false);
        } catch (err) {
          if (!(err instanceof ApiError)) {
            setOffline(true);
            return;
          }
          if (err.status === 429 || err.status >= 500) return;
          setError(errorText(err));
        }
        setStored(await visitOutbox.remove(step));
      }
    } finally {
      sending.current = false;
    }
  }, [site, id, load]);

  useEffect(() => {
    // What waited from an earlier visit to the page goes as soon as it opens, and again whenever the network may be back.
    void visitOutbox.read(id).then((steps) => {
      setStored(steps);
      void flush();
    });
    const again = () => void flush();
    window.addEventListener('online', again);
    const timer = setInterval(again, RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      clearInterval(timer);
    };
  }, [id, flush]);

  if (!view)
    return (
      <div className="vs-phone">{error ? <p className="vs-error">{error}</p> : <p>{offline ? t('log.offline') : t('loading')}</p>}</div>
    );
  const v = view.visit;
  const l = lang(i18n.language);
  const judged = (point: string): VisitResult | null => {
    const waiting = [...pending].reverse().find((s) => s.kind === 'check' && s.point === point);
    return waiting?.kind === 'check' ? waiting.input.result : (view.checks.find((c) => c.point === point)?.result ?? null);
  };
  const photoWaits = (point: string) => pending.some((s) => s.kind === 'photo' && s.point === point);
  const left = view.checks.filter((c) => !judged(c.point)).length;
  const finished = v.state === 'finished' || pending.some((s) => s.kind === 'finish');

  const enqueue = async (step: VisitStep) => {
    // On screen at once; it counts as waiting until the outbox has it.
    setAdding((a) => [...a, step]);
    try {
      setStored(await visitOutbox.add(step));
    } catch (err) {
      // IndexedDB refused (private mode, a full disk): said, not swallowed.
      setError((err as Error).message);
      return;
    } finally {
      setAdding((a) => a.filter((s) => s !== step));
    }
    void flush();
  };
  const record = (point: string, result: VisitResult) => {
    const note = notes[point]?.trim();
    void enqueue({ visit: id, kind: 'check', point, input: { result, ...(note ? { note } : {}) } });
  };
  const photo = async (point: string, file: File | undefined) => {
    if (!file) return;
    const blob = await preparePhoto(file);
    if (blob) await enqueue({ visit: id, kind: 'photo', point, blob });
  };
  const finish = () => {
    const findings = extra
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    void enqueue({
      visit: id,
      kind: 'finish',
      input: {
        ...(summary.trim() ? { summary: summary.trim() } : {}),
        ...(findings.length ? { findings } : {}),
        ...(v.kind === 'mystery'
          ? {
              mystery: {
                waitedMin: Number(mystery.waitedMin || 0),
                servedCorrectly: mystery.servedCorrectly,
                experience: mystery.experience,
              },
            }
          : {}),
      },
    });
  };

  return (
    <div className="vs-phone" data-visit={v.id}>
      <header className="vs-phone__top">
        <button type="button" className="vs-link" onClick={onBack}>
          ‹ {t('log.back')}
        </button>
        <h1>{l === 'en' ? (v.site.nameEn ?? v.site.name) : v.site.name}</h1>
        <p className="vs-muted">
          {t(`kind.${v.kind}`)} · {v.plannedOn} · {t(`state.${v.state}`)}
        </p>
        {(offline || pending.length > 0) && (
          <p className="vs-sync" role="status">
            {offline ? t('log.offline') : ''} {pending.length > 0 && t('log.pending', { n: pending.length })}
          </p>
        )}
      </header>
      {error && (
        <p className="vs-error" role="alert" onClick={() => setError(null)}>
          {t('errorPrefix')}
          {error}
        </p>
      )}
      {v.state === 'planned' && (
        <button
          type="button"
          className="vs-big"
          onClick={() => visitsApi.start(site, id).then(setView, (e: unknown) => setError(errorText(e)))}
        >
          {t('log.start')}
        </button>
      )}
      {v.state !== 'planned' && (
        <ol className="vs-points">
          {view.checks.map((c) => {
            const r = judged(c.point);
            return (
              <li key={c.point} className={`vs-point vs-point--${r ?? 'todo'}`} data-point={c.point}>
                <div className="vs-point__label">{c.label[l]}</div>
                {!finished && (
                  <>
                    <div className="vs-point__buttons">
                      <button type="button" className={r === 'pass' ? 'vs-pass is-on' : 'vs-pass'} onClick={() => record(c.point, 'pass')}>
                        {t('log.pass')}
                      </button>
                      <button type="button" className={r === 'fail' ? 'vs-fail is-on' : 'vs-fail'} onClick={() => record(c.point, 'fail')}>
                        {t('log.fail')}
                      </button>
                    </div>
                    <input
                      className="vs-input"
                      placeholder={t('log.note')}
                      aria-label={`${c.label[l]} ${t('log.note')}`}
                      value={notes[c.point] ?? c.note ?? ''}
                      onChange={(e) => setNotes((n) => ({ ...n, [c.point]: e.target.value }))}
                      onBlur={() => r && record(c.point, r)}
                    />
                    <label className="vs-photo">
                      {photoWaits(c.point) ? t('log.photoWaiting') : c.photo ? t('log.photoSaved') : t('log.photo')}
                      <input
                        type="file"
                        accept="image/*"
                        capture="environment"
                        hidden
                        onChange={(e) => void photo(c.point, e.target.files?.[0])}
                      />
                    </label>
                  </>
                )}
                {finished && c.note && <div className="vs-muted">{c.note}</div>}
              </li>
            );
          })}
        </ol>
      )}
      {v.state === 'started' && !finished && (
        <section className="vs-finish">
          {v.kind === 'mystery' && (
            <fieldset className="vs-mystery">
              <legend>{t('log.mysteryTitle')}</legend>
              <label>
                {t('log.waited')}
                <input
                  className="vs-input"
                  inputMode="numeric"
                  value={mystery.waitedMin}
                  onChange={(e) => setMystery((m) => ({ ...m, waitedMin: e.target.value.replace(/\D/g, '') }))}
                />
              </label>
              <div className="vs-point__buttons" role="group" aria-label={t('log.served')}>
                <span>{t('log.served')}</span>
                <button
                  type="button"
                  className={mystery.servedCorrectly ? 'vs-pass is-on' : 'vs-pass'}
                  onClick={() => setMystery((m) => ({ ...m, servedCorrectly: true }))}
                >
                  {t('log.yes')}
                </button>
                <button
                  type="button"
                  className={!mystery.servedCorrectly ? 'vs-fail is-on' : 'vs-fail'}
                  onClick={() => setMystery((m) => ({ ...m, servedCorrectly: false }))}
                >
                  {t('log.no')}
                </button>
              </div>
              <label>
                {t('log.experience')}
                <textarea
                  className="vs-input"
                  rows={3}
                  value={mystery.experience}
                  onChange={(e) => setMystery((m) => ({ ...m, experience: e.target.value }))}
                />
              </label>
            </fieldset>
          )}
          <label>
            {t('log.extra')}
            <textarea className="vs-input" rows={2} value={extra} onChange={(e) => setExtra(e.target.value)} />
          </label>
          <label>
            {t('log.summary')}
            <textarea className="vs-input" rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
          </label>
          <button type="button" className="vs-big" disabled={left > 0} onClick={finish}>
            {left > 0 ? t('log.left', { n: left }) : t('log.finish')}
          </button>
        </section>
      )}
      {finished && <p className="vs-done">✓ {t('log.finished')}</p>}
      {v.state === 'finished' && view.findings.length > 0 && (
        <ul className="vs-findings">
          {view.findings.map((f) => (
            <li key={f.id}>{f.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
