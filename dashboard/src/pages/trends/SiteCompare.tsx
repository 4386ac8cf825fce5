import {
  activeRate,
  averageWaitSec,
  goodRate,
  MAX_COMPARED_SITES,
  type RateCounts,
  type SiteComparisonView,
  type SiteView,
} from '@hallwatch/shared';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { trendsApi, type TrendsQuery } from './api';
import { ExportButton } from './ExportButton';
import { count, type Lang, minutes, nameIn, pct, periodLabel } from './format';
import { SitePicker } from './SitePicker';

/** The measures a comparison can draw, each read the same way from any site's counts. */
const MEASURES = {
  goodRate: { value: goodRate, rate: true },
  activeRate: { value: activeRate, rate: true },
  completed: { value: (c: RateCounts) => c.completed, rate: false },
  reviews: { value: (c: RateCounts) => c.reviews, rate: false },
  bad: { value: (c: RateCounts) => c.bad, rate: false },
  avgWait: { value: (c: RateCounts) => (averageWaitSec(c) === null ? null : averageWaitSec(c)! / 60), rate: false },
} as const;
type Measure = keyof typeof MEASURES;

// Twelve lines must stay apart: a qualitative palette, then dashes for the second six.
const COLORS = ['#1f5fbf', '#c2410c', '#17803d', '#7c3aed', '#b45309', '#0e7490'];

const shown = (m: Measure, v: number | null): string =>
  v === null ? '—' : MEASURES[m].rate ? pct(v) : m === 'avgWait' ? v.toFixed(1) : count(v);

/** The trends' sites side by side: each chosen site's own figures, one line each, and their totals. */
export function SiteCompare({
  query,
  sites,
  lang,
  fail,
}: {
  query: TrendsQuery;
  sites: SiteView[];
  lang: Lang;
  fail: (err: unknown) => void;
}) {
  const { t } = useTranslation('trends');
  // The sites the server lets this site compare: itself and everything under it.
  const tree = useMemo(() => {
    const inside = new Set(query.site ? [query.site] : []);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of sites)
        if (s.parent && inside.has(s.parent) && !inside.has(s.code)) {
          inside.add(s.code);
          grew = true;
        }
    }
    return sites.filter((s) => inside.has(s.code));
  }, [sites, query.site]);
  // By default the site and the first few under it: a town's centre beside its stations.
  const [choice, setChoice] = useState<{ site: string | null; codes: string[] } | null>(null);
  const codes =
    choice?.site === query.site
      ? choice.codes
      : tree
          .filter((s) => s.code === query.site || s.parent === query.site)
          .slice(0, 4)
          .map((s) => s.code);
  const [measure, setMeasure] = useState<Measure>('goodRate');
  const [view, setView] = useState<SiteComparisonView | null>(null);
  const key = codes.join(',');

  useEffect(() => {
    if (!key || !query.site) return;
    let live = true;
    trendsApi.siteSeries(query, key).then((v) => live && setView(v), fail);
    return () => {
      live = false;
    };
  }, [query, key, fail]);

  const current = view && view.sites.map((s) => s.site).join(',') === key ? view : null;
  const rows = current
    ? current.sites[0].points.map((p, i) => ({
        label: periodLabel(p.period, current.grain, lang),
        ...Object.fromEntries(current.sites.map((s) => [s.site, MEASURES[measure].value(s.points[i])])),
      }))
    : [];
  const siteName = (code: string) => {
    const s = sites.find((x) => x.code === code);
    return s ? nameIn(s, lang) : code;
  };

  return (
    <section className="tr-panel tr-panel--wide tr-compare" data-testid="site-compare">
      <header className="tr-panel__head">
        <h2>{t('compareSites')}</h2>
        {codes.length > 0 && (
          <ExportButton run={() => trendsApi.export(query, 'sites', { sites: key }).catch(fail)} testId="export-sites" />
        )}
      </header>
      <p className="office-muted office-small">{t('compareHint')}</p>
      <div className="tr-compare__body">
        <SitePicker
          sites={tree}
          chosen={codes}
          onChange={(c) => setChoice({ site: query.site, codes: c })}
          max={MAX_COMPARED_SITES}
          lang={lang}
        />
        <div className="tr-compare__figures">
          <div className="tr-tabs" role="group" aria-label={t('measure')}>
            {(Object.keys(MEASURES) as Measure[]).map((m) => (
              <button
                key={m}
                type="button"
                className={m === measure ? 'tr-tab tr-tab--on' : 'tr-tab'}
                aria-pressed={m === measure}
                onClick={() => setMeasure(m)}
                data-testid={`measure-${m}`}
              >
                {t(m)}
              </button>
            ))}
          </div>
          {codes.length === 0 ? (
            <p className="office-muted">{t('chooseSites')}</p>
          ) : !current ? (
            <p className="office-muted">{t('loading')}</p>
          ) : (
            <>
              <ResponsiveContainer width="100%" height={300}>
                <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#e6eaf0" vertical={false} />
                  <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
                  <YAxis
                    tickFormatter={(v: number) => (MEASURES[measure].rate ? `${Math.round(v * 100)}%` : String(v))}
                    tick={{ fontSize: 12 }}
                    width={52}
                  />
                  <Tooltip formatter={(v, name) => [shown(measure, typeof v === 'number' ? v : null), name]} />
                  <Legend wrapperStyle={{ fontSize: 13 }} />
                  {current.sites.map((s, i) => (
                    <Line
                      key={s.site}
                      dataKey={s.site}
                      name={nameIn(s, lang)}
                      stroke={COLORS[i % COLORS.length]}
                      strokeDasharray={i >= COLORS.length ? '6 3' : undefined}
                      strokeWidth={2}
                      dot={rows.length < 3 ? { r: 4 } : false}
                      isAnimationActive={false}
                      connectNulls
                    />
                  ))}
                </LineChart>
              </ResponsiveContainer>
              <div className="tr-scroll">
                <table className="tr-table" data-testid="site-compare-table">
                  <thead>
                    <tr>
                      <th>{t('site')}</th>
                      <th className="tr-num">{t('reviews')}</th>
                      <th className="tr-num">{t('completed')}</th>
                      <th className="tr-num">{t('activeRate')}</th>
                      <th className="tr-num">{t('goodRate')}</th>
                      <th className="tr-num">{t('bad')}</th>
                      <th className="tr-num">{t('avgWait')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.sites.map((s) => (
                      <tr key={s.site} data-site={s.site}>
                        <td>
                          {siteName(s.site)}
                          {s.parent && s.tier === 'village' && <span className="office-muted office-small"> · {siteName(s.parent)}</span>}
                        </td>
                        <td className="tr-num">{count(s.totals.reviews)}</td>
                        <td className="tr-num">{count(s.totals.completed)}</td>
                        <td className="tr-num">{pct(activeRate(s.totals))}</td>
                        <td className="tr-num">{pct(goodRate(s.totals))}</td>
                        <td className="tr-num">{count(s.totals.bad)}</td>
                        <td className="tr-num">{minutes(averageWaitSec(s.totals))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
