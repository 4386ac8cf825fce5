import type { Me } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signInPath, whoAmI } from '../../auth/session';
import { registerTranslations } from '../../i18n';
import { LANDING, mayOpen } from '../../page-access';
import './wall-sign-in.css';

// Its own namespace, so that the wall's other strings stay as they are.
registerTranslations('wall-auth', {
  zh: {
    title: '此大屏未获授权',
    help: '大屏需要管理员发放的显示令牌（在地址中加上 ?token=…），或先登录账户。',
    signIn: '登录',
    forbiddenTitle: '此账户无权查看大屏',
    forbidden: '已登录的账户 {{username}} 不能查看大屏。请使用管理员发放的显示令牌，或换用可查看大屏的账户登录。',
    goHome: '前往我的页面',
  },
  en: {
    title: 'This wall is not authorised',
    help: 'A wall needs a display token from an administrator (add ?token=… to its address), or a signed-in account.',
    signIn: 'Sign in',
    forbiddenTitle: 'This account may not view the wall',
    forbidden:
      'The signed-in account {{username}} may not view the wall. Use a display token from an administrator, or sign in with an account that may.',
    goHome: 'Go to your page',
  },
});

/**
 * Shown when the server refused the wall's credential: no display token and no session, or one
 * that ended; or a session whose role may not read the wall, which is told so and sent to its
 * own page rather than asked to sign in again.
 */
export function WallSignIn() {
  const { t } = useTranslation('wall-auth');
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    whoAmI().then(setMe, () => undefined);
  }, []);
  if (me && !mayOpen(me.role, '/wall')) {
    const site = new URLSearchParams(location.search).get('site');
    const home = site ? `${LANDING[me.role]}?site=${encodeURIComponent(site)}` : LANDING[me.role];
    return (
      <div className="wall-sign-in" role="alert" data-testid="wall-not-permitted">
        <p className="wall-sign-in__title">{t('forbiddenTitle')}</p>
        <p className="wall-sign-in__help">{t('forbidden', { username: me.username })}</p>
        <a className="wall-sign-in__link" href={home} data-testid="go-home">
          {t('goHome')}
        </a>
      </div>
    );
  }
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
