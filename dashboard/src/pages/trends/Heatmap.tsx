import type { HeatmapCell, HeatmapMetric, HeatmapView } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from './ExportButton';
import { Lang, weekdayName } from './format';

const SCALES: Record<HeatmapMetric, [number[], number[]]> = {
  wait: [
    [238, 243, 250],
    [16, 61, 122],
  ],
  bad: [
    [253, 242, 240],
    [170, 29, 36],
  ],
};

function shade(metric: HeatmapMetric, share: number): string {
  const [from, to] = SCALES[metric];
  const c = from.map((f, i) => Math.round(f + (to[i] - f) * share));
  return `rgb(${c.join(',')})`;
}

const valueOf = (c: HeatmapCell | undefined, metric: HeatmapMetric): number | null => {
  if (!c) return null;
  if (metric === 'bad') return c.bad;
  return c.waitCount ? c.waitSumSec / c.waitCount / 60 : null;
};

export function Heatmap({ view, lang, onExport }: { view: HeatmapView | null; lang: Lang; onExport: () => Promise<void> }) {
  const { t } = useTranslation('trends');
  const [metric, setMetric] = useState<HeatmapMetric>('wait');
  const cells = view?.cells ?? [];
  const used = cells.filter((c) => (metric === 'wait' ? c.waitCount : c.reviews)).map((c) => c.hour);
  const first = used.length ? Math.min(8, ...used) : 8;
  const last = used.length ? Math.max(17, ...used) : 17;
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const at = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c]));
  const values = cells.map((c) => valueOf(c, metric)).filter((v): v is number => v !== null);
  const max = Math.max(1e-9, ...values);
  return (
    <section className="tr-panel" data-testid="heatmap">
      <header className="tr-panel__head">
        <h2>{t('heatmapTitle')}</h2>
        <div className="tr-tabs">
          {(['wait', 'bad'] as const).map((m) => (
            <button key={m} type="button" className={m === metric ? 'tr-tab tr-tab--on' : 'tr-tab'} onClick={() => setMetric(m)}>
              {t(m === 'wait' ? 'heatWait' : 'heatBad')}
            </button>
          ))}
        </div>
        <ExportButton run={onExport} testId="export-heatmap" />
      </header>
      {/* On a phone the hours keep a readable width and the grid scrolls sideways in its own box. */}
      <div className="tr-heat-box">
        <div className="tr-heat" style={{ gridTemplateColumns: `3.2em repeat(${hours.length}, minmax(26px, 1fr))` }}>
          <span />
          {hours.map((h) => (
            <span key={h} className="tr-heat__hour">
              {h}
            </span>
          ))}
          {[1, 2, 3, 4, 5, 6, 7].map((d) => [
            <span key={`d${d}`} className="tr-heat__day">
              {weekdayName(d, lang)}
            </span>,
            ...hours.map((h) => {
              const v = valueOf(at.get(`${d}:${h}`), metric);
              const share = v === null ? 0 : v / max;
              return (
                <span
                  key={`${d}:${h}`}
                  className="tr-heat__cell"
                  style={{ background: v === null ? '#f7f8fa' : shade(metric, share), color: share > 0.55 ? '#fff' : '#1b2430' }}
                  title={`${weekdayName(d, lang)} ${h}:00 — ${v === null ? '—' : metric === 'wait' ? `${v.toFixed(1)} min` : v}`}
                >
                  {v === null ? '' : metric === 'wait' ? v.toFixed(0) : v}
                </span>
              );
            }),
          ])}
        </div>
      </div>
      <p className="office-muted office-small">{t(metric === 'wait' ? 'heatLegendWait' : 'heatLegendBad')}</p>
    </section>
  );
}
