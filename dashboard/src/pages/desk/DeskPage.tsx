import '../office-page.css';
import {
  followUpStatusLabel,
  ROUND_STATE_LABELS,
  type DepartmentView,
  type FollowUpCaseView,
  type PatrolNoticeView,
  type WindowView,
} from '@hallwatch/shared';
import { ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSiteTimeZone } from '../../api';
import { useSite } from '../../shell/context';
import { useSiteLoad } from '../../shell/useSiteLoad';
import { deskApi } from './api';
import { AppealsSection } from './AppealsSection';
import { RectificationSection } from './RectificationSection';
import { CaseDetail } from './CaseDetail';
import { CaseQueueTags } from './CaseQueueTags';
import { dueAt } from '../../format/due-at';
import { PatrolFollowUp } from './PatrolFollowUp';
import './desk.css';
import './i18n';

type Lang = 'zh' | 'en';
/** A part of the desk: loading (undefined), its answer, or why it has none. */
type Part<T> = T | undefined | { failed: string };
const failed = <T,>(p: Part<T>): p is { failed: string } => typeof p === 'object' && p !== null && 'failed' in p;

/** Loads one part of the desk for the site; a part that fails says so on its own and the rest stand. */
function usePart<T>(site: string | null, load: (site: string) => Promise<T>): Part<T> {
  const { value, failed } = useSiteLoad(site, load);
  return failed !== null ? { failed } : value;
}

/** The next deadline a case answers to: the first call until it is made, then the fix. */
const nextDue = (c: FollowUpCaseView): { step: 'contact' | 'resolve'; at: string } =>
  c.firstContactAt ? { step: 'resolve', at: c.resolveDueAt } : { step: 'contact', at: c.contactDueAt };

const MAX_CASES = 30;

// The supervisors' desk (督查工作台): what is waiting for them today, from the follow-up,
// notice and patrol routes they already use. Later work adds the workflows to each section.
export function DeskPage() {
  const { t, i18n } = useTranslation('desk');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const site = useSite();
  const timeZone = useSiteTimeZone(site);
  // The case open in the side panel; each act on it reloads the queue (a closed case leaves it).
  const [openCase, setOpenCase] = useState<string | null>(null);
  const [casesActed, setCasesActed] = useState(0);
  const loadCases = useCallback((s: string) => deskApi.openCases(s, casesActed), [casesActed]);
  const closeCase = useCallback(() => setOpenCase(null), []);
  const cases = usePart(site, loadCases);
  const notices = usePart(site, deskApi.overdueNotices);
  const today = usePart(site, deskApi.today);
  const departments = usePart(site, deskApi.departments);
  const windows = usePart(site, deskApi.windows);

  const at = useMemo(() => {
    // 12/07 05:12 in Chinese; in English the month by name, so that no one reads 07/12 as July.
    const f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone,
      month: lang === 'en' ? 'short' : '2-digit',
      day: lang === 'en' ? 'numeric' : '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return (iso: string) => f.format(new Date(iso));
  }, [timeZone, lang]);
  const clock = useMemo(() => {
    const f = new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
    return (iso: string) => f.format(new Date(iso));
  }, [timeZone]);
  const deptName = useCallback(
    (code: string | null) => {
      if (!code) return '—';
      const d = !failed(departments) ? departments?.find((x: DepartmentView) => x.code === code) : undefined;
      return d ? (lang === 'en' && d.nameEn) || d.name : code;
    },
    [departments, lang],
  );
  const windowName = (code: string | null) => {
    if (!code) return null;
    const w = !failed(windows) ? windows?.find((x: WindowView) => x.code === code) : undefined;
    return w?.number !== null && w?.number !== undefined ? t('window', { n: w.number }) : code;
  };

  const caseList = cases && !failed(cases) ? cases : null;
  const sorted = useMemo(
    () => (caseList ? [...caseList.cases].sort((a, b) => nextDue(a).at.localeCompare(nextDue(b).at)) : []),
    [caseList],
  );
  const now = caseList?.asOf ?? null;
  const isOverdue = (c: FollowUpCaseView) => (now ? nextDue(c).at < now : false);
  const overdueCases = sorted.filter(isOverdue).length;
  const rounds = today && !failed(today) ? today.rounds : null;
  const roundsDone = rounds?.filter((r) => r.state === 'done').length ?? 0;

  return (
    <div className="office-page dk-page" data-loading={cases === undefined ? 'yes' : 'no'}>
      <header className="office-header">
        <div>
          <h1>{t('title')}</h1>
          <p className="office-muted">{t('subtitle')}</p>
        </div>
        {now && <p className="office-muted dk-asof">{t('asOf', { time: at(now) })}</p>}
      </header>

      <dl className="dk-figures">
        <Figure label={t('figureOpen')} value={caseList ? String(sorted.length) : '—'} testId="figure-open" />
        <Figure
          label={t('figureCaseOverdue')}
          value={caseList ? String(overdueCases) : '—'}
          alarm={overdueCases > 0}
          testId="figure-overdue"
        />
        <Figure
          label={t('figureNotices')}
          value={notices && !failed(notices) ? String(notices.length) : '—'}
          alarm={!!notices && !failed(notices) && notices.length > 0}
          testId="figure-notices"
        />
        <Figure
          label={t('figureRounds')}
          value={rounds ? t('roundsOf', { done: roundsDone, total: rounds.length }) : '—'}
          testId="figure-rounds"
        />
      </dl>

      <div className="dk-grid">
        <Section title={t('casesTitle')} count={caseList ? sorted.length : null} testId="desk-cases" className="dk-cases">
          <p className="office-muted office-small">{t('casesHint')}</p>
          <PartBody part={cases} empty={!sorted.length && t('casesNone')}>
            <div className="dk-scroll">
              <table className="dk-table">
                <thead>
                  <tr>
                    <th>{t('colKind')}</th>
                    <th>{t('colWhere')}</th>
                    <th>{t('colChannel')}</th>
                    <th>{t('colStatus')}</th>
                    <th>{t('colDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.slice(0, MAX_CASES).map((c) => {
                    const due = nextDue(c);
                    const late = isOverdue(c);
                    const win = windowName(c.window);
                    return (
                      <tr key={c.id} data-overdue={late ? 'yes' : 'no'} data-testid={`case-${c.id}`}>
                        <td>
                          <button
                            type="button"
                            className="dk-case-open"
                            onClick={() => setOpenCase(c.id)}
                            data-testid={`open-case-${c.id}`}
                          >
                            <strong className={c.kind === 'complaint' ? 'dk-kind dk-kind--complaint' : 'dk-kind'}>
                              {c.kind === 'complaint' ? t('kindComplaint') : t('kindReview', { rating: c.rating ?? '—' })}
                            </strong>
                          </button>
                          <CaseQueueTags c={c} />
                          {c.realName && <span className="dk-tag">{t('realName')}</span>}
                          {c.summary && <span className="dk-summary">{c.summary}</span>}
                        </td>
                        <td>
                          {deptName(c.department)}
                          {win && <span className="office-muted"> · {win}</span>}
                        </td>
                        <td className="dk-words">
                          {c.channel ? (t(`channels.${c.channel}`, { defaultValue: c.channel }) as string) : '—'}
                        </td>
                        <td className="dk-words">
                          {followUpStatusLabel(c)[lang]}
                          {c.appeal?.status === 'pending' && <span className="dk-tag">{t('appealPending')}</span>}
                        </td>
                        <td className="dk-due">
                          <span className="dk-nowrap">
                            <span className="office-muted">{due.step === 'contact' ? t('dueContact') : t('dueResolve')}</span>{' '}
                            <time dateTime={due.at}>{dueAt(due.at, at)}</time>
                          </span>{' '}
                          {late && <span className="dk-late">{t('overdue')}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {sorted.length > MAX_CASES && <p className="office-muted office-small">{t('casesMore', { n: sorted.length - MAX_CASES })}</p>}
          </PartBody>
        </Section>

        <div className="dk-side">
          <AppealsSection site={site} deptName={deptName} windowName={windowName} at={at} />
          <Section
            title={t('noticesTitle')}
            count={notices && !failed(notices) ? notices.length : null}
            testId="desk-notices"
            className="dk-notices"
          >
            <PartBody part={notices} empty={!failed(notices) && !notices?.length && t('noticesNone')}>
              <ul className="dk-list">
                {(!failed(notices) ? (notices ?? []) : []).map((n: PatrolNoticeView) => (
                  <li key={n.id} data-testid={`notice-${n.id}`}>
                    <strong>{deptName(n.department)}</strong>
                    {n.escalatedAt && <span className="dk-tag dk-tag--alarm">{t('noticeEscalated')}</span>}
                    {n.text && <span className="dk-summary">{n.text}</span>}
                    <span className="office-muted office-small dk-meta">
                      {t('noticeIssued', { time: at(n.issuedAt) })} ·{' '}
                      <span className="dk-late-text">{t('noticeDeadline', { time: at(n.deadline) })}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </PartBody>
          </Section>

          <RectificationSection site={site} />

          <Section title={t('roundsTitle')} count={null} testId="desk-rounds" className="dk-rounds">
            <PartBody
              part={today}
              empty={!failed(today) && today && !today.enabled ? t('roundsOff') : !!rounds && !rounds.length && t('roundsNone')}
            >
              <ol className="dk-rounds__list">
                {(rounds ?? []).map((r) => (
                  <li key={r.code} data-state={r.state} data-testid={`desk-round-${r.slot}`}>
                    <span className="dk-rounds__time">{r.time}</span>
                    <span className={`dk-state dk-state--${r.state}`}>{ROUND_STATE_LABELS[r.state][lang]}</span>
                    <span className="office-muted office-small">
                      {r.completedAt && r.completedBy && t('roundBy', { who: r.completedBy, time: clock(r.completedAt) })}
                      {r.doubts.length > 0 && ` · ${t('roundDoubts', { n: r.doubts.length })}`}
                    </span>
                  </li>
                ))}
              </ol>
              {site && (
                <a className="dk-link" href={`/patrol?site=${encodeURIComponent(site)}`}>
                  {t('openPatrol')} →
                </a>
              )}
            </PartBody>
          </Section>
        </div>
      </div>
      <PatrolFollowUp site={site} today={today && !failed(today) ? today : null} names={{ deptName, windowName, timeZone }} />
      {openCase && site && (
        <CaseDetail
          site={site}
          caseId={openCase}
          now={now}
          deptName={deptName}
          windowName={windowName}
          at={at}
          onClose={closeCase}
          onChanged={() => setCasesActed((n) => n + 1)}
        />
      )}
    </div>
  );
}

function Figure({ label, value, alarm, testId }: { label: string; value: string; alarm?: boolean; testId: string }) {
  return (
    <div className={alarm ? 'dk-figure dk-figure--alarm' : 'dk-figure'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Section(props: { title: string; count: number | null; testId: string; className: string; children: ReactNode }) {
  return (
    <section className={`dk-panel ${props.className}`} data-testid={props.testId}>
      <h2>
        {props.title}
        {props.count !== null && <span className="dk-count">{props.count}</span>}
      </h2>
      {props.children}
    </section>
  );
}

function PartBody<T>({ part, empty, children }: { part: Part<T>; empty: string | false | undefined; children: ReactNode }) {
  const { t } = useTranslation('desk');
  if (part === undefined) return <p className="office-muted">{t('loading')}</p>;
  if (failed(part))
    return (
      <p className="dk-error" role="alert">
        {t('failed', { message: part.failed })}
      </p>
    );
  if (empty) return <p className="office-muted dk-empty">{empty}</p>;
  return <>{children}</>;
}
