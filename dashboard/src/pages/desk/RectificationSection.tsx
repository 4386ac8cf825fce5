import { RECTIFICATION_STATUS_LABELS, type RectificationItemView, type RectificationListView } from '@hallwatch/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { get, useSiteTimeZone } from '../../api';
import { useSiteLoad } from '../../shell/useSiteLoad';
import './rectification-i18n';

const MAX_ITEMS = 8;

/** Why an item is on the desk, most pressing first: a rectified problem back, a deadline passed, no evidence. */
type Reason = 'rebound' | 'overdue' | 'noEvidence';

function reasonOf(item: RectificationItemView, today: string): Reason | null {
  if (item.rebound) return 'rebound';
  if (item.status === 'in_progress' && item.deadline !== null && item.deadline < today) return 'overdue';
  if (item.status !== 'ongoing' && item.evidence.length === 0) return 'noEvidence';
  return null;
}
const ORDER: Record<Reason, number> = { rebound: 0, overdue: 1, noEvidence: 2 };

const loadItems = (site: string) => get<RectificationListView>('/api/v1/admin/rectification/items', { site });

// The look-back (回头看) on the desk: the items that need the office now, each opening on the
// ledger where evidence is added and the status changed.
export function RectificationSection({ site }: { site: string | null }) {
  const { t, i18n } = useTranslation('deskRectification');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const list = useSiteLoad(site, loadItems);

  const timeZone = useSiteTimeZone(site);
  const view = list.failed === null ? (list.value ?? null) : null;
  const attention = useMemo(() => {
    if (!view) return [];
    // Deadlines are the hall's calendar days; en-CA writes the day as YYYY-MM-DD.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(view.asOf));
    return view.sections
      .flatMap((s) => s.items)
      .map((item) => ({ item, reason: reasonOf(item, today) }))
      .filter((x): x is { item: RectificationItemView; reason: Reason } => x.reason !== null)
      .sort((a, b) => ORDER[a.reason] - ORDER[b.reason] || a.item.number - b.item.number);
  }, [view, timeZone]);
  const ledger = (key?: string) =>
    `/rectification?${new URLSearchParams({ ...(site ? { site } : {}), ...(key ? { item: key } : {}) }).toString()}`;

  return (
    <section className="dk-panel dk-rectification" data-testid="desk-rectification">
      <h2>
        {t('title')}
        {view?.report && <span className="dk-count">{attention.length}</span>}
      </h2>
      {!view && list.failed === null && <p className="office-muted">{t('loading')}</p>}
      {list.failed !== null && <p className="office-error">{t('failed', { message: list.failed })}</p>}
      {view && !view.report && <p className="office-muted">{t('noReport')}</p>}
      {view && view.report && (
        <>
          <p className="office-muted office-small">
            {t('counts', {
              rectified: view.counts.rectified,
              ongoing: view.counts.ongoing,
              inProgress: view.counts.in_progress,
              rebounding: view.counts.rebounding,
            })}
          </p>
          {attention.length === 0 ? (
            <p className="office-muted">{t('none')}</p>
          ) : (
            <ul className="dk-list">
              {attention.slice(0, MAX_ITEMS).map(({ item, reason }) => (
                <li key={item.key} data-testid={`desk-item-${item.number}`} data-reason={reason}>
                  <a className="dk-link" href={ledger(item.key)}>
                    {t('item', { n: item.number })}
                  </a>{' '}
                  <span className={reason === 'noEvidence' ? 'dk-tag' : 'dk-tag dk-tag--alarm'}>{t(`reason.${reason}`)}</span>{' '}
                  <span className="office-muted office-small">{RECTIFICATION_STATUS_LABELS[item.status][lang]}</span>
                  {item.problem && <span className="dk-summary">{item.problem}</span>}
                </li>
              ))}
            </ul>
          )}
          {attention.length > MAX_ITEMS && <p className="office-muted office-small">{t('more', { n: attention.length - MAX_ITEMS })}</p>}
          <a className="dk-link" href={ledger()}>
            {t('openLedger')} →
          </a>
        </>
      )}
    </section>
  );
}
