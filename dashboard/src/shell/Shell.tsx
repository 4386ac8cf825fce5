import type { Me, Role, SiteView } from '@hallwatch/shared';
import { ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { signOut } from '../auth/session';
import { setLanguage } from '../i18n';
import { isPagePath, LANDING, mayOpen, PAGES, type PagePath, rolesOf } from '../page-access';
import { ShellContext, type ShellState } from './context';
import './i18n';
import { NavMenus } from './NavMenus';
import { siteGroups } from '../sites/site-tree';
import './shell.css';
import { type ShellSession, useShellSession } from './useShellSession';

const withSite = (path: string, site: string | null) => (site ? `${path}?site=${encodeURIComponent(site)}` : path);

/**
 * Every page but the wall and the sign-in page opens inside this: the header (navigation for
 * the signed-in role, site switcher, language, sign-out) and the guard that lets only the
 * page's roles in (page-access.ts). A printable page ('bare') gets the guard without the header.
 */
export function Shell({ path, children }: { path: string; children?: ReactNode }) {
  const session = useShellSession();
  const page = isPagePath(path) ? path : null;
  const state: ShellState = { me: session.me, sites: session.sites, site: session.site };

  if (!session.ready) return <ShellFrame session={session} page={page} />;
  // Offline before anyone was ever heard of: the page decides for itself (patrol keeps its copy).
  const verdict = !page ? 'missing' : session.me && !mayOpen(session.me.role, page) ? 'forbidden' : 'open';
  if (verdict === 'open' && page && PAGES[page].frame === 'bare') {
    return <ShellContext.Provider value={state}>{children}</ShellContext.Provider>;
  }
  return (
    <ShellContext.Provider value={state}>
      <ShellFrame session={session} page={page}>
        {verdict === 'open' ? (
          children
        ) : verdict === 'forbidden' ? (
          <NotForYou page={page!} me={session.me!} site={session.site} />
        ) : (
          <NoSuchPage path={path} me={session.me} site={session.site} />
        )}
      </ShellFrame>
    </ShellContext.Provider>
  );
}

function ShellFrame({ session, page, children }: { session: ShellSession; page: PagePath | null; children?: ReactNode }) {
  const { t, i18n } = useTranslation('shell');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [open, setOpen] = useState(false);
  const { me, site } = session;
  const home = me ? withSite(LANDING[me.role], site) : '/';

  // The page's language is the document's, for the browser's fonts and screen readers.
  useEffect(() => {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [lang]);

  return (
    <div className="sh-app" data-role={me?.role ?? ''}>
      <header className="sh-bar">
        <div className="sh-bar__inner">
          <a className="sh-brand" href={home} title={t('product')}>
            <span className="sh-brand__mark" aria-hidden="true" />
            <span className="sh-brand__long">{t('product')}</span>
            <span className="sh-brand__short">{t('productShort')}</span>
          </a>
          {session.ready && me && (
            <button
              type="button"
              className="sh-menu-button"
              aria-expanded={open}
              aria-controls="sh-drawer"
              onClick={() => setOpen(!open)}
              data-testid="menu"
            >
              <span className="sh-menu-button__icon" aria-hidden="true" />
              {open ? t('closeMenu') : t('menu')}
            </button>
          )}
          <div id="sh-drawer" className="sh-drawer" data-open={open ? 'yes' : 'no'}>
            {me && <NavMenus role={me.role} page={page} site={site} />}
            {me && (
              <div className="sh-tools">
                {session.several && <SiteSwitcher session={session} lang={lang} />}
                <span className="sh-user" data-testid="shell-user">
                  {me.username} · {t(`roles.${me.role}`)}
                </span>
                <button
                  type="button"
                  className="sh-button"
                  title={`${me.username} · ${t(`roles.${me.role}`)}`}
                  onClick={() => void signOut()}
                  data-testid="sign-out"
                >
                  {t('signOut')}
                </button>
              </div>
            )}
          </div>
          <button
            type="button"
            className="sh-button sh-lang"
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
            title={t('languageName')}
            onClick={() => setLanguage(lang === 'zh' ? 'en' : 'zh')}
            data-testid="language"
          >
            {t('language')}
          </button>
        </div>
      </header>
      {/* The page's own chunk loads under the header, not in place of it. */}
      <Suspense fallback={<p className="sh-loading">{t('loading')}</p>}>
        {session.ready ? children : <p className="sh-loading">{t('loading')}</p>}
      </Suspense>
    </div>
  );
}

function SiteSwitcher({ session, lang }: { session: ShellSession; lang: 'zh' | 'en' }) {
  const { t } = useTranslation('shell');
  const { me, sites, site } = session;
  const name = (s: SiteView) => (lang === 'en' && s.nameEn) || s.name;
  // The hall on top, then each town as a group holding its centre and its villages, so that a
  // village reads under its own town among a hundred sites.
  const tree = sites ? siteGroups(sites) : null;
  // Without the registry's names (a patrol account), the account's own codes.
  const loose: Array<{ code: string; label: string }> = tree
    ? tree.top.map((s) => ({ code: s.code, label: name(s) }))
    : me && me.sites !== 'all'
      ? me.sites.map((code) => ({ code, label: code }))
      : [];
  const known = new Set([
    ...loose.map((o) => o.code),
    ...(tree?.groups.flatMap((g) => [g.head.code, ...g.members.map((m) => m.code)]) ?? []),
  ]);
  if (site && !known.has(site)) loose.unshift({ code: site, label: site });
  return (
    <label className="sh-site">
      <span className="sh-site__label">{t('site')}</span>
      <select value={site ?? ''} onChange={(e) => session.chooseSite(e.target.value)} aria-label={t('site')} data-testid="site-picker">
        {loose.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
        {tree?.groups.map((g) => (
          <optgroup key={g.head.code} label={name(g.head)}>
            <option value={g.head.code}>{name(g.head)}</option>
            {g.members.map((m) => (
              <option key={m.code} value={m.code}>
                {`${m.tier === 'village' ? '　' : ''}${name(m)}`}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}

function pageName(path: string, t: (key: string) => string): string {
  const nav = isPagePath(path) ? (PAGES[path] as { nav?: string }).nav : undefined;
  return nav ? t(`nav.${nav}`) : path;
}

function GoHome({ me, site }: { me: Me | null; site: string | null }) {
  const { t } = useTranslation('shell');
  if (!me) return null;
  const landing = LANDING[me.role];
  // A role whose page is still to come is told so, not sent round to the page it is on.
  if (!isPagePath(landing)) return <p className="sh-notice__help">{t('noHomeYet')}</p>;
  return (
    <p>
      <a className="sh-home" href={withSite(landing, site)} data-testid="go-home">
        {t('goHome', { page: pageName(landing, t) })}
      </a>
    </p>
  );
}

/** A page the role may not use says so, and offers the role's own page instead of a blank or a loop. */
function NotForYou({ page, me, site }: { page: PagePath; me: Me; site: string | null }) {
  const { t } = useTranslation('shell');
  const roles = rolesOf(page)
    .map((r: Role) => t(`roles.${r}`))
    .join(t('listSeparator'));
  return (
    <main className="sh-notice" role="alert" data-testid="not-permitted">
      <h1>{t('forbiddenTitle')}</h1>
      <p>{t('forbidden', { username: me.username, role: t(`roles.${me.role}`), page: pageName(page, t), roles })}</p>
      <p className="sh-notice__help">{t('forbiddenHelp')}</p>
      <GoHome me={me} site={site} />
    </main>
  );
}

function NoSuchPage({ path, me, site }: { path: string; me: Me | null; site: string | null }) {
  const { t } = useTranslation('shell');
  return (
    <main className="sh-notice" role="alert" data-testid="no-such-page">
      <h1>{t('missingTitle')}</h1>
      <p>{t('missing', { path })}</p>
      <GoHome me={me} site={site} />
    </main>
  );
}
