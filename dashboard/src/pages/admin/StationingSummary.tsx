import type { DepartmentView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import type { StaffView } from './registry-api';
import './registry-i18n';
import { stationing } from './stationing';

/** The 进驻 figures (rectification item 48): departments expected and stationed, the roster against the lists. */
export function StationingSummary(props: { departments: DepartmentView[]; staff: StaffView[]; label: (d: DepartmentView) => string }) {
  const { t } = useTranslation('registry');
  const s = stationing(props.departments, props.staff);
  const missing = s.expected.filter((e) => e.onRoster === 0).map((e) => props.label(e.department));
  const short = s.expected.filter((e) => e.shortOfList);
  return (
    <div className="ad-stationing" data-testid="stationing">
      <h2 className="ad-h2">{t('stationingTitle')}</h2>
      <p className="office-muted office-small">{t('stationingHint')}</p>
      <div className="ad-figures">
        <div className="ad-figure">
          <span>{t('stationedDepartments')}</span>
          <strong data-testid="stationed">
            {s.stationed} <small>/ {s.expected.length}</small>
          </strong>
          <span className="office-small">{t('expectedDepartments')}</span>
        </div>
        <div className="ad-figure">
          <span>{t('staffOnRoster')}</span>
          <strong data-testid="on-roster-total">{s.onRoster}</strong>
          <span className="office-small">{t('allExpected')}</span>
        </div>
        {s.listed > 0 && (
          <div className="ad-figure">
            <span>{t('listedOnRoster')}</span>
            <strong data-testid="listed">
              {s.listedOnRoster} <small>/ {s.listed}</small>
            </strong>
            <span className="office-small">{t('listedStaff')}</span>
          </div>
        )}
      </div>
      {missing.length > 0 && (
        <p className="ad-bad office-small" data-testid="not-stationed">
          {t('notStationed', { names: missing.join(t('listSep')) })}
        </p>
      )}
      {short.length > 0 && (
        <p className="ad-bad office-small" data-testid="short-of-list">
          {t('shortOfList')}
          {short
            .map((e) => `${props.label(e.department)} ${t('rosterOfList', { n: e.onRoster, expected: e.department.expectedStaff })}`)
            .join(t('clauseSep'))}
        </p>
      )}
    </div>
  );
}
