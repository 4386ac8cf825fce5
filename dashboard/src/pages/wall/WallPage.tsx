import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../i18n';
import { useLiveSite } from '../../live/useLiveSite';
import './wall.css';

const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function WallPage() {
  const { t, i18n } = useTranslation();
  const params = new URLSearchParams(location.search);
  const site = params.get('site') ?? 'huiji';
  const live = useLiveSite(site, params.get('token') ?? undefined);
  const age = live.lastHeardAt ? Math.max(0, Math.round((live.now - live.lastHeardAt) / 1000)) : null;
  const waiting = live.values['queue.waiting'];
  const served = live.values['queue.served'];

  return (
    <div className={`wall ${live.stale ? 'wall--stale' : ''}`}>
      <header className="wall__top">
        <h1>{t('app.title')}</h1>
        <span className="wall__fresh" data-testid="freshness">
          {age === null ? t('wall.connecting') : t('wall.updated', { age })}
        </span>
        <button className="wall__lang" onClick={() => setLanguage(i18n.language === 'zh' ? 'en' : 'zh')}>
          {t('wall.language')}
        </button>
      </header>
      {live.stale && live.lastHeardAt && (
        <div className="wall__banner" role="alert" data-testid="stale-banner">
          {t('wall.stale', { since: timeFmt.format(new Date(live.lastHeardAt)) })}
        </div>
      )}
      <main className="wall__tiles">
        <section className="tile">
          <div className="tile__label">{t('wall.waiting')}</div>
          <div className="tile__value" data-testid="queue.waiting">
            {waiting ?? '—'}
          </div>
        </section>
        <section className="tile">
          <div className="tile__label">{t('wall.served')}</div>
          <div className="tile__value" data-testid="queue.served">
            {served ?? '—'}
          </div>
        </section>
      </main>
    </div>
  );
}
