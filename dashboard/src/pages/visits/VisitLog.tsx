import type { VisitDetailView, VisitResult } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { preparePhoto } from '../patrol/photo';
import { visitsApi } from './api';
import { visitOutbox, type VisitStep } from './visit-outbox';

const lang = (l: string) => (l.startsWith('en') ? 'en' : 'zh');

/**
 * The visit on the phone (390×844, like the patrol rounds): start, each point pass or fail with a
 * note and a photo, the mystery visitor's experience, other findings, finish. Steps wait in the
 * phone's outbox until the server has them.
 */
export function VisitLog({ site, id, onBack }: { site: string; id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation('visits');
  const [view, setView] = useState<VisitDetailView | null>(null);
  const [pending, setPending] = useState<VisitStep[]>(() => visitOutbox.read(id));
  const [error, setError] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [photoSaved, setPhotoSaved] = useState<Record<string, boolean>>({});
  const [extra, setExtra] = useState('');
  const [summary, setSummary] = useState('');
  const [mystery, setMystery] = useState({ waitedMin: '', servedCorrectly: true, experience: '' });

  const load = useCallback(() => {
    visitsApi.detail(site, id).then(
      (v) => {
        setView(v);
        setOffline(false);
      },
      (err: unknown) => (err instanceof TypeError ? setOffline(true) : setError(errorText(err))),
    );
  }, [site, id]);
  useEffect(load, [load]);

  /** Sends what waits, in order; a refusal is set aside and shown, a lost network keeps the rest for later. */
  const flush = useCallback(async () => {
    for (;;) {
      const step = visitOutbox.read(id)[0];
      if (!step) return;
      try {
        const v =
          step.kind === 'check' ? await visitsApi.check(site, id, step.point, step.input) : await visitsApi.finish(site, id, step.input);
        setView(v);
        setOffline(false);
      } catch (err) {
        if (err instanceof TypeError) {
          setOffline(true);
          return;
        }
        setError(errorText(err));
      }
      setPending(visitOutbox.remove(id, step));
    }
  }, [site, id]);

  useEffect(() => {
    // What waited from an earlier visit to the page goes as soon as it opens, and again whenever the network returns.
    const first = setTimeout(() => void flush(), 0);
    const again = () => void flush();
    window.addEventListener('online', again);
    return () => {
      clearTimeout(first);
      window.removeEventListener('online', again);
    };
  }, [flush]);

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
  const left = view.checks.filter((c) => !judged(c.point)).length;
  const finished = v.state === 'finished' || pending.some((s) => s.kind === 'finish');

  const record = (point: string, result: VisitResult) => {
    const note = notes[point]?.trim();
    setPending(visitOutbox.add(id, { kind: 'check', point, input: { result, ...(note ? { note } : {}) } }));
    void flush();
  };
  const photo = async (point: string, file: File | undefined) => {
    if (!file) return;
    const blob = await preparePhoto(file);
    if (!blob) return;
    try {
      await visitsApi.photo(site, id, point, blob);
      setPhotoSaved((p) => ({ ...p, [point]: true }));
    } catch (err) {
      setError(err instanceof TypeError ? t('log.photoOffline') : errorText(err));
    }
  };
  const finish = () => {
    const findings = extra
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    setPending(
      visitOutbox.add(id, {
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
      }),
    );
    void flush();
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
                      {photoSaved[c.point] || c.photo ? t('log.photoSaved') : t('log.photo')}
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
