import { rectifyRate, type TrendSeriesView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Lang, periodLabel } from './format';

// Bad reviews and complaints are counted in tens a day, so their rate swings; it gets its
// own full-height axis beside the counts instead of flattening the two rates in the nineties.
export function RectifyChart({ series, lang }: { series: TrendSeriesView; lang: Lang }) {
  const { t } = useTranslation('trends');
  const rows = series.points.map((p) => {
    const r = rectifyRate(p);
    return {
      label: periodLabel(p.period, series.grain, lang),
      bad: p.bad,
      complaints: p.complaints,
      rectify: r === null ? null : Math.round(r * 1000) / 10,
    };
  });
  return (
    <section className="tr-panel" data-testid="rectify-chart">
      <header className="tr-panel__head">
        <h2>{t('rectifyTitle')}</h2>
      </header>
      <ResponsiveContainer width="100%" height={300}>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, 100]}
            tickFormatter={(v: number) => `${v}%`}
            tick={{ fontSize: 12 }}
            width={48}
          />
          <Tooltip formatter={(v, name) => (name === t('rectifyRate') ? [`${v}%`, name] : [v, name])} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar yAxisId="n" dataKey="bad" name={t('bad')} fill="#e3a29f" isAnimationActive={false} />
          <Bar yAxisId="n" dataKey="complaints" name={t('complaints')} fill="#8d99ab" isAnimationActive={false} />
          <Line
            yAxisId="rate"
            dataKey="rectify"
            name={t('rectifyRate')}
            stroke="#b35c00"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </section>
  );
}
