import type { DepartmentView, DeviceKeyView, RefusedRatingView, UnmatchedRatingView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { when } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

/** The site's calendar day of a moment, YYYY-MM-DD. */
const dayIn = (timeZone: string, at = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
const clockIn = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { timeZone, hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * The ratings that need a second look (docs/contracts/reviews.md): those refused because their
 * visit was rated already, and those naming a ticket this hall did not serve that day. One day at
 * a time, on the site's clock; today unless another day is chosen.
 */
export function RatingsTab({ site, lang, timeZone, fail }: AdminTabProps) {
  const { t } = useTranslation('admin');
  const today = dayIn(timeZone);
  const [day, setDay] = useState(today);
  // Kept with the day they are of, so that another day's lists never show under this one.
  const [refusedOf, setRefused] = useState<{ day: string; rows: RefusedRatingView[] } | null>(null);
  const [unmatchedOf, setUnmatched] = useState<{ day: string; rows: UnmatchedRatingView[] } | null>(null);
  // A cleared date field would read as no filter at all on the server; the page keeps to a day.
  const chosen = /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : today;
  const refused = refusedOf?.day === chosen ? refusedOf.rows : null;
  const unmatched = unmatchedOf?.day === chosen ? unmatchedOf.rows : null;
  const [departments, setDepartments] = useState<DepartmentView[]>([]);
  const [keys, setKeys] = useState<DeviceKeyView[]>([]);

  useEffect(() => {
    adminApi.departments(site).then(setDepartments, fail);
    adminApi.deviceKeys(site).then(setKeys, fail);
  }, [site, fail]);
  useEffect(() => {
    let live = true;
    adminApi.refusedRatings(site, chosen).then((rows) => live && setRefused({ day: chosen, rows }), fail);
    adminApi.unmatchedRatings(site, chosen).then((rows) => live && setUnmatched({ day: chosen, rows }), fail);
    return () => {
      live = false;
    };
  }, [site, chosen, fail]);

  const department = (code: string) => {
    const d = departments.find((x) => x.code === code);
    return d ? (lang === 'en' && d.nameEn) || d.name : code;
  };
  const sender = (sentBy: string) => {
    if (sentBy === 'migration') return t('sentByMigration');
    const id = sentBy.startsWith('device-key:') ? sentBy.slice('device-key:'.length) : null;
    const key = id && keys.find((k) => k.id === id);
    return key ? (lang === 'zh' ? `${key.name}（${key.prefix}…）` : `${key.name} (${key.prefix}…)`) : sentBy;
  };
  const rating = (n: number) => <span className={n <= 2 ? 'ad-bad' : undefined}>{t(`rating_${n}`, { defaultValue: String(n) })}</span>;
  const channel = (c: string) => t(`channel_${c}`, { defaultValue: c });
  const empty = (cols: number) => (
    <tr>
      <td colSpan={cols} className="office-muted">
        {t('noneThisDay')}
      </td>
    </tr>
  );

  return (
    <section className="ad-panel" data-testid="tab-ratings">
      <p className="office-muted office-small">{t('ratingsHint')}</p>
      <div className="tr-controls ad-day">
        <label>
          {t('day')}
          <input type="date" name="day" value={day} max={today} onChange={(e) => setDay(e.target.value)} data-testid="ratings-day" />
        </label>
        <button type="button" className="tr-button" disabled={day === today} onClick={() => setDay(today)}>
          {t('today')}
        </button>
      </div>

      <h2 className="ad-h2">
        {t('refusedTitle')} {refused && <span className="ad-count">{t('refusedCount', { n: refused.length })}</span>}
      </h2>
      <table className="ad-table" data-testid="refused-ratings">
        <thead>
          <tr>
            <th>{t('ratedAt')}</th>
            <th>{t('rating')}</th>
            <th>{t('channel')}</th>
            <th>{t('department')}</th>
            <th>{t('window')}</th>
            <th>{t('visit')}</th>
            <th>{t('countedRating')}</th>
            <th>{t('sentBy')}</th>
            <th>{t('receivedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {refused?.length === 0 && empty(9)}
          {refused?.map((r) => (
            <tr key={r.id} data-id={r.id}>
              <td className="ad-nowrap">{clockIn(r.occurredAt, timeZone)}</td>
              <td className="ad-nowrap">{rating(r.rating)}</td>
              <td>{channel(r.channel)}</td>
              <td>{department(r.department)}</td>
              <td>{r.window ?? '—'}</td>
              <td className="ad-nowrap">{r.field === 'data.phone' ? t('visitPhone') : t('visitTicket', { ticket: r.ticket ?? '—' })}</td>
              <td>
                <code>{r.countedId ?? '—'}</code>
              </td>
              <td>{sender(r.sentBy)}</td>
              <td className="ad-nowrap">{when(r.receivedAt, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className="ad-h2">
        {t('unmatchedTitle')} {unmatched && <span className="ad-count">{t('refusedCount', { n: unmatched.length })}</span>}
      </h2>
      <table className="ad-table" data-testid="unmatched-ratings">
        <thead>
          <tr>
            <th>{t('ratedAt')}</th>
            <th>{t('rating')}</th>
            <th>{t('channel')}</th>
            <th>{t('department')}</th>
            <th>{t('window')}</th>
            <th>{t('ticket')}</th>
            <th>{t('why')}</th>
          </tr>
        </thead>
        <tbody>
          {unmatched?.length === 0 && empty(7)}
          {unmatched?.map((r) => (
            <tr key={r.id} data-id={r.id} data-why={r.why}>
              <td className="ad-nowrap">{clockIn(r.occurredAt, timeZone)}</td>
              <td className="ad-nowrap">{rating(r.rating)}</td>
              <td>{channel(r.channel)}</td>
              <td>{department(r.department)}</td>
              <td>{r.window ?? '—'}</td>
              <td>{r.ticket}</td>
              <td>{t(`why_${r.why}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
