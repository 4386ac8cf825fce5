import { COMPARATOR_SIGNS, IndicatorId, INDICATORS } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { countText, itemsText, Lang, percentText, waitText } from './format';
import { OffTarget, WALL_TARGETS } from './off-target';
import { TONE_ICON } from './tone';
import { useElementSize } from './useElementSize';

export function valueText(id: IndicatorId, v: number, lang: Lang): string {
  const unit = INDICATORS[id].unit;
  return unit === 'ratio' ? percentText(v) : unit === 'seconds' ? waitText(v, lang) : countText(v);
}

const ROW_REM = 2.6;

/** The report's promises (整改承诺) whose live figures are off target, with their item numbers. */
export function ItemsOffTarget({ off, rowRem = ROW_REM }: { off: OffTarget[]; rowRem?: number }) {
  const { t, i18n } = useTranslation('wall');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const [ref, size] = useElementSize<HTMLUListElement>();
  const fits = Math.max(1, Math.floor(size.height / (rowRem * size.rem)));
  const shown = off.length > fits ? off.slice(0, fits - 1) : off;
  return (
    <section className="panel items" data-testid="items-off-target">
      <header className="panel__head">
        <h2>{t('items.title')}</h2>
        <span className="panel__note">
          {off.length}/{WALL_TARGETS.length}
        </span>
      </header>
      <ul className="items__list" ref={ref}>
        {!off.length && <li className="panel__empty text--ok">✔ {t('items.allMet')}</li>}
        {shown.map((o) => {
          const tone = o.severity === 'breach' ? 'breach' : 'warn';
          return (
            <li key={`${o.indicator}|${o.comparator}|${o.target}`} className={`item tone--${tone}`} style={{ height: `${rowRem}rem` }}>
              <span className="item__no">{itemsText(o.items)}</span>
              <span className="item__label">
                {TONE_ICON[tone]} {INDICATORS[o.indicator].label[lang]}
              </span>
              <span className="item__value">{valueText(o.indicator, o.value, lang)}</span>
              <span className="item__goal">
                {o.severity === 'warning'
                  ? t('items.dueToday')
                  : t('items.goal', { v: `${COMPARATOR_SIGNS[o.comparator]} ${valueText(o.indicator, o.goal, lang)}` })}
              </span>
            </li>
          );
        })}
        {off.length > shown.length && <li className="panel__more">+{off.length - shown.length}</li>}
      </ul>
    </section>
  );
}
