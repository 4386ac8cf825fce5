import { NOTICE_STATE_LABELS, NOTICE_STATES, type NoticeState, noticeState, type PatrolNoticeView } from '@hallwatch/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { noticePageHref, noticePdfHref, noticesApi } from './notices-api';
import { type DeskNames, useLoaded } from './PatrolFollowUp';

const MAX_NOTICES = 40;
/** What needs the office first: the overdue, then the escalated, then replies waiting to be accepted. */
const ORDER: NoticeState[] = ['overdue', 'escalated', 'replied', 'awaiting', 'accepted'];

/** Every notice of the site with its state and the department's reply; the office accepts or escalates it. */
export function NoticesSection({
  site,
  names,
  version,
  changed,
}: {
  site: string;
  names: DeskNames;
  version: number;
  changed: () => void;
}) {
  const { t, i18n } = useTranslation('deskNotices');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const load = useCallback(() => noticesApi.notices(site), [site]);
  const { value: notices, failed } = useLoaded(load, version);
  const [filter, setFilter] = useState<NoticeState | 'all'>('all');
  const [escalating, setEscalating] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [deducting, setDeducting] = useState<string | null>(null);
  const [points, setPoints] = useState('');
  const [actionError, setActionError] = useState<{ id: string; text: string } | null>(null);
  const at = useMemo(() => {
    const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: names.timeZone,
      month: lang === 'en' ? 'short' : '2-digit',
      day: lang === 'en' ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return (iso: string) => f.format(new Date(iso));
  }, [names.timeZone, lang]);

  const rows = useMemo(() => {
    const withState = (notices ?? []).map((n) => ({ n, state: noticeState(n) }));
    return withState
      .filter((r) => filter === 'all' || r.state === filter)
      .sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || a.n.deadline.localeCompare(b.n.deadline));
  }, [notices, filter]);
  const counts = useMemo(() => {
    const c = Object.fromEntries(NOTICE_STATES.map((s) => [s, 0])) as Record<NoticeState, number>;
    for (const n of notices ?? []) c[noticeState(n)] += 1;
    return c;
  }, [notices]);

  const act = async (n: PatrolNoticeView, run: () => Promise<unknown>) => {
    setActionError(null);
    try {
      await run();
      setEscalating(null);
      setNote('');
      setDeducting(null);
      setPoints('');
      changed();
    } catch (err) {
      setActionError({ id: n.id, text: errorText(err) });
    }
  };

  return (
    <section className="dk-panel dn-notices" data-testid="desk-notice-list">
      <h2>
        {t('noticesTitle')}
        {notices && <span className="dk-count">{notices.length}</span>}
        <label className="dn-filter">
          <span className="office-muted">{t('filter')}</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as NoticeState | 'all')} data-testid="notice-filter">
            <option value="all">{t('filterAll')}</option>
            {NOTICE_STATES.map((s) => (
              <option key={s} value={s}>
                {NOTICE_STATE_LABELS[s][lang]} ({counts[s]})
              </option>
            ))}
          </select>
        </label>
      </h2>
      {failed ? (
        <p className="dk-error" role="alert">
          {t('failed', { message: failed })}
        </p>
      ) : !notices ? (
        <p className="office-muted">{t('loading')}</p>
      ) : !rows.length ? (
        <p className="office-muted dk-empty">{t('noticesNone')}</p>
      ) : (
        <div className="dk-scroll">
          <table className="dk-table dn-table">
            <thead>
              <tr>
                <th>{t('colNumber')}</th>
                <th>{t('colDeadline')}</th>
                <th>{t('colState')}</th>
                <th>{t('colReply')}</th>
                <th>{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_NOTICES).map(({ n, state }) => (
                <tr key={n.id} data-state={state} data-testid={`notice-row-${n.clientId}`}>
                  <td>
                    <span className="dn-number">{n.number ?? '—'}</span>
                    <strong className="dn-dept">{names.deptName(n.department)}</strong>
                    {n.text && <span className="dk-summary">{n.text}</span>}
                  </td>
                  <td className="dk-nowrap">
                    <time dateTime={n.deadline}>{at(n.deadline)}</time>
                  </td>
                  <td>
                    <span className={`dn-state dn-state--${state}`} data-testid="notice-state">
                      {NOTICE_STATE_LABELS[state][lang]}
                    </span>
                    {n.escalatedAt && (
                      <span className="office-muted office-small dk-meta">
                        {n.escalatedBy ? t('escalatedBy', { who: n.escalatedBy }) : t('escalatedAuto')}
                        {n.escalationNote && `：${n.escalationNote}`}
                      </span>
                    )}
                    {n.acceptedBy && <span className="office-muted office-small dk-meta">{t('acceptedBy', { who: n.acceptedBy })}</span>}
                    {n.deduction !== null && (
                      <span className="dk-tag dk-tag--alarm dn-deducted" data-testid="notice-deducted">
                        {t('deducted', { n: n.deduction })}
                      </span>
                    )}
                  </td>
                  <td className="dn-reply" data-testid="notice-reply">
                    {n.reply ? (
                      <>
                        <span>{n.reply}</span>
                        <span className="office-muted office-small dk-meta">
                          {t('repliedBy', { who: n.repliedBy ?? '—', time: n.repliedAt ? at(n.repliedAt) : '' })}
                        </span>
                      </>
                    ) : (
                      <span className="office-muted dn-no-reply">{t('noReply')}</span>
                    )}
                  </td>
                  <td className="dn-actions">
                    <a href={noticePageHref(site, n.id)} target="_blank" rel="noreferrer" data-testid="notice-print">
                      {t('print')}
                    </a>
                    <a href={noticePdfHref(site, n.id)} download data-testid="notice-pdf">
                      {t('pdf')}
                    </a>
                    {state === 'replied' && (
                      <button
                        type="button"
                        className="dn-button"
                        onClick={() => act(n, () => noticesApi.accept(site, n.id))}
                        data-testid="notice-accept"
                      >
                        {t('accept')}
                      </button>
                    )}
                    {state !== 'accepted' && state !== 'escalated' && escalating !== n.id && (
                      <button
                        type="button"
                        className="dn-button dn-button--warn"
                        onClick={() => {
                          setEscalating(n.id);
                          setNote('');
                        }}
                        data-testid="notice-escalate"
                      >
                        {t('escalate')}
                      </button>
                    )}
                    {n.deduction === null && deducting !== n.id && (
                      <button
                        type="button"
                        className="dn-button"
                        onClick={() => {
                          setDeducting(n.id);
                          setPoints('');
                        }}
                        data-testid="notice-deduct"
                      >
                        {t('deduct')}
                      </button>
                    )}
                    {deducting === n.id && (
                      <span className="dn-escalate">
                        <input
                          type="number"
                          min={1}
                          max={100}
                          step={1}
                          value={points}
                          placeholder={t('pointsPlaceholder')}
                          aria-label={t('pointsLabel')}
                          onChange={(e) => setPoints(e.target.value)}
                          data-testid="notice-deduct-points"
                        />
                        <button
                          type="button"
                          className="dn-button dn-button--warn"
                          onClick={() => {
                            const p = points.trim() === '' ? null : Number(points);
                            if (p !== null && !(Number.isInteger(p) && p >= 1 && p <= 100))
                              return setActionError({ id: n.id, text: t('pointsInvalid') });
                            void act(n, () => noticesApi.deduct(site, n.finding, p));
                          }}
                          data-testid="notice-deduct-confirm"
                        >
                          {t('confirmDeduct')}
                        </button>
                        <button type="button" className="dn-button dn-button--plain" onClick={() => setDeducting(null)}>
                          {t('cancel')}
                        </button>
                      </span>
                    )}
                    {escalating === n.id && (
                      <span className="dn-escalate">
                        <input
                          value={note}
                          maxLength={500}
                          placeholder={t('escalateNote')}
                          aria-label={t('escalateNote')}
                          onChange={(e) => setNote(e.target.value)}
                        />
                        <button
                          type="button"
                          className="dn-button dn-button--warn"
                          onClick={() => act(n, () => noticesApi.escalate(site, n.id, note.trim() || null))}
                          data-testid="notice-escalate-confirm"
                        >
                          {t('confirmEscalate')}
                        </button>
                        <button type="button" className="dn-button dn-button--plain" onClick={() => setEscalating(null)}>
                          {t('cancel')}
                        </button>
                      </span>
                    )}
                    {actionError?.id === n.id && (
                      <span className="dn-field-error" role="alert">
                        {actionError.text}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > MAX_NOTICES && <p className="office-muted office-small">{t('noticesMore', { n: rows.length - MAX_NOTICES })}</p>}
    </section>
  );
}
