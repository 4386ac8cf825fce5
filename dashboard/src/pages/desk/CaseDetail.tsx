import { followUpStatusLabel, PLATFORM_CHANGE_LABELS, type FollowUpCaseView } from '@hallwatch/shared';
import { ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { goToSignIn } from '../../auth/session';
import { CaseActions } from './CaseActions';
import { CaseHistory } from './CaseHistory';
import { dueAt } from '../../format/due-at';
import { Deadline } from './Deadline';
import { casesApi } from './cases-api';
import { PhoneReveal } from './PhoneReveal';
import { StaffName } from './StaffName';
import { WorkOrderFacts } from './WorkOrderFacts';
import './case-detail.css';
import './cases-i18n';

export interface CaseDetailProps {
  site: string;
  caseId: string;
  /** The server's "now" of the queue, against which deadlines are overdue. */
  now: string | null;
  deptName: (code: string | null) => string;
  windowName: (code: string | null) => string | null;
  at: (iso: string) => string;
  onClose: () => void;
  /** The case as an act left it, so the queue can follow (a closed case leaves it). */
  onChanged: (view: FollowUpCaseView) => void;
}

const DONE = new Set(['closed', 'withdrawn']);

/**
 * One case of the desk's queue in a side panel: what the citizen said and of whom, the deadlines
 * and, for a 12345 complaint, the platform's work order and limits; the number on demand, the
 * desk's acts and the case's history.
 */
export function CaseDetail({ site, caseId, now, deptName, windowName, at, onClose, onChanged }: CaseDetailProps) {
  const { t, i18n } = useTranslation('deskCases');
  const { t: tDesk } = useTranslation('desk');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  // What was read for which case: a panel switched to another case shows nothing stale meanwhile.
  const [loaded, setLoaded] = useState<{ id: string; view: FollowUpCaseView | null; error: string | null } | null>(null);
  const view = loaded?.id === caseId ? loaded.view : null;
  const error = loaded?.id === caseId ? loaded.error : null;
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    casesApi.get(site, caseId).then(
      (v) => live && setLoaded({ id: caseId, view: v, error: null }),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) return goToSignIn();
        if (live) setLoaded({ id: caseId, view: null, error: errorText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [site, caseId]);

  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const changed = (v: FollowUpCaseView) => {
    setLoaded({ id: v.id, view: v, error: null });
    onChanged(v);
  };
  const open = view ? !DONE.has(view.status) : false;
  const late = (iso: string, done: string | null) => open && !done && !!now && iso < now;
  const title = view ? (view.kind === 'complaint' ? t('complaint') : t('review', { rating: view.rating ?? '—' })) : t('loading');
  const platformEnd = view?.workOrder?.closedByPlatformAt ? view.workOrder.platformStatus : null;

  return (
    <>
      <div className="dk-cd-backdrop" onClick={onClose} aria-hidden="true" />
      <aside className="dk-cd" role="dialog" aria-modal="true" aria-labelledby="dk-cd-title" data-testid="case-detail">
        <header className="dk-cd-head">
          <h2 id="dk-cd-title" className={view?.kind === 'complaint' ? 'dk-cd-kind--complaint' : undefined}>
            {title}
          </h2>
          {view && (
            <span className={open ? 'dk-cd-status' : 'dk-cd-status dk-cd-status--done'} data-testid="case-status">
              {platformEnd ? PLATFORM_CHANGE_LABELS[platformEnd][lang] : followUpStatusLabel(view)[lang]}
            </span>
          )}
          <button ref={closeRef} type="button" className="dk-cd-close" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        </header>

        {error && (
          <p className="dk-cd-error" role="alert">
            {t('failed', { message: error })}
          </p>
        )}
        {!view && !error && <p className="office-muted">{t('loading')}</p>}
        {view && (
          <div className="dk-cd-body">
            {view.realName && <p className="dk-cd-flag">{t('realName')}</p>}
            <blockquote className="dk-cd-content" data-testid="case-content">
              {view.summary || <span className="office-muted">{t('noContent')}</span>}
            </blockquote>
            <dl className="dk-cd-facts">
              <Fact label={t('department')} value={deptName(view.department)} />
              <Fact label={t('window')} value={windowName(view.window) ?? t('none')} />
              <Fact label={t('staff')} value={view.staff ? <StaffName site={site} code={view.staff} /> : t('none')} testId="case-staff" />
              <Fact
                label={t('channel')}
                value={view.channel ? (tDesk(`channels.${view.channel}`, { defaultValue: view.channel }) as string) : t('none')}
              />
              <Fact label={t('ticket')} value={view.ticket ?? t('none')} testId="case-ticket" />
              <Fact label={t('openedAt')} value={at(view.openedAt)} />
            </dl>

            <h3>{t('deadlines')}</h3>
            <dl className="dk-cd-facts dk-cd-facts--two">
              <Deadline
                label={t('dueContact')}
                due={dueAt(view.contactDueAt, at)}
                done={view.firstContactAt && t('doneAt', { time: at(view.firstContactAt) })}
                late={late(view.contactDueAt, view.firstContactAt)}
                testId="case-due-contact"
              />
              <Deadline
                label={t('dueResolve')}
                due={dueAt(view.resolveDueAt, at)}
                done={view.closedAt && t('doneAt', { time: at(view.closedAt) })}
                late={late(view.resolveDueAt, view.closedAt)}
                testId="case-due-resolve"
              />
            </dl>

            {view.workOrder && <WorkOrderFacts view={view} workOrder={view.workOrder} now={now} at={at} open={open} />}

            <PhoneReveal site={site} caseId={view.id} masked={view.phoneMasked} />

            {open ? <CaseActions site={site} view={view} onChanged={changed} /> : <p className="office-muted">{t('closedNote')}</p>}

            <CaseHistory actions={view.actions ?? []} at={at} />
          </div>
        )}
      </aside>
    </>
  );
}

function Fact({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
