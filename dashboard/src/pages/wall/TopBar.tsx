import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n';
import { hallClock, Lang } from './format';

export interface TopBarProps {
  hallName: string | null;
  now: number;
  timeZone: string;
  lastHeardAt: number | null;
  connected: boolean;
  stale: boolean;
  /** Page names when the wall rotates, with the one on screen. */
  pages: string[] | null;
  page: number;
}

export function TopBar({ hallName, now, timeZone, lastHeardAt, connected, stale, pages, page }: TopBarProps) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const clock = hallClock(now, timeZone, lang);
  const age = lastHeardAt === null ? null : Math.max(0, Math.round((now - lastHeardAt) / 1000));
  const fresh = age === null ? 'connecting' : stale ? 'stale' : connected ? 'live' : 'reconnecting';
  const freshText =
    fresh === 'connecting'
      ? t('connecting')
      : fresh === 'stale'
        ? t('staleTitle')
        : fresh === 'reconnecting'
          ? t('reconnecting')
          : t('updated', { age });

  return (
    <header className="top">
      <h1 className="top__title">
        {hallName ?? ''}
        <span className="top__sub"> · {t('title')}</span>
      </h1>
      {pages && (
        <ol className="top__pages" data-testid="wall-pages">
          {pages.map((p, i) => (
            <li key={p} className={i === page ? 'is-current' : ''} aria-current={i === page ? 'page' : undefined}>
              {p}
            </li>
          ))}
        </ol>
      )}
      <span className="top__date">
        {clock.date} {clock.weekday}
      </span>
      <span className="top__clock" data-testid="clock">
        {clock.time}
      </span>
      <span className={`top__fresh fresh--${fresh}`} data-testid="freshness" data-fresh={fresh}>
        <span className="fresh__dot">●</span> {freshText}
      </span>
      <button type="button" className="top__lang" onClick={() => setLanguage(lang === 'zh' ? 'en' : 'zh')}>
        {t('language')}
      </button>
    </header>
  );
}
