import { IndicatorValues, PatrolRoundMark, RoundState } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { Figure } from './Figure';
import { countText, itemsText } from './format';
import { itemsOf } from './off-target';
import { Tone, TONE_ICON } from './tone';

type RoundMark = 'done' | 'doubtful' | 'missed' | 'overdue' | 'walking' | 'due' | 'upcoming';
const MARK_ICON: Record<RoundMark, string> = { done: '✔', doubtful: '?', missed: '✖', overdue: '▲', walking: '◐', due: '●', upcoming: '○' };
const MARK_OF: Record<RoundState, RoundMark> = {
  scheduled: 'upcoming',
  due: 'due',
  overdue: 'overdue',
  in_progress: 'walking',
  done: 'done',
  doubtful: 'doubtful',
  missed: 'missed',
};

function Count({ label, value, testId, tone, items }: { label: string; value: number; testId: string; tone: Tone; items: number[] }) {
  return (
    <div className={`pcount tone--${tone}`}>
      <div className="pcount__label">{label}</div>
      <Figure parts={[{ text: countText(value) }]} testId={testId} className="pcount__value" />
      <div className="pcount__items">{tone === 'neutral' ? '' : `${TONE_ICON[tone]} ${itemsText(items)}`}</div>
    </div>
  );
}

/**
 * Today's rounds at the site's own times, each as its own state says (null until the first
 * snapshot). A day without rounds says so rather than showing times nobody will walk.
 */
export function PatrolStrip({ values, rounds }: { values: IndicatorValues; rounds: PatrolRoundMark[] | null }) {
  const { t } = useTranslation('wall');
  const done = values['patrol.rounds.done'] ?? 0;
  const due = values['patrol.rounds.due'] ?? 0;
  const findings = values['patrol.findings.open'] ?? 0;
  const notices = values['notices.overdue'] ?? 0;
  const roundsTone: Tone = done < due ? 'breach' : 'neutral';

  return (
    <section className="panel patrol">
      <header className="panel__head">
        <h2>
          {t('patrol.title')} <span className="panel__items">{itemsText(itemsOf('patrol.rounds.done'))}</span>
        </h2>
      </header>
      {rounds?.length === 0 && (
        <p className="rounds rounds--none" data-testid="rounds-none">
          {t('patrol.none')}
        </p>
      )}
      {rounds && rounds.length > 0 && (
        <ol className="rounds" style={{ gridTemplateColumns: `repeat(${Math.max(rounds.length, 4)}, 1fr)` }}>
          {rounds.map((r, i) => (
            <li
              key={`${r.time}-${i}`}
              className={`round round--${MARK_OF[r.state]}`}
              data-testid={`round-${i + 1}`}
              data-mark={MARK_OF[r.state]}
            >
              <span className="round__time">{r.time}</span>
              <span className="round__mark">
                {MARK_ICON[MARK_OF[r.state]]} {t(`patrol.${MARK_OF[r.state]}`)}
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="pcounts">
        <div className={`pcount tone--${roundsTone}`}>
          <div className="pcount__label">{t('patrol.rounds')}</div>
          <span className="pcount__value">
            <Figure parts={[{ text: countText(done) }]} testId="patrol.rounds.done" />
            <span className="triple__sep">/</span>
            <Figure parts={[{ text: countText(due) }]} testId="patrol.rounds.due" />
          </span>
          <div className="pcount__items">
            {roundsTone === 'neutral' ? '' : `${TONE_ICON.breach} ${itemsText(itemsOf('patrol.rounds.done'))}`}
          </div>
        </div>
        <Count
          label={t('patrol.findings')}
          value={findings}
          testId="patrol.findings.open"
          tone={findings > 0 ? 'warn' : 'neutral'}
          items={itemsOf('patrol.findings.open')}
        />
        <Count
          label={t('patrol.notices')}
          value={notices}
          testId="notices.overdue"
          tone={notices > 0 ? 'breach' : 'neutral'}
          items={itemsOf('notices.overdue')}
        />
      </div>
    </section>
  );
}
