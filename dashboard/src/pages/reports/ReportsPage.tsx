import '../office-page.css';
import '../trends/trends.css';
import { hallClockParts, hallMinuteText, OFFICE_REPORT_LANGS, type OfficeReportLang, type OfficeReportView } from '@hallwatch/shared';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useSiteTimeZone } from '../../api';
import { useShell } from '../../shell/context';
import { OfficeHeader, PageError } from '../OfficeTop';
import { reportsApi } from './api';
import './i18n';
import './reports.css';

/** The month before the hall's current one, and its first and last days: what the office reports on by default. */
function lastMonth(timeZone: string): { month: string; from: string; to: string } {
  const p = hallClockParts(new Date(), timeZone);
  const y = Number(p.year);
  const m = Number(p.month);
  const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const month = `${py}-${String(pm).padStart(2, '0')}`;
  const days = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return { month, from: `${month}-01`, to: `${month}-${days}` };
}

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

// 报告文档 (docs/contracts/reports.md): the monthly report and the draft of the next 整改情况
// report made on request, the documents made so far (the schedule's among them) to download.
export function ReportsPage() {
  const { t, i18n } = useTranslation('reports');
  const pageLang: OfficeReportLang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const { site, sites } = useShell();
  const chosen = site ?? sites?.find((s) => s.tier === 'hall')?.code ?? null;
  const zone = useSiteTimeZone(chosen);
  const [defaults] = useState(() => lastMonth(zone));
  const [month, setMonth] = useState(defaults.month);
  const [from, setFrom] = useState(defaults.from);
  const [to, setTo] = useState(defaults.to);
  const [report, setReport] = useState('main');
  const [lang, setLang] = useState<OfficeReportLang>(pageLang);
  const [docs, setDocs] = useState<OfficeReportView[] | null>(null);
  const [busy, setBusy] = useState<'monthly' | 'draft' | string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const fail = useCallback((err: unknown) => setError(`${t('errorPrefix')}${errorText(err)}`), [t]);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    reportsApi.list(chosen).then((v) => live && setDocs(v.documents), fail);
    return () => {
      live = false;
    };
  }, [chosen, version, fail]);

  const generate = async (e: FormEvent, what: 'monthly' | 'draft') => {
    e.preventDefault();
    if (!chosen) return;
    setBusy(what);
    setError(null);
    setNotice(null);
    try {
      const doc =
        what === 'monthly'
          ? await reportsApi.monthly(chosen, { month, lang })
          : await reportsApi.draft(chosen, { from, to, report: report.trim() || undefined, lang });
      setNotice(t('made', { title: doc.title }));
      setVersion((v) => v + 1);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const fetchFile = async (doc: OfficeReportView) => {
    if (!chosen) return;
    setBusy(doc.id);
    try {
      await reportsApi.file(chosen, doc);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const langSelect = (
    <label>
      {t('lang')}
      <select value={lang} onChange={(e) => setLang(e.target.value as OfficeReportLang)}>
        {OFFICE_REPORT_LANGS.map((l) => (
          <option key={l} value={l}>
            {t(`langs.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="office-page rp-page" data-loading={docs ? 'no' : 'yes'}>
      <OfficeHeader title={t('title')} subtitle={t('subtitle')} />
      <PageError error={error} onClose={() => setError(null)} testId="rp-error" />
      {notice && (
        <p className="rp-notice" role="status" data-testid="rp-notice">
          {notice}
        </p>
      )}
      <div className="rp-forms">
        <form className="rp-card" onSubmit={(e) => generate(e, 'monthly')} data-testid="rp-monthly">
          <h2>{t('monthly.title')}</h2>
          <p className="office-muted office-small">{t('monthly.note')}</p>
          <div className="rp-fields">
            <label>
              {t('monthly.month')}
              <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required data-testid="rp-month" />
            </label>
            {langSelect}
            <button type="submit" className="tr-button tr-button--primary" disabled={!chosen || busy !== null}>
              {busy === 'monthly' ? t('generating') : t('generate')}
            </button>
          </div>
        </form>
        <form className="rp-card" onSubmit={(e) => generate(e, 'draft')} data-testid="rp-draft">
          <h2>{t('draft.title')}</h2>
          <p className="office-muted office-small">{t('draft.note')}</p>
          <div className="rp-fields">
            <label>
              {t('draft.from')}
              <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required data-testid="rp-from" />
            </label>
            <label>
              {t('draft.to')}
              <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required data-testid="rp-to" />
            </label>
            <label>
              {t('draft.report')}
              <input className="rp-ref" value={report} onChange={(e) => setReport(e.target.value)} maxLength={64} />
            </label>
            {langSelect}
            <button type="submit" className="tr-button tr-button--primary" disabled={!chosen || busy !== null}>
              {busy === 'draft' ? t('generating') : t('generate')}
            </button>
          </div>
        </form>
      </div>
      <h2 className="rp-list-title">{t('list')}</h2>
      {!docs ? (
        !error && <p className="office-muted">{t('loading')}</p>
      ) : !docs.length ? (
        <p className="office-muted">{t('empty')}</p>
      ) : (
        <table className="rp-table" data-testid="rp-table">
          <thead>
            <tr>
              <th>{t('col.kind')}</th>
              <th>{t('col.title')}</th>
              <th>{t('col.period')}</th>
              <th>{t('col.lang')}</th>
              <th>{t('col.trigger')}</th>
              <th>{t('col.by')}</th>
              <th>{t('col.at')}</th>
              <th className="rp-num">{t('col.size')}</th>
              <th>{t('col.file')}</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} data-testid={`rp-doc-${d.id}`}>
                <td>
                  <span className={`rp-kind rp-kind--${d.kind}`}>{t(`kinds.${d.kind}`)}</span>
                </td>
                <td className="rp-title">{d.title}</td>
                <td className="rp-period">{d.month ?? `${d.from} – ${d.to}`}</td>
                <td>{t(`langs.${d.lang}`)}</td>
                <td>{t(`triggers.${d.trigger}`)}</td>
                <td>{d.createdBy}</td>
                <td>{hallMinuteText(d.createdAt, zone)}</td>
                <td className="rp-num">{kb(d.size)}</td>
                <td>
                  <button type="button" className="tr-button" disabled={busy !== null} onClick={() => fetchFile(d)}>
                    {busy === d.id ? t('downloading') : t('download')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
