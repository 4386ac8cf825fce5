import { FOLLOW_UP_STATUS_LABELS, type DepartmentTasksView } from '@hallwatch/shared';
import '../office-page.css';
import '../trends/trends.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { goToSignIn } from '../../auth/session';
import { useSite } from '../../shell/context';
import { departmentApi } from './api';
import './department.css';
import './i18n';

/**
 * Where a department account (进驻部门) lands after sign-in: its own department's tasks, read from
 * one endpoint. A first, read-only version: replying and filing are done through the API for now.
 */
export function DepartmentPage() {
  const { t, i18n } = useTranslation('department');
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const site = useSite() ?? '';
  const [tasks, setTasks] = useState<DepartmentTasksView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!site) return;
    departmentApi.tasks(site).then(setTasks, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) goToSignIn();
      else setError(err instanceof ApiError ? errorText(err) : String(err));
    });
  }, [site]);

  const time = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: tasks?.timezone,
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
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
          <p className="office-muted dp-asof">{t('asOf', { time: time(tasks.asOf) })}</p>
          <section className="dp-panel" data-testid="dp-notices">
            <h2>
              {t('notices')} <span className="dp-count">{tasks.notices.length}</span>
            </h2>
            {tasks.notices.length === 0 && <p className="office-muted">{t('noNotices')}</p>}
            <ul>
              {tasks.notices.map((n) => (
                <li key={n.id} className={n.overdue ? 'dp-overdue' : undefined}>
                  <strong>{n.text ?? n.clientId}</strong>
                  {n.overdue && <span className="dp-badge">{t('overdue')}</span>}
                  <span className="office-muted">
                    {t('issued', { time: time(n.issuedAt) })} · {t('deadline', { time: time(n.deadline) })} ·{' '}
                    {t('items', { items: n.items.join(lang === 'en' ? ', ' : '、') })}
                  </span>
                </li>
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
                <li key={c.id} className={c.contactOverdueAt || c.resolveOverdueAt ? 'dp-overdue' : undefined}>
                  <strong>
                    {t(`kind_${c.kind}`)}
                    {c.rating !== null && ` · ${t('rating', { rating: c.rating })}`}
                    {c.window && ` · ${t('window', { window: c.window })}`}
                  </strong>
                  <span className="dp-status">{FOLLOW_UP_STATUS_LABELS[c.status][lang]}</span>
                  {c.summary && <span>{c.summary}</span>}
                  <span className="office-muted">
                    {!c.firstContactAt && `${t('contactDue', { time: time(c.contactDueAt) })} · `}
                    {t('resolveDue', { time: time(c.resolveDueAt) })}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="dp-panel" data-testid="dp-findings">
            <h2>
              {t('findings')} <span className="dp-count">{tasks.findings.length}</span>
            </h2>
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
          <section className="dp-panel" data-testid="dp-appeals">
            <h2>
              {t('appeals')} <span className="dp-count">{tasks.appeals.length}</span>
            </h2>
            {tasks.appeals.length === 0 && <p className="office-muted">{t('noAppeals')}</p>}
            <ul>
              {tasks.appeals.map((a) => (
                <li key={a.id}>
                  <strong>{t('appealOf', { review: a.reviewId })}</strong>
                  <span className="dp-status">{t(`appeal_${a.status}`)}</span>
                  <span className="office-muted">{time(a.filedAt)}</span>
                </li>
              ))}
            </ul>
          </section>
          <section className="dp-panel" data-testid="dp-month">
            <h2>{t('month', { month: tasks.month.month })}</h2>
            <p className={tasks.month.points ? 'dp-points' : 'office-muted'}>
              {tasks.month.points ? t('points', { points: tasks.month.points, count: tasks.month.deductions.length }) : t('noPoints')}
            </p>
          </section>
        </main>
      )}
    </div>
  );
}
