import {
  activeRate,
  callbackRate,
  complaintOnTimeRate,
  goodRate,
  rectifyRate,
  type RateCounts,
  type TrendSeriesView,
} from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { count, pct, pointsDelta } from './format';

interface Card {
  key: string;
  label: string;
  hint: string;
  value: string;
  previous: string;
  /** Signed change; positive is good news when `higherIsBetter`. */
  delta: number | null;
  unit: 'pp' | 'n';
  higherIsBetter: boolean;
  /** Below a hard requirement (real-name call-backs must be 100%). */
  alarm?: boolean;
}

const rateCard = (key: string, f: (c: RateCounts) => number | null, now: RateCounts, before: RateCounts) => ({
  key,
  value: pct(f(now)),
  previous: pct(f(before)),
  delta: pointsDelta(f(now), f(before)),
  unit: 'pp' as const,
  higherIsBetter: true,
});

function Delta({ card }: { card: Card }) {
  const { t } = useTranslation('trends');
  if (card.delta === null || Math.abs(card.delta) < 0.005) return <span className="tr-delta">{t('vsPrevious')} —</span>;
  const up = card.delta > 0;
  const good = up === card.higherIsBetter;
  const size = card.unit === 'pp' ? t('points', { n: Math.abs(card.delta).toFixed(2) }) : String(Math.abs(card.delta));
  return (
    <span className={`tr-delta ${good ? 'tr-delta--good' : 'tr-delta--bad'}`}>
      {t('vsPrevious')} {up ? '▲' : '▼'} {size}
    </span>
  );
}

export function RateCards({ series }: { series: TrendSeriesView }) {
  const { t } = useTranslation('trends');
  const now = series.totals;
  const before = series.previousTotals;
  const callback = callbackRate(now);
  const cards: Card[] = [
    { ...rateCard('activeRate', activeRate, now, before), label: t('activeRate'), hint: t('cardActiveHint') },
    { ...rateCard('goodRate', goodRate, now, before), label: t('goodRate'), hint: t('cardGoodHint') },
    { ...rateCard('rectifyRate', rectifyRate, now, before), label: t('rectifyRate'), hint: t('cardRectifyHint') },
    {
      ...rateCard('callbackRate', callbackRate, now, before),
      label: t('callbackRate'),
      hint: t('cardCallbackHint'),
      alarm: callback !== null && callback < 1,
    },
    {
      key: 'complaints',
      label: t('complaints'),
      hint: t('cardComplaintsHint', { rate: pct(complaintOnTimeRate(now)) }),
      value: count(now.complaints),
      previous: count(before.complaints),
      delta: now.complaints - before.complaints,
      unit: 'n',
      higherIsBetter: false,
    },
  ];
  return (
    <section className="tr-cards" aria-label={t('title')}>
      {cards.map((c) => (
        <div key={c.key} className={`tr-card${c.alarm ? ' tr-card--alarm' : ''}`} data-testid={`card-${c.key}`}>
          <div className="tr-card__label">{c.label}</div>
          <div className="tr-card__value" data-testid={`card-${c.key}-value`}>
            {c.value}
          </div>
          <div className="tr-card__foot">
            <Delta card={c} />
            <span className="office-muted">
              {t('previous')} {c.previous}
            </span>
          </div>
          <div className="tr-card__hint">{c.hint}</div>
        </div>
      ))}
    </section>
  );
}
