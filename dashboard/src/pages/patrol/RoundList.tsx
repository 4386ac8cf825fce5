import type { PatrolTodayView, RoundState } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { hallTime } from './deadline';
import type { RoundView } from './local-day';
import { RoundDoubts } from './RoundDoubts';

const STARTABLE: RoundState[] = ['due', 'overdue'];

/** Today's rounds as cards: state, progress, and the one action that makes sense now. */
export function RoundList({
  rounds,
  today,
  lang,
  now,
  onOpen,
  onStart,
}: {
  rounds: RoundView[];
  today: PatrolTodayView;
  lang: 'zh' | 'en';
  now: number;
  onOpen: (code: string) => void;
  onStart: (code: string) => void;
}) {
  const { t } = useTranslation('patrol');
  const checkpointCount = today.checkpoints.length;
  const utcOffsetMinutes = today.utcOffsetMinutes;
  // A round opens the site's lead time before its time, so a patroller already in the hall need not wait.
  const early = (r: RoundView) => r.state === 'scheduled' && Date.parse(r.dueAt) - now <= today.walkRules.windowLeadMin * 60_000;
  return (
    <ol className="pt-rounds">
      {rounds.map((r) => {
        const checked = Object.keys(r.latest).length;
        const issues = Object.values(r.latest).filter((c) => c.result === 'finding').length;
        const action =
          r.state === 'in_progress'
            ? 'resume'
            : STARTABLE.includes(r.state) || early(r)
              ? 'start'
              : r.state === 'scheduled'
                ? null
                : 'view';
        return (
          <li key={r.code} className={`pt-round pt-round--${r.state}`} data-testid={`round-${r.slot}`} data-state={r.state}>
            <div className="pt-round__time">{r.time}</div>
            <div className="pt-round__body">
              <span className={`pt-chip pt-chip--${r.state}`}>{t(`state.${r.state}`)}</span>
              <div className="pt-round__meta">
                {r.state === 'scheduled' && !action
                  ? t('notYet')
                  : (r.state === 'due' || r.state === 'scheduled') && !checked
                    ? t('startBy', { time: hallTime(r.overdueAt, utcOffsetMinutes) })
                    : t('progress', { done: checked, total: checkpointCount }) + (issues ? t('issues', { count: issues }) : '')}
                {r.unsent && <span className="pt-dot" aria-hidden="true" />}
              </div>
              <RoundDoubts doubts={r.doubts} today={today} lang={lang} />
            </div>
            {action && (
              <button
                type="button"
                className={`pt-btn ${action === 'view' ? 'pt-btn--ghost' : 'pt-btn--primary'}`}
                onClick={() => (action === 'start' ? onStart(r.code) : onOpen(r.code))}
              >
                {t(action)}
              </button>
            )}
          </li>
        );
      })}
    </ol>
  );
}
