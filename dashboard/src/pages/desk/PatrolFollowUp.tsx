import type { PatrolTodayView } from '@hallwatch/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText } from '../../api';
import { goToSignIn } from '../../auth/session';
import { DeductionsSection } from './DeductionsSection';
import { FindingsSection } from './FindingsSection';
import { NoticesSection } from './NoticesSection';
import './notices-i18n';
import './notices.css';

/** How a desk part names things: departments and windows by the registry, times in the hall's zone. */
export interface DeskNames {
  deptName: (code: string | null) => string;
  windowName: (code: string | null) => string | null;
  timeZone: string;
}

/** Loads on `version` changes; `failed` holds the message in the page's language. */
export function useLoaded<T>(load: () => Promise<T>, version: number): { value: T | null; failed: string | null } {
  const [state, setState] = useState<{ value: T | null; failed: string | null }>({ value: null, failed: null });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ value, failed: null }),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) return goToSignIn();
        if (live) setState({ value: null, failed: errorText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [load, version]);
  return state;
}

// Patrol findings → 督查告知书 → replies → deductions, one section of the desk: issuing a notice
// from a finding moves it from the left list to the notices, and every change reloads both.
export function PatrolFollowUp({ site, today, names }: { site: string | null; today: PatrolTodayView | null; names: DeskNames }) {
  const { t } = useTranslation('deskNotices');
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  if (!site) return null;
  return (
    <section className="dn-section" data-testid="desk-patrol-follow-up">
      <header className="dn-head">
        <h2>{t('title')}</h2>
        <p className="office-muted office-small">{t('hint')}</p>
      </header>
      <div className="dn-grid">
        <FindingsSection site={site} today={today} names={names} version={version} changed={changed} />
        <NoticesSection site={site} names={names} version={version} changed={changed} />
      </div>
      <DeductionsSection site={site} names={names} version={version} month={today?.day.slice(0, 7) ?? null} />
    </section>
  );
}
