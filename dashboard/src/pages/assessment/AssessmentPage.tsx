import '../office-page.css';
import '../trends/trends.css';
import { ASSESSMENT_CRITERIA, ASSESSMENT_CRITERION_LABELS, assessmentReasonText, type AssessmentView } from '@hallwatch/shared';
import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { useShell } from '../../shell/context';
import { assessmentApi } from './api';
import './assessment.css';
import './i18n';
import { EvidenceRow } from './EvidenceRow';
import { WeightsEditor } from './WeightsEditor';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

// 街道考核 (docs/contracts/assessment.md): the month's ranking of the town centres with each
// score's parts, the evidence behind them and why each town stands where it does; the workbook
// for the assessment meeting; the weights for admins.
export function AssessmentPage() {
  const { t, i18n } = useTranslation('assessment');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const { me, site, sites } = useShell();
  const chosen = site ?? sites?.find((s) => s.tier === 'hall')?.code ?? null;
  const [month, setMonth] = useState<string | null>(new URLSearchParams(location.search).get('month'));
  const [view, setView] = useState<AssessmentView | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | 'evidence' | null>(null);
  const [version, setVersion] = useState(0);
  const fail = useCallback((err: unknown) => setError(`${t('errorPrefix')}${errorText(err)}`), [t]);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    assessmentApi.view(chosen, month).then((v) => {
      if (!live) return;
      setView(v);
      setError(null);
    }, fail);
    return () => {
      live = false;
    };
  }, [chosen, month, version, fail]);

  useEffect(() => {
    if (!view) return;
    const p = new URLSearchParams(location.search);
    p.set('month', view.month);
    if (chosen) p.set('site', chosen);
    history.replaceState(null, '', `${location.pathname}?${p}`);
  }, [view, chosen]);

  const act = async (what: 'export' | 'evidence') => {
    if (!chosen || !view) return;
    setBusy(what);
    try {
      if (what === 'export') await assessmentApi.exportXlsx(chosen, view.month);
      else {
        await assessmentApi.evidence(chosen, view.month);
        setNotice(t('evidenceDone'));
      }
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const toggle = (code: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  const files = me?.role === 'admin' || me?.role === 'supervisor';
  const own = sites?.find((s) => s.code === chosen);
  const siteName = view ? (lang === 'en' && own?.nameEn) || view.siteName : '';

  return (
    <div className="office-page as-page" data-loading={view ? 'no' : 'yes'}>
      <header className="office-header">
        <div>
          <h1>
            {t('title')} {siteName && <span className="office-header__site">· {siteName}</span>}
          </h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
      </header>
      {error && (
        <p className="tr-error" role="alert" data-testid="as-error">
          {error}{' '}
          <button type="button" className="tr-link" onClick={() => setError(null)}>
            ×
          </button>
        </p>
      )}
      {notice && (
        <p className="as-notice" role="status">
          {notice}
        </p>
      )}
      <form className="tr-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('month')}
          <input
            type="month"
            value={view?.month ?? month ?? ''}
            onChange={(e) => e.target.value && setMonth(e.target.value)}
            data-testid="as-month"
          />
        </label>
        <button type="button" className="tr-button" disabled={!view || busy !== null} onClick={() => act('export')} data-testid="as-export">
          {busy === 'export' ? t('exporting') : t('export')}
        </button>
        {files && (
          <button type="button" className="tr-button" disabled={!view || busy !== null} onClick={() => act('evidence')}>
            {busy === 'evidence' ? t('filing') : t('evidence')}
          </button>
        )}
        {view && (
          <span className="as-spread" data-testid="as-spread">
            {t('spread', { towns: view.spread.towns, ranks: view.spread.distinctRanks, range: view.spread.range.toFixed(2) })}
          </span>
        )}
      </form>
      {!view ? (
        !error && <p className="office-muted">{t('loading')}</p>
      ) : (
        <div className="as-table-wrap">
          <table className="as-table" data-testid="as-table">
            <thead>
              <tr>
                <th>{t('col.rank')}</th>
                <th>{t('col.town')}</th>
                <th className="as-num">{t('col.score')}</th>
                {ASSESSMENT_CRITERIA.map((c) => (
                  <th key={c} className="as-num">
                    {ASSESSMENT_CRITERION_LABELS[c][lang]}
                    <small>{t('weightShort', { w: view.weights[c] })}</small>
                  </th>
                ))}
                <th>{t('col.reason')}</th>
                <th>{t('col.visits')}</th>
                <th>{t('col.evidence')}</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <Fragment key={r.site}>
                  <tr data-testid={`as-row-${r.site}`}>
                    <td className="as-rank">{r.rank}</td>
                    <td className="as-town">{(lang === 'en' && r.nameEn) || r.name}</td>
                    <td className="as-num as-score">{r.score.toFixed(2)}</td>
                    {r.parts.map((p) => (
                      <td key={p.criterion} className="as-num">
                        <strong>{p.points.toFixed(2)}</strong>
                        <small>{p.noData ? '—' : pct(p.share)}</small>
                      </td>
                    ))}
                    <td className="as-reason">{assessmentReasonText(r.reason, lang)}</td>
                    <td className="as-visits" data-testid={`as-visits-${r.site}`}>
                      {view.visits?.[r.site] ? t('visitsOf', { ...view.visits[r.site] }) : '—'}
                    </td>
                    <td>
                      <button type="button" className="tr-link as-toggle" aria-expanded={open.has(r.site)} onClick={() => toggle(r.site)}>
                        {open.has(r.site) ? t('hide') : t('show')}
                      </button>
                    </td>
                  </tr>
                  {open.has(r.site) && <EvidenceRow row={r} span={ASSESSMENT_CRITERIA.length + 6} />}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {me?.role === 'admin' && chosen && <WeightsEditor site={chosen} onSaved={() => setVersion((v) => v + 1)} fail={fail} />}
    </div>
  );
}
