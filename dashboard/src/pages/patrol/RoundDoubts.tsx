import type { PatrolTodayView, RoundDoubt } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { hallTime } from './deadline';

/** Why the server holds a completed round 存疑, one line per reason. */
export function RoundDoubts({ doubts, today, lang }: { doubts: RoundDoubt[]; today: PatrolTodayView; lang: 'zh' | 'en' }) {
  const { t } = useTranslation('patrol');
  if (!doubts.length) return null;
  const names = (codes: string[] = []) =>
    codes.map((c) => today.checkpoints.find((cp) => cp.code === c)?.label[lang] ?? c).join(lang === 'zh' ? '、' : ', ');
  const duration = (sec = 0) => t('minutes', { m: Math.floor(sec / 60), s: sec % 60 });
  const time = (iso?: string) => (iso ? hallTime(iso, today.utcOffsetMinutes) : '');
  // The time first: a checkpoint's name may end in brackets of its own.
  const timed = (checks: NonNullable<RoundDoubt['checks']> = []) =>
    checks.map((c) => `${time(c.at)} ${names([c.checkpoint])}`).join(lang === 'zh' ? '、' : ', ');
  const line = (d: RoundDoubt) =>
    d.reason === 'check_outside_round'
      ? t('doubt.check_outside_round', { from: time(d.from), to: time(d.to), list: timed(d.checks) })
      : d.reason === 'outside_window'
        ? t('doubt.outside_window', {
            opens: d.opensAt ? hallTime(d.opensAt, today.utcOffsetMinutes) : '',
            closes: d.closesAt ? hallTime(d.closesAt, today.utcOffsetMinutes) : '',
          })
        : d.reason === 'too_short'
          ? t('doubt.too_short', { duration: duration(d.seconds), min: duration(d.minSeconds) })
          : t(`doubt.${d.reason}`, { list: names(d.checkpoints) });
  return (
    <div className="pt-doubts" data-testid="round-doubts">
      <strong>{t('doubtTitle')}</strong>
      <ul>
        {doubts.map((d) => (
          <li key={d.reason} data-reason={d.reason}>
            {line(d)}
          </li>
        ))}
      </ul>
    </div>
  );
}
