import type { Role } from '@hallwatch/shared';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type NavGroup, type NavGroupKey, navGroupsFor, PAGES, type PagePath } from '../page-access';

const withSite = (path: string, site: string | null) => (site ? `${path}?site=${encodeURIComponent(site)}` : path);

/** The links and menu buttons of the bar itself, for moving along it with the arrow keys. */
const topLevel = (nav: HTMLElement | null) => Array.from(nav?.querySelectorAll<HTMLElement>('[data-nav-top]') ?? []);
const linksOf = (menu: HTMLElement | null) => Array.from(menu?.querySelectorAll<HTMLAnchorElement>('a') ?? []);

/**
 * The header's navigation: the role's pages in a few menus (page-access.ts NAV_GROUPS), each a
 * disclosure button over a list of links; a role with few pages, or a menu of one, gets plain
 * links. On a phone the drawer shows every menu open, under its title.
 */
export function NavMenus({ role, page, site }: { role: Role; page: PagePath | null; site: string | null }) {
  const { t } = useTranslation('shell');
  const groups = navGroupsFor(role);
  const [open, setOpen] = useState<NavGroupKey | null>(null);
  const navRef = useRef<HTMLElement>(null);

  // A click or a focus anywhere outside the open menu closes it; so does coming back to the
  // page by the browser's back button (a page restored from its cache keeps its state).
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      const menu = navRef.current?.querySelector('[data-open="yes"]');
      if (!menu?.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('focusin', away);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('focusin', away);
    };
  }, [open]);
  useEffect(() => {
    const restored = () => setOpen(null);
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  if (groups.length === 0) return null;

  const onBarKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const tops = topLevel(navRef.current);
    const at = tops.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    e.preventDefault();
    setOpen(null);
    tops[(at + (e.key === 'ArrowRight' ? 1 : tops.length - 1)) % tops.length].focus();
  };

  return (
    <nav className="sh-nav" aria-label={t('navLabel')} data-testid="nav" ref={navRef} onKeyDown={onBarKey}>
      {groups.map((g) =>
        g.group === null ? (
          g.entries.map((e) => <NavLink key={e.path} entry={e} page={page} site={site} top />)
        ) : (
          <Menu
            key={g.group}
            group={g as NavGroup & { group: NavGroupKey }}
            page={page}
            site={site}
            open={open === g.group}
            setOpen={(yes) => setOpen(yes ? g.group : null)}
          />
        ),
      )}
    </nav>
  );
}

function Menu({
  group,
  page,
  site,
  open,
  setOpen,
}: {
  group: NavGroup & { group: NavGroupKey };
  page: PagePath | null;
  site: string | null;
  open: boolean;
  setOpen: (open: boolean) => void;
}) {
  const { t } = useTranslation('shell');
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const focusNext = useRef<'first' | 'last' | null>(null);
  const here = group.entries.some((e) => e.path === page);
  const id = `sh-menu-${group.group}`;

  // A closed list is not displayed, so its links take the focus only once it has rendered open.
  useEffect(() => {
    if (!open || !focusNext.current) return;
    const links = linksOf(menu.current);
    (focusNext.current === 'first' ? links[0] : links[links.length - 1])?.focus();
    focusNext.current = null;
  }, [open]);

  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const links = linksOf(menu.current);
      if (open) (e.key === 'ArrowDown' ? links[0] : links[links.length - 1])?.focus();
      else focusNext.current = e.key === 'ArrowDown' ? 'first' : 'last';
      setOpen(true);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const links = linksOf(menu.current);
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const go = (i: number) => {
      e.preventDefault();
      e.stopPropagation();
      links[(i + links.length) % links.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(links.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    }
  };

  return (
    <div className={here ? 'sh-nav__group sh-nav__group--on' : 'sh-nav__group'} data-open={open ? 'yes' : 'no'}>
      <button
        ref={button}
        type="button"
        className="sh-nav__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        onKeyDown={onButtonKey}
        data-nav-top=""
        data-testid={`nav-group-${group.group}`}
      >
        {t(`groups.${group.group}`)}
        <span className="sh-nav__caret" aria-hidden="true" />
      </button>
      {/* On a phone the drawer lists every menu open under this title instead of the button. */}
      <span className="sh-nav__title" aria-hidden="true">
        {t(`groups.${group.group}`)}
      </span>
      <ul id={id} ref={menu} className="sh-nav__menu" aria-label={t(`groups.${group.group}`)} onKeyDown={onMenuKey}>
        {group.entries.map((e) => (
          <li key={e.path}>
            <NavLink entry={e} page={page} site={site} onPick={() => setOpen(false)} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function NavLink({
  entry: { path, key },
  page,
  site,
  top,
  onPick,
}: {
  entry: NavGroup['entries'][number];
  page: PagePath | null;
  site: string | null;
  top?: boolean;
  onPick?: () => void;
}) {
  const { t } = useTranslation('shell');
  const own = PAGES[path].frame !== 'own' || path === page;
  return (
    <a
      href={withSite(path, site)}
      className={path === page ? 'sh-nav__link sh-nav__link--on' : 'sh-nav__link'}
      aria-current={path === page ? 'page' : undefined}
      // The wall is a full screen for a TV: it opens beside the desk, not instead of it.
      target={own ? undefined : '_blank'}
      rel={own ? undefined : 'noopener'}
      onClick={onPick}
      data-nav-top={top ? '' : undefined}
      data-testid={`nav-${key}`}
    >
      {t(`nav.${key}`)}
      {!own && <span className="sh-sr">{t('opensNewTab')}</span>}
    </a>
  );
}
