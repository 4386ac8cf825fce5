import { AUDIT_ACTION_GROUPS, type AuditEntryView, auditActionLabel, hallClockParts, type SiteView } from '@hallwatch/shared';
import { FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import './admin-audit.css';
import { auditApi, type AuditFilter } from './audit-api';
import './audit-i18n';
import { adminApi } from './api';
import { addDays } from './calendar-days';
import { formErrors } from './form-errors';
import { FieldError, when } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

const PAGE = 50;
const FILTER_FIELDS = ['actor', 'action', 'site', 'from', 'to'] as const;
type Fields = Record<(typeof FILTER_FIELDS)[number], string>;
const EMPTY: Fields = { actor: '', action: '', site: '', from: '', to: '' };

/** The instant a hall-local day starts, in the site's zone. */
function hallMidnight(day: string, timeZone: string): string {
  const guess = Date.parse(`${day}T00:00:00Z`);
  const p = hallClockParts(new Date(guess), timeZone);
  const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
  return new Date(guess - (shown - guess)).toISOString();
}

/** The API's filter for the form's: days on the hall's clock, the last one whole. */
function apiFilter(f: Fields, timeZone: string): AuditFilter {
  return {
    actor: f.actor.trim(),
    action: f.action,
    site: f.site,
    from: f.from ? hallMidnight(f.from, timeZone) : '',
    to: f.to ? hallMidnight(addDays(f.to, 1), timeZone) : '',
  };
}

/** A refused filter reads in the form's words beside its field; anything else goes to the page's banner. */
function refusedFilter(err: unknown, fail: (err: unknown) => void, t: (key: string) => string): Record<string, string> {
  const shown = err instanceof ApiError ? FILTER_FIELDS.filter((f) => f in err.fields) : [];
  return { ...formErrors(err, shown, fail), ...Object.fromEntries(shown.map((f) => [f, t(`err_${f}`)])) };
}

interface Props extends AdminTabProps {
  sites: SiteView[];
  siteName: (s: SiteView) => string;
}

/**
 * The audit log (审计日志) for administrators: who did what, when and where, filtered and paged
 * newest first, each act in the page's language, and the filtered set exported to Excel.
 */
export function AuditTab({ sites, siteName, lang, timeZone, fail }: Props) {
  const { t } = useTranslation('adminAudit');
  const [form, setForm] = useState<Fields>(EMPTY);
  const [applied, setApplied] = useState<Fields>(EMPTY);
  // Each page's "before" cursor; the first page has none.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<{ key: string; rows: AuditEntryView[] } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [users, setUsers] = useState<string[]>([]);
  const before = cursors[cursors.length - 1];
  const key = JSON.stringify([applied, before]);
  const rows = page?.key === key ? page.rows : null;

  useEffect(() => {
    adminApi.users().then((u) => setUsers(u.map((x) => x.username)), fail);
  }, [fail]);

  useEffect(() => {
    let live = true;
    const shows = JSON.stringify([applied, before]);
    auditApi.list(apiFilter(applied, timeZone), PAGE, before).then(
      (r) => live && setPage({ key: shows, rows: r }),
      (err: unknown) => live && setErrors(refusedFilter(err, fail, t)),
    );
    return () => {
      live = false;
    };
  }, [applied, before, timeZone, fail, t]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    if (form.from && form.to && form.to < form.from) {
      setErrors({ to: t('err_to') });
      return;
    }
    setErrors({});
    setApplied(form);
    setCursors([null]);
  };
  const reset = () => {
    setForm(EMPTY);
    setErrors({});
    setApplied(EMPTY);
    setCursors([null]);
  };
  const exportSheet = () => void auditApi.export(apiFilter(applied, timeZone)).catch(fail);

  const site = (code: string | null) => {
    const s = code ? sites.find((x) => x.code === code) : null;
    return s ? siteName(s) : (code ?? t('noSite'));
  };
  const target = (raw: string | null) => {
    if (!raw) return '—';
    const colon = raw.indexOf(':');
    const kind = colon > 0 ? raw.slice(0, colon) : '';
    const named = kind && !raw.includes(' ') ? t(`target_${kind}`, { defaultValue: '' }) : '';
    return named ? `${named} ${raw.slice(colon + 1)}` : raw;
  };
  const details = (d: Record<string, unknown>) =>
    Object.entries(d)
      .map(
        ([k, v]) =>
          `${t(`detail_${k}`, { defaultValue: k })}${lang === 'zh' ? '：' : ': '}${typeof v === 'string' ? v : JSON.stringify(v)}`,
      )
      .join(lang === 'zh' ? '；' : '; ');
  const field = (label: string, input: ReactNode) => (
    <label className="au-field">
      {label}
      {input}
    </label>
  );
  const set = (name: keyof Fields) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));

  return (
    <section className="ad-panel" data-testid="tab-audit">
      <p className="office-muted office-small">{t('hint')}</p>
      <form className="au-filters" onSubmit={search} noValidate data-testid="audit-filters">
        {field(
          t('actor'),
          <>
            <input
              type="text"
              name="actor"
              list="audit-actors"
              maxLength={100}
              placeholder={t('actorPlaceholder')}
              value={form.actor}
              aria-invalid={errors.actor ? true : undefined}
              onChange={set('actor')}
            />
            <datalist id="audit-actors">
              {users.map((u) => (
                <option key={u} value={u} />
              ))}
            </datalist>
          </>,
        )}
        {field(
          t('action'),
          <select name="action" value={form.action} onChange={set('action')} aria-invalid={errors.action ? true : undefined}>
            <option value="">{t('actionAll')}</option>
            {AUDIT_ACTION_GROUPS.map((g) => (
              <optgroup key={g.label.en} label={g.label[lang]}>
                {g.prefix && <option value={g.prefix}>{t('actionFamily', { group: g.label[lang] })}</option>}
                {g.actions.map((a) => (
                  <option key={a} value={a}>
                    {auditActionLabel(a, lang)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>,
        )}
        {field(
          t('site'),
          <select name="site" value={form.site} onChange={set('site')} aria-invalid={errors.site ? true : undefined}>
            <option value="">{t('siteAll')}</option>
            {sites.map((s) => (
              <option key={s.code} value={s.code}>
                {siteName(s)}
              </option>
            ))}
          </select>,
        )}
        {field(
          t('from'),
          <input type="date" name="from" value={form.from} onChange={set('from')} aria-invalid={errors.from ? true : undefined} />,
        )}
        {field(t('to'), <input type="date" name="to" value={form.to} onChange={set('to')} aria-invalid={errors.to ? true : undefined} />)}
        <div className="au-buttons">
          <button type="submit" className="tr-button tr-button--primary" data-testid="audit-search">
            {t('search')}
          </button>
          <button type="button" className="tr-button" onClick={reset}>
            {t('reset')}
          </button>
          <button type="button" className="tr-button" onClick={exportSheet} title={t('exportHint')} data-testid="audit-export">
            {t('export')}
          </button>
        </div>
      </form>
      {FILTER_FIELDS.map((f) => (
        <FieldError key={f} message={errors[f] && `${t('notSearched')}${errors[f]}`} testId={`error-${f}`} />
      ))}

      <div className="au-paging">
        <button
          type="button"
          className="tr-button"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          data-testid="audit-newer"
        >
          {t('newer')}
        </button>
        <span className="office-muted" data-testid="audit-page">
          {rows ? t('page', { n: cursors.length, count: rows.length }) : t('loading')}
        </span>
        <button
          type="button"
          className="tr-button"
          disabled={!rows || rows.length < PAGE}
          onClick={() => rows && setCursors((c) => [...c, rows[rows.length - 1].id])}
          data-testid="audit-older"
        >
          {t('older')}
        </button>
      </div>
      <table className="ad-table au-table" data-testid="audit-entries" aria-busy={rows ? undefined : true}>
        <thead>
          <tr>
            <th>{t('colId')}</th>
            <th>{t('colAt')}</th>
            <th>{t('colActor')}</th>
            <th>{t('colAction')}</th>
            <th>{t('colTarget')}</th>
            <th>{t('colSite')}</th>
            <th>{t('colDetails')}</th>
            <th>{t('colAddress')}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.length === 0 && (
            <tr>
              <td colSpan={8} className="office-muted">
                {t('none')}
              </td>
            </tr>
          )}
          {rows?.map((e) => (
            <tr key={e.id} data-id={e.id} data-action={e.action}>
              <td className="office-muted">{e.id}</td>
              <td className="ad-nowrap">{when(e.at, timeZone)}</td>
              <td>
                <strong>{e.actor}</strong>
                {e.role && <span className="au-sub">{t(`admin:role_${e.role}`, { defaultValue: e.role })}</span>}
              </td>
              <td>
                <span className={e.action === 'access.denied' || e.action.endsWith('.failed') ? 'ad-bad' : undefined}>
                  {auditActionLabel(e.action, lang)}
                </span>
                {e.count > 1 && <span className="au-count">{t('times', { n: e.count })}</span>}
                <code className="au-sub">{e.action}</code>
              </td>
              <td className="au-target">{target(e.target)}</td>
              <td>{site(e.site)}</td>
              <td className="au-details">{details(e.details)}</td>
              <td className="office-muted">{e.address ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
