import { PLATFORM_CHANGE_LABELS, type FollowUpCaseView, type WorkOrderView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { dueAt } from '../../format/due-at';
import { Deadline } from './Deadline';

interface Props {
  view: FollowUpCaseView;
  workOrder: WorkOrderView;
  now: string | null;
  at: (iso: string) => string;
  open: boolean;
}

/**
 * A 12345 complaint's work order: its number, the platform's own limits (签收, 办结; overdue
 * highlighted while the case is open), the 退单 and what the platform has done with the order.
 */
export function WorkOrderFacts({ view, workOrder: w, now, at, open }: Props) {
  const { t, i18n } = useTranslation('deskCases');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const past = (iso: string | null) => !!iso && !!now && iso < now;
  // Signing is the order's first step: once the citizen has been reached, the sign limit is behind it.
  const signLate = open && !view.firstContactAt && past(w.signBy);
  const closeLate = open && past(w.closeBy);
  const updates = view.platformUpdates ?? [];

  return (
    <section className="dk-cd-order" data-testid="case-work-order-panel">
      <h3>{t('workOrder')}</h3>
      <dl className="dk-cd-facts dk-cd-facts--three">
        <div>
          <dt>{t('orderNumber')}</dt>
          <dd className="dk-cd-order-no" data-testid="case-work-order">
            {w.number}
          </dd>
        </div>
        <Deadline
          label={t('signBy')}
          due={w.signBy ? dueAt(w.signBy, at) : t('none')}
          late={signLate}
          note={w.firstSignBy && w.firstSignBy !== w.signBy ? t('wasLimit', { time: at(w.firstSignBy) }) : null}
          testId="case-sign-by"
        />
        <Deadline
          label={t('closeBy')}
          due={w.closeBy ? dueAt(w.closeBy, at) : t('none')}
          late={closeLate}
          note={w.firstCloseBy && w.firstCloseBy !== w.closeBy ? t('wasLimit', { time: at(w.firstCloseBy) }) : null}
          testId="case-close-by"
        />
      </dl>
      <p className="dk-cd-platform" data-testid="case-platform">
        <span className="office-muted">{t('platformState')}</span>
        {w.platformStatus ? `${PLATFORM_CHANGE_LABELS[w.platformStatus][lang]} · ${at(w.platformChangedAt!)}` : t('platformNone')}
        {w.awaitingPlatform && open && <span className="dk-tag dk-tag--alarm">{t('awaitingPlatform')}</span>}
      </p>
      {w.returned && (
        <p className="dk-cd-returned" data-testid="case-returned">
          {t('returned', { time: at(w.returned.at), who: w.returned.by, reason: w.returned.reason })}
        </p>
      )}
      {w.closedByPlatformAt && w.platformStatus && w.platformStatus !== 'reopened' && (
        <p className="dk-cd-returned">
          {t('closedByPlatform', { time: at(w.closedByPlatformAt), change: PLATFORM_CHANGE_LABELS[w.platformStatus][lang] })}
        </p>
      )}
      {updates.length > 0 && (
        <>
          <h4>{t('platformHistory')}</h4>
          <ol className="dk-cd-log" data-testid="case-platform-updates">
            {updates.map((u, i) => (
              <li key={i}>
                <time dateTime={u.at}>{at(u.at)}</time> <strong>{PLATFORM_CHANGE_LABELS[u.change][lang]}</strong>
                {u.signBy && ` · ${t('signBy')} ${at(u.signBy)}`}
                {u.closeBy && ` · ${t('closeBy')} ${at(u.closeBy)}`}
                {u.note && <span className="office-muted"> · {u.note}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
