import '../office-page.css';
import { type BreakdownDim, DEFAULT_TIME_ZONE, type TrendGrain, type TrendScope } from '@hallwatch/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../shell/context';
import { trendsApi, TrendsQuery } from './api';
import { BreakdownTable } from './BreakdownTable';
import { addDays, defaultFrom, hallToday, langOf, nameIn } from './format';
import { Heatmap } from './Heatmap';
import './i18n';
import { RankingTable } from './RankingTable';
import { RateCards } from './RateCards';
import { RateChart } from './RateChart';
import { RectifyChart } from './RectifyChart';
import { SiteCompare } from './SiteCompare';
import './trends.css';
import { useDepartments, useTrendsAccess, useTrendsData } from './useTrends';
import { WaitChart } from './WaitChart';

const params = new URLSearchParams(location.search);
const GRAINS: TrendGrain[] = ['day', 'week', 'month'];
const SCOPES: Array<[TrendScope, string]> = [
  ['site', 'scopeSite'],
  ['tree', 'scopeTree'],
  ['all', 'scopeAll'],
];

// The leaders' page (docs/contracts/reviews.md): the three rates and complaints over time, broken down,
// against the previous period, by weekday and hour, against waiting time, and the
// monthly ranking that separates departments and windows (item 46).
export function TrendsPage() {
  const { t, i18n } = useTranslation('trends');
  const lang = langOf(i18n.language);
  const { sites, error, setError, fail } = useTrendsAccess();
  // The site is the shell's (its switcher, the address); the rest of the view is the page's own.
  const site = useSite();
  const [scope, setScope] = useState<TrendScope>((params.get('scope') as TrendScope | null) ?? 'site');
  const [grain, setGrain] = useState<TrendGrain>((params.get('grain') as TrendGrain | null) ?? 'day');
  // A range or month not chosen follows the hall's today, on the hall's own clock.
  const [toChoice, setTo] = useState<string | null>(params.get('to'));
  const [fromChoice, setFrom] = useState<string | null>(params.get('from'));
  // A department belongs to the site it was chosen at: another site starts with all of its own.
  const [departmentChoice, setDepartmentChoice] = useState({ site, code: params.get('department') });
  const [dim, setDim] = useState<BreakdownDim>('department');
  const [monthChoice, setMonth] = useState<string | null>(params.get('month')?.slice(0, 7) ?? null);

  // Without a site in the address, the first hall is the leader's own.
  const chosen = site ?? sites?.find((s) => s.tier === 'hall')?.code ?? null;
  const department = departmentChoice.site === site ? departmentChoice.code : null;
  const setDepartment = (code: string | null) => setDepartmentChoice({ site, code });
  // The figures wait for the site list, which also proves the session (a 401 goes to /login).
  const ready = sites !== null;
  const zone = sites?.find((s) => s.code === chosen)?.timezone ?? DEFAULT_TIME_ZONE;
  const today = useMemo(() => hallToday(zone), [zone]);
  const to = toChoice ?? today;
  const from = fromChoice ?? defaultFrom(to, grain);
  const month = monthChoice ?? today.slice(0, 7);
  const departments = useDepartments(ready ? chosen : null, fail);
  const query: TrendsQuery | null = useMemo(
    () => (ready && (chosen || scope === 'all') ? { site: chosen, scope, grain, from, to, department } : null),
    [ready, chosen, scope, grain, from, to, department],
  );
  const { data, loading } = useTrendsData(query, dim, month, fail);

  useEffect(() => {
    const p = new URLSearchParams({ scope, grain });
    // Today is not known until the site's zone is: the address takes the dates only then.
    if (ready) for (const [k, v] of Object.entries({ from, to, month })) p.set(k, v);
    if (chosen) p.set('site', chosen);
    if (department) p.set('department', department);
    history.replaceState(null, '', `${location.pathname}?${p}`);
  }, [ready, chosen, scope, grain, from, to, department, month]);

  // A new end keeps the start where it stands rather than sliding it along.
  const chooseTo = (day: string) => {
    setFrom(from);
    setTo(day);
  };
  const changeGrain = (g: TrendGrain) => {
    setGrain(g);
    setFrom(null);
  };
  const exportTable =
    (table: Parameters<typeof trendsApi.export>[1], extra: Record<string, string | null> = {}) =>
    async () => {
      if (query) await trendsApi.export(query, table, extra).catch(fail);
    };
  const chosenSite = sites?.find((s) => s.code === chosen);
  const siteName = chosenSite && nameIn(chosenSite, lang);

  return (
    <div className="office-page tr-page" data-loading={loading ? 'yes' : 'no'}>
      <header className="office-header">
        <div>
          <h1>
            {t('title')} {scope !== 'all' && siteName && <span className="office-header__site">· {siteName}</span>}
          </h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
      </header>
      {error && (
        <p className="tr-error" role="alert">
          {error}{' '}
          <button type="button" className="tr-link" onClick={() => setError(null)}>
            ×
          </button>
        </p>
      )}

      <form className="tr-controls" onSubmit={(e) => e.preventDefault()}>
        <div className="tr-seg" role="group" aria-label={t('scope')}>
          {SCOPES.map(([s, label]) => (
            <button key={s} type="button" className={s === scope ? 'tr-seg__on' : ''} onClick={() => setScope(s)}>
              {t(label)}
            </button>
          ))}
        </div>
        <div className="tr-seg" role="group" aria-label={t('grain')}>
          {GRAINS.map((g) => (
            <button key={g} type="button" className={g === grain ? 'tr-seg__on' : ''} onClick={() => changeGrain(g)}>
              {t(g)}
            </button>
          ))}
        </div>
        <label>
          {t('from')}
          <input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label>
          {t('to')}
          <input type="date" value={to} min={from} onChange={(e) => e.target.value && chooseTo(e.target.value)} />
        </label>
        <label>
          {t('department')}
          <select value={department ?? ''} onChange={(e) => setDepartment(e.target.value || null)}>
            <option value="">{t('allDepartments')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {nameIn(d, lang)}
              </option>
            ))}
          </select>
        </label>
      </form>

      {!data.series ? (
        <p className="office-muted">{t('loading')}</p>
      ) : (
        <>
          <RateCards series={data.series} />
          <p className="office-muted office-small">
            {data.series.from} – {data.series.to} ·{' '}
            {t('previousRange', { from: data.series.previous[0]?.period ?? '—', to: addDays(data.series.from, -1) })}
          </p>
          <div className="tr-grid">
            <RateChart series={data.series} lang={lang} />
            <RectifyChart series={data.series} lang={lang} />
            <BreakdownTable
              view={data.breakdown}
              dim={dim}
              onDim={setDim}
              siteScope={scope === 'site'}
              onExport={exportTable('breakdown', { dim })}
            />
            <Heatmap view={data.heatmap} lang={lang} onExport={exportTable('heatmap')} />
            <WaitChart view={data.waiting} onExport={exportTable('waiting')} />
          </div>
          {query && chosen && sites && <SiteCompare query={query} sites={sites} lang={lang} fail={fail} />}
          <section className="tr-ranking">
            <header className="tr-panel__head">
              <h2>{t('rankingTitle')}</h2>
              <label>
                {t('rankingMonth')} <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
              </label>
            </header>
            <p className="office-muted office-small">{t('rankingHint')}</p>
            <div className="tr-grid">
              <RankingTable
                title={t('rankDepartments')}
                view={data.departments}
                lang={lang}
                testId="ranking-departments"
                onExport={exportTable('ranking', { unit: 'department', month })}
              />
              {scope === 'site' ? (
                <RankingTable
                  title={t('rankWindows')}
                  view={data.windows}
                  lang={lang}
                  testId="ranking-windows"
                  onExport={exportTable('ranking', { unit: 'window', month })}
                />
              ) : (
                <section className="tr-panel">
                  <p className="office-muted">{t('siteOnly')}</p>
                </section>
              )}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
