import '../office-page.css';
import '../trends/trends.css';
import { DEFAULT_TIME_ZONE, type DepartmentView, type RollCallEntry } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../shell/context';
import './absences.css';
import { absencesApi } from './api';
import { FiguresTab } from './FiguresTab';
import { langOf } from './format';
import './i18n';
import { RegisterTab } from './RegisterTab';
import { RollCallTab } from './RollCallTab';
import { useAbsencesAccess } from './useAbsences';

type Tab = 'register' | 'rollCall' | 'figures';
const params = new URLSearchParams(location.search);

// 外出报备与请销假 (docs/contracts/absences.md): the register by day and department, filing and
// two-person approval, today's roll call, and the monthly figures with their workbook.
export function AbsencesPage() {
  const { t, i18n } = useTranslation('absences');
  const lang = langOf(i18n.language);
  const { access, error, setError, fail } = useAbsencesAccess(lang);
  // The site is the shell's (its switcher, the address).
  const site = useSite();
  const [tab, setTab] = useState<Tab>((params.get('tab') as Tab | null) ?? 'register');
  const [timeZone, setTimeZone] = useState(DEFAULT_TIME_ZONE);
  const [departments, setDepartments] = useState<DepartmentView[]>([]);
  const [roster, setRoster] = useState<RollCallEntry[]>([]);
  const [rosterVersion, setRosterVersion] = useState(0);

  const me = access?.me ?? null;
  const isDepartment = me?.role === 'department';
  const chosen = site ?? access?.sites.find((s) => s.tier === 'hall')?.code ?? access?.sites[0]?.code ?? null;
  // A department account has no figures: they compare the departments.
  const tabs: Tab[] = isDepartment ? ['register', 'rollCall'] : ['register', 'rollCall', 'figures'];

  useEffect(() => {
    if (!chosen || !me) return;
    let live = true;
    // The roll call names the roster the form offers, for a department account its own only.
    absencesApi.rollCall(chosen).then((r) => live && setRoster(r.staff), fail);
    if (!isDepartment) absencesApi.departments(chosen).then((d) => live && setDepartments(d), fail);
    return () => {
      live = false;
    };
  }, [chosen, me, isDepartment, fail, rosterVersion]);

  useEffect(() => {
    const p = new URLSearchParams(location.search);
    p.set('tab', tab);
    if (chosen) p.set('site', chosen);
    history.replaceState(null, '', `${location.pathname}?${p}`);
  }, [tab, chosen]);

  const siteName = access?.sites.find((s) => s.code === chosen);
  const title = siteName ? (lang === 'en' && siteName.nameEn) || siteName.name : '';

  return (
    <div className="office-page ab-page" data-loading={access ? 'no' : 'yes'}>
      <header className="office-header">
        <div>
          <h1>
            {t('title')} {title && <span className="office-header__site">· {title}</span>}
          </h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
      </header>
      {error && (
        <p className="tr-error" role="alert" data-testid="ab-error">
          {error}{' '}
          <button type="button" className="tr-link" onClick={() => setError(null)}>
            ×
          </button>
        </p>
      )}
      {!access || !chosen ? (
        <p className="office-muted">{t('loading')}</p>
      ) : (
        <>
          <nav className="ab-tabs" aria-label={t('title')}>
            {tabs.map((k) => (
              <button
                key={k}
                type="button"
                className={`ab-tab ${tab === k ? 'ab-tab--on' : ''}`}
                onClick={() => setTab(k)}
                data-testid={`ab-tab-${k}`}
              >
                {t(`tabs.${k}`)}
              </button>
            ))}
          </nav>
          {tab === 'register' && (
            <RegisterTab
              site={chosen}
              me={access.me}
              lang={lang}
              departments={departments}
              roster={roster}
              timeZone={timeZone}
              onTimeZone={setTimeZone}
              onChanged={() => setRosterVersion((n) => n + 1)}
              fail={fail}
            />
          )}
          {tab === 'rollCall' && <RollCallTab site={chosen} lang={lang} timeZone={timeZone} fail={fail} />}
          {tab === 'figures' && !isDepartment && (
            <FiguresTab site={chosen} me={access.me} lang={lang} timeZone={timeZone} onTimeZone={setTimeZone} fail={fail} />
          )}
        </>
      )}
    </div>
  );
}
