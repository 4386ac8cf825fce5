import { useTranslation } from 'react-i18next';
import { hallTimeOfDay, Lang, waitText } from './format';

/** Past STALE_AFTER_MS without a word from the server: what is on screen is old, and since when. */
export function StaleBanner({ lastHeardAt, now, timeZone }: { lastHeardAt: number; now: number; timeZone: string }) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <div className="stale" role="alert" data-testid="stale-banner">
      <span className="stale__icon">✖</span>
      <span className="stale__title">{t('staleTitle')}</span>
      <span className="stale__since">
        {t('staleSince', { since: hallTimeOfDay(lastHeardAt, timeZone), ago: waitText((now - lastHeardAt) / 1000, lang) })}
      </span>
    </div>
  );
}
