import '../office-page.css';
import '../trends/trends.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../shell/context';
import { useSiteLoad } from '../../shell/useSiteLoad';
import { departmentApi } from './api';
import { AppealsPanel } from './AppealsPanel';
import { CaseItem } from './CaseItem';
import { MonthPanel } from './MonthPanel';
import { NoticeItem } from './NoticeItem';
import './department.css';
import './i18n';

/**
 * Where a department account (进驻部门) lands after sign-in: its own department's tasks, and the
 * acts that are its to do: answer its notices, log its calls and fixes, appeal a 差评. Each act
 * reads the tasks again, so the page shows what the server stored, not what it was sent.
 */
export function DepartmentPage() {
  const { t, i18n } = useTranslation('department');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const site = useSite() ?? '';
  const { value: tasks = null, failed: error, reload: load } = useSiteLoad(site, departmentApi.tasks);
  // What the last act stored, as a key of the page's strings, so that it follows the language switch.
  const [stored, setStored] = useState<string | null>(null);

  const done = (what: string) => {
    setStored(what);
    load();
  };

  const zone = tasks?.timezone;
  const { time, day } = useMemo(() => {
    const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
    const at = new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    const date = new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'numeric', day: 'numeric' });
    return { time: (iso: string) => at.format(new Date(iso)), day: (iso: string) => date.format(new Date(iso)) };
  }, [lang, zone]);
  const deptName = tasks ? (lang === 'en' && tasks.department.nameEn) || tasks.department.name : null;

  return (
    <div className="office-page dp-page" data-testid="department-page">
      <header className="office-header">
        <div>
          <h1>
            {t('title')} {deptName && <span className="office-header__site">· {deptName}</span>}
          </h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
      </header>
      {!site && <p role="alert">{t('noSite')}</p>}
      {error && (
        <p className="tr-error" role="alert" data-testid="page-error">
          {t('failed', { message: error })}
        </p>
      )}
      {site && !tasks && !error && <p className="office-muted">{t('loading')}</p>}
      {tasks && (
        <main className="dp-grid">
          <p className="office-muted dp-asof">
            {t('asOf', { time: time(tasks.asOf) })}
            {stored && (
              <span className="dp-stored" role="status" data-testid="dp-stored">
                {t(stored)}
              </span>
            )}
          </p>
          <section className="dp-panel" data-testid="dp-notices">
            <h2>
              {t('notices')} <span className="dp-count">{tasks.notices.length}</span>
            </h2>
            {tasks.notices.length === 0 && <p className="office-muted">{t('noNotices')}</p>}
            <ul>
              {tasks.notices.map((n) => (
                <NoticeItem key={n.id} site={site} notice={n} time={time} lang={lang} onReplied={() => done('doneReply')} />
              ))}
            </ul>
          </section>
          <section className="dp-panel" data-testid="dp-follow-ups">
            <h2>
              {t('followUps')} <span className="dp-count">{tasks.followUps.length}</span>
            </h2>
            {tasks.followUps.length === 0 && <p className="office-muted">{t('noFollowUps')}</p>}
            <ul>
              {tasks.followUps.map((c) => (
                <CaseItem key={c.id} site={site} item={c} time={time} lang={lang} onDone={done} />
              ))}
            </ul>
          </section>
          <AppealsPanel appeals={tasks.appeals} time={time} lang={lang} />
          <MonthPanel site={site} month={tasks.month} day={day} lang={lang} />
          <section className="dp-panel" data-testid="dp-findings">
            <h2>
              {t('findings')} <span className="dp-count">{tasks.findings.length}</span>
            </h2>
            <p className="office-muted office-small">{t('findingsHint')}</p>
            {tasks.findings.length === 0 && <p className="office-muted">{t('noFindings')}</p>}
            <ul>
              {tasks.findings.map((f) => (
                <li key={f.id}>
                  <strong>{f.note ?? f.checkpoint}</strong>
                  <span className="office-muted">
                    {time(f.occurredAt)}
                    {f.window && ` · ${t('window', { window: f.window })}`}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </main>
      )}
    </div>
  );
}
