import { useTranslation } from 'react-i18next';
import { signInPath } from '../../auth/session';
import { registerTranslations } from '../../i18n';
import './wall-sign-in.css';

// Its own namespace, so that the wall's other strings stay as they are.
registerTranslations('wall-auth', {
  zh: {
    title: '此大屏未获授权',
    help: '大屏需要管理员发放的显示令牌（在地址中加上 ?token=…），或先登录账户。',
    signIn: '登录',
  },
  en: {
    title: 'This wall is not authorised',
    help: 'A wall needs a display token from an administrator (add ?token=… to its address), or a signed-in account.',
    signIn: 'Sign in',
  },
});

/** Shown when the server refused the wall's credential: no display token and no session, or one that ended. */
export function WallSignIn() {
  const { t } = useTranslation('wall-auth');
  return (
    <div className="wall-sign-in" role="alert" data-testid="wall-sign-in">
      <p className="wall-sign-in__title">{t('title')}</p>
      <p className="wall-sign-in__help">{t('help')}</p>
      <a className="wall-sign-in__link" href={signInPath()}>
        {t('signIn')}
      </a>
    </div>
  );
}
