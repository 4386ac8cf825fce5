import { activeRate, goodRate, type TrendSeriesView } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Lang, periodLabel } from './format';

const COLORS = { active: '#1f5fbf', good: '#17803d', previous: '#8a94a3' };
const asPct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);

export function RateChart({ series, lang }: { series: TrendSeriesView; lang: Lang }) {
  const { t } = useTranslation('trends');
  const [overlay, setOverlay] = useState(true);
  const rows = series.points.map((p, i) => {
    const prev = series.previous[i];
    return {
      label: periodLabel(p.period, series.grain, lang),
      active: asPct(activeRate(p)),
      good: asPct(goodRate(p)),
      prevGood: prev ? asPct(goodRate(prev)) : null,
    };
  });
  const values = rows.flatMap((r) => [r.active, r.good, overlay ? r.prevGood : null]).filter((v): v is number => v !== null);
  // A line needs two days with data; a hall's first day would otherwise draw nothing at all.
  const dots = rows.filter((r) => r.good !== null || r.active !== null).length < 2 ? { r: 4 } : false;
  // Both rates live in the nineties: an axis from zero would flatten every movement.
  const low = values.length ? Math.max(0, Math.floor((Math.min(...values) - 2) / 5) * 5) : 0;
  const high = values.length ? Math.max(100, Math.ceil(Math.max(...values))) : 100;
  return (
    <section className="tr-panel" data-testid="rate-chart">
      <header className="tr-panel__head">
        <h2>{t('trendTitle')}</h2>
        <label className="tr-check">
          <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} /> {t('showPrevious')}
        </label>
      </header>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis yAxisId="rate" domain={[low, high]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} width={52} />
          <Tooltip formatter={(v, name) => [`${v}%`, name]} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Line
            yAxisId="rate"
            dataKey="active"
            name={t('activeRate')}
            stroke={COLORS.active}
            strokeWidth={2}
            dot={dots}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="rate"
            dataKey="good"
            name={t('goodRate')}
            stroke={COLORS.good}
            strokeWidth={2.5}
            dot={dots}
            isAnimationActive={false}
            connectNulls
          />
          {overlay && (
            <Line
              yAxisId="rate"
              dataKey="prevGood"
              name={`${t('goodRate')}（${t('previous')}）`}
              stroke={COLORS.previous}
              strokeDasharray="5 4"
              strokeWidth={1.5}
              dot={dots}
              isAnimationActive={false}
              connectNulls
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </section>
  );
}
