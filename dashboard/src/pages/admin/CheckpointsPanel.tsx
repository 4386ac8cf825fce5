import type { PatrolCheckpointCodeView, PatrolCheckpointView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { when } from './SecretOnce';
import type { AdminTabProps } from './tab-props';

/** A code as it is printed, in two groups of four, so that it is read out without losing one's place. */
const grouped = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`;

/**
 * The site's checklist with the code posted at each checkpoint, its QR code, and the rotation of a
 * code whose sheet was lost or copied (docs/contracts/patrol.md). The printable sheet opens beside.
 */
export function CheckpointsPanel({ site, lang, timeZone, fail }: AdminTabProps) {
  const { t } = useTranslation('admin');
  const [codes, setCodes] = useState<PatrolCheckpointCodeView[] | null>(null);
  const [items, setItems] = useState<Record<string, number[]>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rotated, setRotated] = useState<PatrolCheckpointCodeView | null>(null);

  useEffect(() => {
    let live = true;
    // The codes first: reading them gives a site its default checklist the first time.
    adminApi
      .checkpointCodes(site)
      .then((list) => {
        if (live) setCodes(list);
        return adminApi.checkpoints(site);
      })
      .then((list: PatrolCheckpointView[]) => live && setItems(Object.fromEntries(list.map((c) => [c.code, c.items]))), fail);
    return () => {
      live = false;
    };
  }, [site, fail]);

  const rotate = async (checkpoint: string) => {
    setConfirming(null);
    setBusy(checkpoint);
    try {
      const fresh = await adminApi.rotateCode(site, checkpoint);
      setRotated(fresh);
      setCodes((list) => list?.map((c) => (c.code === checkpoint ? fresh : c)) ?? null);
    } catch (err) {
      fail(err);
    }
    setBusy(null);
  };

  return (
    <section className="ad-panel" data-testid="checkpoints">
      <div className="ad-panel__head">
        <h2 className="ad-h2">{t('checkpointsTitle')}</h2>
        <a
          className="tr-button"
          href={`/checkpoint-sheet?site=${encodeURIComponent(site)}`}
          target="_blank"
          rel="noreferrer"
          data-testid="print-sheet"
        >
          {t('printSheet')}
        </a>
      </div>
      <p className="office-muted office-small">{t('checkpointsHint')}</p>
      {rotated && (
        <p className="ad-notice" role="status" data-testid="rotated">
          {t('rotated', { name: rotated.label[lang], code: grouped(rotated.scanCode) })}
        </p>
      )}
      {!codes && <p className="office-muted">{t('loading')}</p>}
      {codes && (
        <table className="ad-table ad-checkpoints">
          <thead>
            <tr>
              <th>{t('checkpoint')}</th>
              <th>{t('items')}</th>
              <th>{t('qr')}</th>
              <th>{t('scanCode')}</th>
              <th>{t('codeSince')}</th>
              <th>{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {codes.length === 0 && (
              <tr>
                <td colSpan={6} className="office-muted">
                  {t('noCheckpoints')}
                </td>
              </tr>
            )}
            {codes.map((c) => (
              <tr key={c.code} data-checkpoint={c.code}>
                <td>{c.label[lang]}</td>
                <td className="ad-nowrap">{(items[c.code] ?? []).join(lang === 'zh' ? '、' : ', ') || '—'}</td>
                <td>
                  <img className="ad-qr" src={c.qr} alt={c.payload} width={64} height={64} />
                </td>
                <td>
                  <code className="ad-code" data-testid="scan-code">
                    {grouped(c.scanCode)}
                  </code>
                </td>
                <td className="ad-nowrap">{c.since ? when(c.since, timeZone) : t('codeSinceFirst')}</td>
                <td>
                  {confirming === c.code ? (
                    <span className="ad-confirm">
                      {t('confirmRotate', { name: c.label[lang] })}{' '}
                      <button
                        type="button"
                        className="tr-button ad-danger"
                        onClick={() => void rotate(c.code)}
                        data-testid="confirm-rotate"
                      >
                        {t('confirm')}
                      </button>{' '}
                      <button type="button" className="tr-button" onClick={() => setConfirming(null)}>
                        {t('cancel')}
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="tr-button"
                      disabled={busy === c.code}
                      onClick={() => setConfirming(c.code)}
                      data-testid="rotate"
                    >
                      {t('rotate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
