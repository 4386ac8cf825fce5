import { useTranslation } from 'react-i18next';
import type { DeviceKeyView } from '@hallwatch/shared';
import { adminApi } from './api';
import { CredentialsTab } from './CredentialsTab';

/** A site's device keys: the queue-ticket system, rating pads and the 12345 feed post with them. */
export function DeviceKeysTab({ site, timeZone, fail }: { site: string; timeZone: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  return (
    <CredentialsTab<DeviceKeyView>
      site={site}
      timeZone={timeZone}
      fail={fail}
      kind={{
        id: 'device-keys',
        inputName: 'deviceKeyName',
        hint: t('deviceKeyHint'),
        newLabel: t('newDeviceKey'),
        onceNote: t('keyOnce'),
        list: adminApi.deviceKeys,
        issue: async (s, name) => (await adminApi.createDeviceKey(s, name)).key,
        revoke: adminApi.revokeDeviceKey,
        secretLines: (key) => [{ label: t('tabDeviceKeys'), value: key, testId: 'issued-key' }],
        column: { header: t('signature'), cell: (k) => (k.requireSignature ? t('signatureRequired') : t('signatureOptional')) },
      }}
    />
  );
}
