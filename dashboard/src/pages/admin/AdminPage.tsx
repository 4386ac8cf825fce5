import { DEFAULT_TIME_ZONE, type SiteView } from '@hallwatch/shared';
import '../office-page.css';
import '../trends/trends.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShell } from '../../shell/context';
import { AccountsTab } from './AccountsTab';
import './admin.css';
import { AuditTab } from './AuditTab';
import { CalendarTab } from './CalendarTab';
import { DepartmentsTab } from './DepartmentsTab';
import { DeviceKeysTab } from './DeviceKeysTab';
import { DisplayTokensTab } from './DisplayTokensTab';
import './i18n';
import { PatrolTab } from './PatrolTab';
import { QueuesTab } from './QueuesTab';
import './queues-i18n';
import { RatingsTab } from './RatingsTab';
import { RetentionTab } from './RetentionTab';
import './retention-i18n';
import './registry-i18n';
import { ServiceItemsTab } from './ServiceItemsTab';
import { SettingsTab } from './SettingsTab';
import { StaffTab } from './StaffTab';
import { useAdminAccess } from './useAdmin';
import { WindowsTab } from './WindowsTab';

const TABS = [
  ['accounts', 'tabAccounts'],
  ['device-keys', 'tabDeviceKeys'],
  ['display-tokens', 'tabDisplayTokens'],
  ['departments', 'registry:tabDepartments'],
  ['staff', 'registry:tabStaff'],
  ['windows', 'tabWindows'],
  ['service-items', 'registry:tabServiceItems'],
  ['settings', 'tabSettings'],
  ['patrol', 'tabPatrol'],
  ['ratings', 'tabRatings'],
  ['calendar', 'adminCalendar:tab'],
  ['retention', 'adminRetention:tab'],
  ['queues', 'adminQueues:tab'],
  ['audit', 'adminAudit:tab'],
] as const;
type Tab = (typeof TABS)[number][0];

const params = new URLSearchParams(location.search);

// The administrator's desk (docs/contracts/users.md): accounts, device keys, wall tokens, windows,
// thresholds, patrol rounds and checkpoints, and the ratings to check, of one site at a time, every
// change through the admin API.
export function AdminPage() {
  const { t, i18n } = useTranslation('admin');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const { sites: listed, error, setError, fail } = useAdminAccess();
  // Who is signed in and which site: the shell's, as its switcher and the address have them.
  const { me, site } = useShell();
  const [tab, setTab] = useState<Tab>(TABS.find(([k]) => k === params.get('tab'))?.[0] ?? 'accounts');
  const sites = listed ?? [];
  const chosen = sites.find((s) => s.code === site)?.code ?? sites.find((s) => s.tier === 'hall')?.code ?? sites[0]?.code ?? null;
  const siteName = (s: SiteView) => (lang === 'en' && s.nameEn) || s.name;

  useEffect(() => {
    if (!listed) return;
    const p = new URLSearchParams({ tab });
    if (chosen) p.set('site', chosen);
    history.replaceState(null, '', `${location.pathname}?${p}`);
  }, [listed, chosen, tab]);

  const chosenSite = sites.find((s) => s.code === chosen);
  // Times of day are the chosen hall's, as its staff read them.
  const timeZone = chosenSite?.timezone ?? DEFAULT_TIME_ZONE;
  return (
    <div className="office-page ad-page" data-state={listed ? 'admin' : 'loading'}>
      <header className="office-header">
        <div>
          <h1>
            {t('title')} {chosenSite && <span className="office-header__site">· {siteName(chosenSite)}</span>}
          </h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
      </header>
      {error && (
        <p className="tr-error" role="alert" data-testid="page-error">
          {error}{' '}
          <button type="button" className="tr-link" onClick={() => setError(null)}>
            ×
          </button>
        </p>
      )}
      {!listed && <p className="office-muted">{t('loading')}</p>}
      {listed && chosen && (
        <>
          <nav className="ad-tabs" role="tablist">
            {TABS.map(([k, label]) => (
              <button
                key={k}
                type="button"
                role="tab"
                aria-selected={k === tab}
                className={k === tab ? 'ad-tab ad-tab--on' : 'ad-tab'}
                onClick={() => setTab(k)}
                data-testid={`tab-${k}-button`}
              >
                {t(label)}
              </button>
            ))}
          </nav>
          {tab === 'accounts' && (
            <AccountsTab me={me?.username ?? ''} site={chosen} timeZone={timeZone} sites={sites} siteName={siteName} fail={fail} />
          )}
          {tab === 'device-keys' && <DeviceKeysTab key={chosen} site={chosen} timeZone={timeZone} fail={fail} />}
          {tab === 'display-tokens' && <DisplayTokensTab key={chosen} site={chosen} timeZone={timeZone} fail={fail} />}
          {tab === 'departments' && <DepartmentsTab key={chosen} site={chosen} lang={lang} fail={fail} />}
          {tab === 'staff' && <StaffTab key={chosen} site={chosen} lang={lang} fail={fail} />}
          {tab === 'windows' && <WindowsTab site={chosen} lang={lang} fail={fail} />}
          {tab === 'service-items' && <ServiceItemsTab key={chosen} site={chosen} lang={lang} fail={fail} />}
          {tab === 'settings' && <SettingsTab key={chosen} site={chosen} fail={fail} />}
          {tab === 'patrol' && <PatrolTab key={chosen} site={chosen} lang={lang} timeZone={timeZone} fail={fail} />}
          {tab === 'ratings' && <RatingsTab key={chosen} site={chosen} lang={lang} timeZone={timeZone} fail={fail} />}
          {tab === 'calendar' && (
            <CalendarTab key={chosen} site={chosen} lang={lang} timeZone={timeZone} fail={fail} allSites={me?.sites === 'all'} />
          )}
          {tab === 'retention' && <RetentionTab timeZone={timeZone} fail={fail} allSites={me?.sites === 'all'} />}
          {tab === 'queues' && <QueuesTab timeZone={timeZone} fail={fail} allSites={me?.sites === 'all'} />}
          {tab === 'audit' && <AuditTab site={chosen} sites={sites} siteName={siteName} lang={lang} timeZone={timeZone} fail={fail} />}
        </>
      )}
    </div>
  );
}
