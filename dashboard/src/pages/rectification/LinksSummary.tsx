import type { RectificationLinkView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { indicatorLabel, langOf, targetText, valueText } from './format';

/** Each link as "label target · value ✓/✗": what the item promises and where it stands now. */
export function LinksSummary({ links }: { links: RectificationLinkView[] }) {
  const { t, i18n } = useTranslation('rectification');
  const lang = langOf(i18n.language);
  if (!links.length) return <span className="office-muted">{t('noLinks')}</span>;
  return (
    <ul className="rect-links">
      {links.map((l) => {
        const state = l.onTarget === null ? 'unknown' : l.onTarget ? 'on' : 'off';
        return (
          <li key={l.id} className={`rect-link rect-link--${state}`}>
            <span className="rect-link__name">
              {indicatorLabel(l.indicator, lang)}
              {l.department && <span className="rect-link__scope"> · {l.department}</span>}
            </span>
            <span className="rect-link__target">
              {targetText(l.indicator, l.comparator, l.target, lang)}
              <span className="office-muted"> ({t(l.window === 'day' ? 'daily' : 'live')})</span>
            </span>
            <span className="rect-link__value" title={t(state === 'unknown' ? 'noValue' : state === 'on' ? 'onTarget' : 'offTarget')}>
              {l.window === 'day' && <span className="office-muted">{t('todaySoFar')} </span>}
              {valueText(l.indicator, l.value, lang)}{' '}
              <span aria-hidden="true">{state === 'unknown' ? '·' : state === 'on' ? '✓' : '✗'}</span>
              <span className="office-sr">{t(state === 'unknown' ? 'noValue' : state === 'on' ? 'onTarget' : 'offTarget')}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
