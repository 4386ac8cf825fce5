import { IndicatorValues } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { Figure } from './Figure';
import { countText, itemsText } from './format';
import { itemsOf } from './off-target';
import { Tone, TONE_ICON } from './tone';

type RoundMark = 'done' | 'missed' | 'upcoming';
const MARK_ICON: Record<RoundMark, string> = { done: '✔', missed: '✖', upcoming: '○' };

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
 * Today's rounds at the site's own times (null until the first snapshot), marked as the
 * indicators tell them: the first `done` rounds are done, the rest of those already due are
 * missed, the others are still to come. A day without rounds says so rather than showing
 * times nobody will walk.
 */
export function PatrolStrip({ values, times }: { values: IndicatorValues; times: string[] | null }) {
  const { t } = useTranslation('wall');
  const done = values['patrol.rounds.done'] ?? 0;
  const due = values['patrol.rounds.due'] ?? 0;
  const findings = values['patrol.findings.open'] ?? 0;
  const notices = values['notices.overdue'] ?? 0;
  const mark = (i: number): RoundMark => (i < done ? 'done' : i < due ? 'missed' : 'upcoming');
  const roundsTone: Tone = done < due ? 'breach' : 'neutral';

  return (
    <section className="panel patrol">
      <header className="panel__head">
        <h2>
          {t('patrol.title')} <span className="panel__items">{itemsText(itemsOf('patrol.rounds.done'))}</span>
        </h2>
      </header>
      {times?.length === 0 && (
        <p className="rounds rounds--none" data-testid="rounds-none">
          {t('patrol.none')}
        </p>
      )}
      {times && times.length > 0 && (
        <ol className="rounds" style={{ gridTemplateColumns: `repeat(${Math.max(times.length, 4)}, 1fr)` }}>
          {times.map((time, i) => (
            <li key={time} className={`round round--${mark(i)}`} data-testid={`round-${i + 1}`} data-mark={mark(i)}>
              <span className="round__time">{time}</span>
              <span className="round__mark">
                {MARK_ICON[mark(i)]} {t(`patrol.${mark(i)}`)}
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
