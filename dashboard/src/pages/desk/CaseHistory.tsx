import { PLATFORM_CHANGE_LABELS, type FollowUpActionView, type PlatformChange } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';

/** Words for an act's outcome: a call reached the citizen or not, a confirming call found them satisfied or not. */
const OUTCOME_KEYS: Partial<Record<FollowUpActionView['kind'], [string, string]>> = {
  contact: ['outcomes.contactYes', 'outcomes.contactNo'],
  confirmation: ['outcomes.confirmYes', 'outcomes.confirmNo'],
  verification: ['outcomes.confirmYes', 'outcomes.confirmNo'],
};

/** The case's history, oldest first: calls, fix, confirming call, 退单, the platform's moves, reminders. */
export function CaseHistory({ actions, at }: { actions: FollowUpActionView[]; at: (iso: string) => string }) {
  const { t, i18n } = useTranslation('deskCases');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  // The platform's moves are noted by the change's code (closed, withdrawn, reopened).
  const platformNote = (note: string | null) =>
    note && note in PLATFORM_CHANGE_LABELS ? PLATFORM_CHANGE_LABELS[note as PlatformChange][lang] : note;
  return (
    <section className="dk-cd-history">
      <h3>{t('history')}</h3>
      {!actions.length ? (
        <p className="office-muted">{t('historyNone')}</p>
      ) : (
        <ol className="dk-cd-log" data-testid="case-history">
          {actions.map((a, i) => {
            const outcome = OUTCOME_KEYS[a.kind] && a.outcome !== null ? t(OUTCOME_KEYS[a.kind]![a.outcome ? 0 : 1]) : null;
            const note = a.kind === 'platform' ? platformNote(a.note) : a.note;
            return (
              <li key={i} data-kind={a.kind}>
                <time dateTime={a.at}>{at(a.at)}</time> <strong>{t(`actions.${a.kind}`, { defaultValue: a.kind })}</strong>
                {outcome && <span className={a.outcome ? 'dk-cd-yes' : 'dk-cd-no'}> · {outcome}</span>}
                {a.actor !== 'platform' && <span className="office-muted"> · {a.actor}</span>}
                {note && <span className="dk-cd-note">{note}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
