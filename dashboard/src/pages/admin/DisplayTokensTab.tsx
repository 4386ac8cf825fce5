import { useTranslation } from 'react-i18next';
import type { DisplayTokenView } from '@hallwatch/shared';
import { adminApi } from './api';
import { CredentialsTab } from './CredentialsTab';

const wallAddress = (site: string, token: string) => `${location.origin}/wall?${new URLSearchParams({ site, token })}`;

/** Read-only tokens for the wall TVs: issued with the wall's address (shown once), listed, revoked. */
export function DisplayTokensTab({ site, timeZone, fail }: { site: string; timeZone: string; fail: (err: unknown) => void }) {
  const { t } = useTranslation('admin');
  return (
    <CredentialsTab<DisplayTokenView>
      site={site}
      timeZone={timeZone}
      fail={fail}
      kind={{
        id: 'display-tokens',
        inputName: 'displayTokenName',
        hint: t('displayTokenHint'),
        newLabel: t('newDisplayToken'),
        onceNote: t('tokenOnce'),
        list: adminApi.displayTokens,
        issue: async (s, name) => (await adminApi.createDisplayToken(s, name)).token,
        revoke: adminApi.revokeDisplayToken,
        secretLines: (token) => [
          { label: t('tabDisplayTokens'), value: token, testId: 'issued-token' },
          { label: t('wallAddress'), value: wallAddress(site, token), testId: 'wall-address' },
        ],
        afterSecret: (token) => (
          <p className="office-small">
            <a href={wallAddress(site, token)} target="_blank" rel="noreferrer" data-testid="open-wall">
              {t('openWall')} ↗
            </a>
          </p>
        ),
        column: { header: t('createdBy'), cell: (d) => d.createdBy },
      }}
    />
  );
}
