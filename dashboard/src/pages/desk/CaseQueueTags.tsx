import type { FollowUpCaseView } from '@hallwatch/shared';
import { useTranslation } from 'react-i18next';
import './cases-i18n';

/** What the queue's row says of a 12345 complaint: its work order number, and a 退单 waiting for the platform. */
export function CaseQueueTags({ c }: { c: FollowUpCaseView }) {
  const { t } = useTranslation('deskCases');
  if (!c.workOrder) return null;
  return (
    <>
      <span className="dk-tag" data-testid="queue-work-order">
        {t('orderTag', { number: c.workOrder.number })}
      </span>
      {c.workOrder.awaitingPlatform && <span className="dk-tag dk-tag--alarm">{t('awaitingPlatform')}</span>}
    </>
  );
}
