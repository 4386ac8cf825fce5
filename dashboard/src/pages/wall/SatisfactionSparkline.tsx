import { useTranslation } from 'react-i18next';
import { Figure } from './Figure';
import { hallClock, itemsText, percentParts, percentText } from './format';
import { itemsOf } from './off-target';
import { Tone, TONE_ICON } from './tone';
import { useElementSize } from './useElementSize';

export interface SparklineProps {
  /** Recorded hours of today (each the last value of its hour). */
  points: Array<{ hour: string; value: number | null }>;
  /** The live value, standing for the current hour. */
  current: number | null | undefined;
  now: number;
  timeZone: string;
  target: number | null;
  tone: Tone;
}

const PAD = 8;

/** Today's 好评率 hour by hour, the live value as the last point, against the target line. */
export function SatisfactionSparkline({ points, current, now, timeZone, target, tone }: SparklineProps) {
  const { t } = useTranslation('wall');
  const [ref, size] = useElementSize<HTMLDivElement>();
  const hourOf = (ms: number) => Math.floor(hallClock(ms, timeZone, 'zh').minuteOfDay / 60);
  const series = new Map<number, number>();
  for (const p of points) if (p.value !== null) series.set(hourOf(Date.parse(p.hour)), p.value);
  if (current !== null && current !== undefined) series.set(hourOf(now), current);
  const hours = [...series.keys()].sort((a, b) => a - b);
  const from = Math.min(8, ...hours);
  const to = Math.max(18, ...hours.map((h) => h + 1));
  const values = hours.map((h) => series.get(h) ?? 0);
  const lo = Math.min(target ?? 1, ...values) - 0.005;
  const hi = Math.max(1, ...values);
  const [w, h] = [Math.max(1, size.width), Math.max(1, size.height)];
  const x = (hour: number) => PAD + ((hour + 0.5 - from) / (to - from)) * (w - 2 * PAD);
  const y = (v: number) => PAD + ((hi - v) / Math.max(0.001, hi - lo)) * (h - 2 * PAD);
  const line = hours.map((hr) => `${x(hr).toFixed(1)},${y(series.get(hr) ?? 0).toFixed(1)}`).join(' ');
  const last = hours[hours.length - 1];

  return (
    <section className={`panel spark tone--${tone}`}>
      <header className="panel__head">
        <h2>
          {t('satisfaction.title')} <span className="panel__items">{itemsText(itemsOf('reviews.good_rate'))}</span>
        </h2>
        <span className="spark__value">
          {tone === 'breach' ? `${TONE_ICON.breach} ` : ''}
          <Figure parts={percentParts(current)} />
        </span>
      </header>
      <div className="spark__box" ref={ref}>
        {hours.length ? (
          <svg className="spark__svg" width={w} height={h} role="img" aria-label={t('satisfaction.title')}>
            {target !== null && <line className="spark__target" x1={PAD} x2={w - PAD} y1={y(target)} y2={y(target)} />}
            <polyline className="spark__line" points={line} />
            {hours.map((hr) => (
              <circle key={hr} className="spark__dot" cx={x(hr)} cy={y(series.get(hr) ?? 0)} r={(hr === last ? 0.4 : 0.22) * size.rem} />
            ))}
          </svg>
        ) : (
          <p className="panel__empty">{t('satisfaction.empty')}</p>
        )}
      </div>
      <div className="spark__axis">
        <span>{`${String(from).padStart(2, '0')}:00`}</span>
        {target !== null && <span className="spark__goal">{t('satisfaction.target', { v: `≥ ${percentText(target)}` })}</span>}
        <span>{`${String(to).padStart(2, '0')}:00`}</span>
      </div>
    </section>
  );
}
