import '../office-page.css';
import type { LookBackResult, RectificationImportResult, RectificationItemView, RectificationStatus } from '@hallwatch/shared';
import { ChangeEvent, Fragment, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSiteTimeZone } from '../../api';
import { useShell, useSite } from '../../shell/context';
import { HallTimeContext, hallTime, langOf, statusLabel } from './format';
import './i18n';
import { ImportFindings } from './ImportFindings';
import { ItemRow } from './ItemRow';
import './rectification.css';
import { useRectification } from './useRectification';

type Filter = 'all' | RectificationStatus | 'rebounding';

const matches = (i: RectificationItemView, filter: Filter, linkedOnly: boolean, query: string): boolean => {
  if (filter === 'rebounding' ? !i.rebound : filter !== 'all' && i.status !== filter) return false;
  if (linkedOnly && !i.links.length) return false;
  if (!query) return true;
  return [String(i.number), i.problem, i.responsibleDepartment ?? '', ...i.measures.map((m) => m.text)].some((s) => s.includes(query));
};

export function RectificationPage() {
  const { t, i18n } = useTranslation('rectification');
  const lang = langOf(i18n.language);
  const site = useSite();
  // The report import is an admin's (the server refuses the others): a button that can only fail is not shown.
  const role = useShell().me?.role;
  const canImport = role === undefined || role === 'admin';
  const { api, list, error, setError, act, submit, fail } = useRectification(site);
  const work = useMemo(() => ({ act, submit, fail }), [act, submit, fail]);
  // The list names its site (the account's own when the address gives none); its clock is that site's.
  const timeZone = useSiteTimeZone(list?.site ?? null);
  const hall = useMemo(() => hallTime(timeZone), [timeZone]);
  // `?item=KEY` (from the desk's look-back) opens that item and brings it into view.
  const [linked] = useState(() => new URLSearchParams(window.location.search).get('item'));
  const [open, setOpen] = useState<Set<string>>(() => new Set(linked ? [linked] : []));
  const linkedLoaded = !!linked && !!list?.sections.some((s) => s.items.some((i) => i.key === linked));
  useEffect(() => {
    if (linkedLoaded) document.querySelector(`[data-item-key="${CSS.escape(linked)}"]`)?.scrollIntoView({ block: 'start' });
  }, [linked, linkedLoaded]);
  const [filter, setFilter] = useState<Filter>('all');
  const [linkedOnly, setLinkedOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [imported, setImported] = useState<RectificationImportResult | null>(null);
  const [showFindings, setShowFindings] = useState(false);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<LookBackResult | null>(null);

  const sections = useMemo(
    () =>
      (list?.sections ?? [])
        .map((s) => ({ ...s, items: s.items.filter((i) => matches(i, filter, linkedOnly, query.trim())) }))
        .filter((s) => s.items.length),
    [list, filter, linkedOnly, query],
  );

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    await act(async () => setImported(await api.importReport(form)));
    setBusy(false);
  };
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const counts = list?.counts;
  const filters: Array<[Filter, string, number | undefined]> = [
    ['all', t('all'), counts?.total],
    ['in_progress', statusLabel('in_progress', lang), counts?.in_progress],
    ['rectified', statusLabel('rectified', lang), counts?.rectified],
    ['ongoing', statusLabel('ongoing', lang), counts?.ongoing],
    ['rebounding', t('rebounding'), counts?.rebounding],
  ];

  return (
    <HallTimeContext.Provider value={hall}>
      <div className="office-page rect-page">
        <header className="office-header">
          <div>
            <h1>
              {t('title')}
              {list && <span className="office-header__site"> · {lang === 'en' ? (list.siteNameEn ?? list.siteName) : list.siteName}</span>}
            </h1>
            <p className="office-muted">{t('subtitle')}</p>
          </div>
          <div className="office-header__actions">
            {canImport && (
              <label className={`rect-button rect-button--primary ${busy ? 'rect-button--busy' : ''}`}>
                {busy ? t('importing') : t('import')}
                <input type="file" accept=".txt,text/plain" hidden onChange={(e) => void upload(e)} data-testid="import-input" />
              </label>
            )}
            <button type="button" className="rect-button" onClick={() => void act(() => api.ledger())} disabled={!list?.report}>
              {t('exportLedger')}
            </button>
            <button
              type="button"
              className="rect-button"
              onClick={() => void act(async () => setChecked(await api.lookBack()))}
              disabled={!list?.report}
            >
              {t('lookBack')}
            </button>
          </div>
        </header>
        {error && (
          <p className="rect-error rect-banner" role="alert">
            {error}{' '}
            <button type="button" className="rect-button rect-button--link" onClick={() => setError(null)}>
              {t('close')}
            </button>
          </p>
        )}
        {checked && (
          <p className="rect-ok rect-banner" role="status">
            {t('lookBackDone', { links: checked.links, count: checked.rebounding.length })}{' '}
            <button type="button" className="rect-button rect-button--link" onClick={() => setChecked(null)}>
              {t('close')}
            </button>
          </p>
        )}
        {imported && (
          <ImportFindings result={imported} warnings={imported.warnings} notes={imported.notes} onClose={() => setImported(null)} />
        )}
        {!list && !error && <p className="office-muted">{t('loading')}</p>}
        {list && !list.report && <p className="rect-empty">{t('empty')}</p>}
        {list?.report && (
          <>
            <div className="rect-meta">
              <span>
                {t('report', {
                  name: list.report.sourceName,
                  count: list.report.importCount,
                  time: hall.fullDateTime(list.report.importedAt),
                })}
              </span>
              <button type="button" className="rect-button rect-button--link" onClick={() => setShowFindings(!showFindings)}>
                {t('lastImport')} ({list.report.warnings.length + list.report.notes.length})
              </button>
              <span className="office-muted">{t('asOf', { time: hall.clock(list.asOf) })}</span>
            </div>
            {showFindings && (
              <ImportFindings warnings={list.report.warnings} notes={list.report.notes} onClose={() => setShowFindings(false)} />
            )}
            <p className="office-muted office-small rect-rule">
              {t('lookBackRule', { minutes: list.settings.liveMinutes, days: list.settings.days, closes: list.settings.dayClosesAt })}
            </p>
            <div className="rect-filters" role="toolbar">
              {filters.map(([id, label, n]) => (
                <button
                  key={id}
                  type="button"
                  className={`rect-chip rect-chip--${id} ${filter === id ? 'rect-chip--active' : ''}`}
                  aria-pressed={filter === id}
                  onClick={() => setFilter(id)}
                >
                  {label} <strong>{n ?? 0}</strong>
                </button>
              ))}
              <label className="rect-filters__check">
                <input type="checkbox" checked={linkedOnly} onChange={(e) => setLinkedOnly(e.target.checked)} /> {t('linkedOnly')}
              </label>
              <input
                className="rect-filters__search"
                type="search"
                placeholder={t('search')}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
            <table className="rect-table">
              <thead>
                <tr>
                  <th className="rect-col-no">{t('colNo')}</th>
                  <th>{t('colProblem')}</th>
                  <th className="rect-col-status">{t('colStatus')}</th>
                  <th className="rect-col-dept">{t('colDept')}</th>
                  <th className="rect-col-deadline">{t('colDeadline')}</th>
                  <th className="rect-col-links">{t('colLinks')}</th>
                  <th className="rect-col-evidence">{t('colEvidence')}</th>
                  <th className="rect-col-rebound">{t('colRebound')}</th>
                </tr>
              </thead>
              {sections.map((s) => (
                <tbody key={`${s.partOrdinal}:${s.ordinal}`}>
                  <tr className="rect-section">
                    <th colSpan={8}>
                      {s.numeral ? `（${s.numeral}）` : ''}
                      {s.title}
                      <span className="office-muted"> · {s.items.length}</span>
                    </th>
                  </tr>
                  {s.items.map((item, i) => (
                    <Fragment key={item.key}>
                      {item.subsectionOrdinal !== null && item.subsectionOrdinal !== s.items[i - 1]?.subsectionOrdinal && (
                        <tr className="rect-subsection">
                          <th colSpan={8}>
                            {item.subsectionOrdinal}. {item.subsectionTitle}
                          </th>
                        </tr>
                      )}
                      <ItemRow item={item} open={open.has(item.key)} onToggle={() => toggle(item.key)} api={api} work={work} />
                    </Fragment>
                  ))}
                </tbody>
              ))}
            </table>
          </>
        )}
      </div>
    </HallTimeContext.Provider>
  );
}
