import { ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goToSignIn, whoAmI } from '../../auth/session';
import { useSite } from '../../shell/context';
import { patroller } from './api';
import { copyTime } from './local-day';
import { registerPatrolWorker } from '../../offline/register';
import { RoundChecklist } from './RoundChecklist';
import { RoundList } from './RoundList';
import { SyncBadge } from './SyncBadge';
import { useOutbox } from './useOutbox';
import { usePatrolDay } from './usePatrolDay';
import './i18n';
import './patrol.css';
import './patrol-checklist.css';

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Ticks every 15 s so that "due" and deadline options follow the clock while the page stays open. */
function useTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  return tick;
}

/** Who is signed in on this phone, as last heard; offline, the name it last knew. */
function useSignedIn(): string | null {
  const [name, setName] = useState(patroller.get);
  useEffect(() => {
    whoAmI().then(
      (me) => {
        if (!me) return goToSignIn();
        patroller.set(me.username);
        setName(me.username);
      },
      () => undefined, // offline: the page works from its copy, and the outbox waits
    );
  }, []);
  return name;
}

/**
 * The patrol page for staff phones: `/patrol?site=huiji`, signed in with the patroller's own
 * account (a 401 goes to /login and back). Chinese first; records survive bad Wi-Fi.
 */
export function PatrolPage() {
  const site = useSite() ?? 'huiji';
  useEffect(registerPatrolWorker, []);
  return (
    <div className="pt-page">
      <PatrolApp site={site} onRefused={goToSignIn} />
    </div>
  );
}

function Header({ children, subtitle }: { children?: ReactNode; subtitle?: string }) {
  const { t } = useTranslation('patrol');
  return (
    <header className="pt-top">
      <div className="pt-top__title">
        <h1>{t('title')}</h1>
        {subtitle && <span className="pt-top__site">{subtitle}</span>}
      </div>
      <div className="pt-top__side">{children}</div>
    </header>
  );
}

function PatrolApp({ site, onRefused }: { site: string; onRefused: () => void }) {
  const { t, i18n } = useTranslation('patrol');
  const name = useSignedIn();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const online = useOnline();
  useTick();
  const reloadRef = useRef<() => Promise<void>>(async () => undefined);
  const sync = useOutbox(() => void reloadRef.current());
  const day = usePatrolDay(site, sync.enqueue);
  useEffect(() => {
    reloadRef.current = day.reload;
  });
  const [openRound, setOpenRound] = useState<string | null>(null);
  const refused = day.unauthorized || sync.unauthorized;

  useEffect(() => {
    if (refused) onRefused();
  }, [refused, onRefused]);

  const today = day.today;
  const round = day.rounds.find((r) => r.code === openRound);
  const siteName = today ? (lang === 'en' ? (today.site.nameEn ?? today.site.name) : today.site.name) : site;

  return (
    <>
      <Header subtitle={siteName}>
        <SyncBadge sync={sync} online={online} />
      </Header>
      {sync.failed.length > 0 && (
        <div className="pt-failed" role="alert">
          <p>{t('failedDetail')}</p>
          <ul>
            {sync.failed.map((f) => (
              <li key={f.seq}>
                {f.what} — {f.reason}
              </li>
            ))}
          </ul>
          <button type="button" className="pt-btn pt-btn--ghost" onClick={() => void sync.dismissFailed()}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {day.stale && today && (
        <p className="pt-note pt-note--offline" data-testid="offline-copy">
          {t('offlineCopy', { time: copyTime(today, day.now()) })}
        </p>
      )}
      <main className="pt-main">
        {!today ? (
          day.loading ? (
            <p className="pt-note">{t('loading')}</p>
          ) : (
            <div className="pt-note">
              <p>{t('loadFailed', { message: day.error ?? '—' })}</p>
              <button type="button" className="pt-btn pt-btn--ghost" onClick={() => void day.reload()}>
                {t('retry')}
              </button>
            </div>
          )
        ) : round ? (
          <RoundChecklist
            round={round}
            today={today}
            now={day.now()}
            lang={lang}
            onBack={() => setOpenRound(null)}
            onCheck={(cp, code, result, finding) => void day.check(round.code, cp, code, result, finding)}
            onComplete={() => {
              void day.complete(round.code);
              setOpenRound(null);
            }}
          />
        ) : (
          <>
            <h2 className="pt-day">{t('rounds', { day: today.day })}</h2>
            {!today.enabled ? (
              <p className="pt-note">{t('noSchedule')}</p>
            ) : !today.rounds.length ? (
              <p className="pt-note">{t('notWorkingDay')}</p>
            ) : (
              <RoundList
                rounds={day.rounds}
                today={today}
                lang={lang}
                now={day.now()}
                onOpen={setOpenRound}
                onStart={(code) => {
                  void day.start(code);
                  setOpenRound(code);
                }}
              />
            )}
            {name && <p className="pt-note">{t('signedInAs', { name })}</p>}
          </>
        )}
      </main>
    </>
  );
}
