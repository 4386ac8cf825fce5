import type { AppealView } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShell } from '../../shell/context';
import { useSiteLoad } from '../../shell/useSiteLoad';
import { AppealCard } from './AppealDecision';
import { appealsApi } from './appeals-api';
import './appeals-i18n';
import './appeals.css';

const DECIDED_SHOWN = 5;

interface Props {
  site: string | null;
  deptName: (code: string | null) => string;
  windowName: (code: string | null) => string | null;
  at: (iso: string) => string;
}

/**
 * 申诉 on the desk: each pending appeal with the review it contests and the department's case,
 * decided here by a supervisor or admin who did not file it; the latest decisions below.
 */
export function AppealsSection({ site, deptName, windowName, at }: Props) {
  const { t, i18n } = useTranslation('deskAppeals');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { me } = useShell();
  const { value: appeals = null, failed: error, reload: load } = useSiteLoad(site, appealsApi.list);
  // The last decision's verdict, worded at render time so that it follows the language switch.
  const [done, setDone] = useState<AppealView['status'] | null>(null);

  const pending = appeals?.filter((a) => a.status === 'pending') ?? [];
  const decided = (appeals ?? [])
    .filter((a) => a.status !== 'pending' && a.decidedAt)
    .sort((a, b) => b.decidedAt!.localeCompare(a.decidedAt!))
    .slice(0, DECIDED_SHOWN);
  const canDecide = me?.role === 'supervisor' || me?.role === 'admin';
  const decidedOne = (a: AppealView) => {
    setDone(a.status);
    load();
  };

  return (
    <section className="dk-panel dk-appeals" data-testid="desk-appeals">
      <h2>
        {t('title')}
        {appeals && <span className="dk-count">{pending.length}</span>}
      </h2>
      <p className="office-muted office-small">{t('hint')}</p>
      {done && (
        <p className="dk-ap-done" role="status" data-testid="appeal-done">
          {t('done', { verdict: t(done) })}
        </p>
      )}
      {error && (
        <p className="dk-error" role="alert">
          {t('failed', { message: error })}
        </p>
      )}
      {!appeals && !error && <p className="office-muted">{t('loading')}</p>}
      {appeals && !pending.length && <p className="office-muted dk-empty">{t('none')}</p>}
      {site && pending.length > 0 && (
        <ul className="dk-list">
          {pending.map((a) => (
            <AppealCard
              key={a.id}
              site={site}
              appeal={a}
              lang={lang}
              me={me?.username ?? null}
              canDecide={canDecide}
              deptName={deptName}
              windowName={windowName}
              at={at}
              onDecided={decidedOne}
            />
          ))}
        </ul>
      )}
      {decided.length > 0 && (
        <>
          <h3 className="dk-ap-subtitle">{t('decidedTitle')}</h3>
          <ul className="dk-list" data-testid="appeals-decided">
            {decided.map((a) => (
              <li key={a.id} data-testid={`decided-${a.reviewId}`}>
                <strong>{deptName(a.department)}</strong>
                {a.review && <span className="office-muted"> · {t('review', { rating: a.review.rating })}</span>} ·{' '}
                <span className={`dk-ap-verdict dk-ap-verdict--${a.status}`}>{t(a.status)}</span>
                <span className="office-muted office-small dk-meta">{t('decidedBy', { who: a.decidedBy, time: at(a.decidedAt!) })}</span>
                {a.decisionNote && <span className="dk-summary">{t('grounds', { note: a.decisionNote })}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
