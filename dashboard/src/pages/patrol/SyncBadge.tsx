import { useTranslation } from 'react-i18next';
import type { SyncState } from './useOutbox';

/** Whether every record has reached the server: the patroller's assurance that nothing is lost. */
export function SyncBadge({ sync, online }: { sync: SyncState; online: boolean }) {
  const { t } = useTranslation('patrol');
  const { pending, sending } = sync;
  // Offline, "synced" would read as if the phone were talking to the server: it says offline, with nothing lost.
  const tone = !online ? 'off' : pending === 0 ? 'ok' : 'busy';
  const text =
    pending === 0
      ? online
        ? t('synced')
        : t('offlineSynced')
      : sending && online
        ? t('syncing', { count: pending })
        : online
          ? t('pendingOnline', { count: pending })
          : t('pending', { count: pending });
  return (
    <span className={`pt-sync pt-sync--${tone}`} data-testid="sync-state" data-pending={pending} role="status">
      {text}
    </span>
  );
}
