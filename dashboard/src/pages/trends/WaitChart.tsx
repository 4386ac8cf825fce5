import type { WaitSatisfactionView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, LabelList, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ExportButton } from './ExportButton';

export function WaitChart({ view, onExport }: { view: WaitSatisfactionView | null; onExport: () => Promise<void> }) {
  const { t } = useTranslation('trends');
  const label = (bucket: string) => {
    const [a, b] = bucket.replace('+', '').split('-').map(Number);
    return b === undefined ? t('bucketOver', { a }) : t('bucketRange', { a, b });
  };
  const rows = (view?.rows ?? []).map((r) => ({
    bucket: label(r.bucket),
    good: r.reviews ? Math.round((r.good / r.reviews) * 10000) / 100 : null,
    badShare: r.reviews ? Math.round((r.bad / r.reviews) * 10000) / 100 : null,
    reviews: r.reviews,
  }));
  const goods = rows.map((r) => r.good).filter((v): v is number => v !== null);
  const low = goods.length ? Math.max(0, Math.floor((Math.min(...goods) - 3) / 5) * 5) : 0;
  return (
    <section className="tr-panel" data-testid="wait-chart">
      <header className="tr-panel__head">
        <h2>{t('waitTitle')}</h2>
        <ExportButton run={onExport} testId="export-waiting" />
      </header>
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={rows} margin={{ top: 18, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e6eaf0" vertical={false} />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="good" domain={[low, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} width={48} />
          <YAxis yAxisId="bad" orientation="right" tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 12 }} width={44} />
          <Tooltip formatter={(v, name) => [`${v}%`, name]} />
          <Legend wrapperStyle={{ fontSize: 13 }} />
          <Bar yAxisId="good" dataKey="good" name={t('goodRate')} fill="#3f8f5a" isAnimationActive={false} barSize={34}>
            <LabelList
              dataKey="good"
              position="top"
              formatter={(v) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '')}
              style={{ fontSize: 11 }}
            />
          </Bar>
          <Line
            yAxisId="bad"
            dataKey="badShare"
            name={`${t('bad')} %`}
            stroke="#b4232a"
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
      {view && view.unlinked > 0 && <p className="office-muted office-small">{t('waitUnlinked', { n: view.unlinked })}</p>}
    </section>
  );
}
