import type { RectificationReboundView, RectificationStatus } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import { langOf, statusLabel, useHallTime } from './format';

// A status is a word and a colour, never the colour alone.
const STATUS_MARK: Record<RectificationStatus, string> = { in_progress: '◔', rectified: '✓', ongoing: '↻' };

export function StatusBadge({ status }: { status: RectificationStatus }) {
  const { i18n } = useTranslation('rectification');
  return (
    <span className={`rect-badge rect-badge--${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_MARK[status]}</span> {statusLabel(status, langOf(i18n.language))}
    </span>
  );
}

export function ReboundFlag({ rebound }: { rebound: RectificationReboundView }) {
  const { t } = useTranslation('rectification');
  const hall = useHallTime();
  return (
    <span className="rect-rebound" role="status" data-testid="rebound-flag">
      <span aria-hidden="true">⚠</span> {t('reboundSince', { time: hall.dateTime(rebound.since) })}
    </span>
  );
}
