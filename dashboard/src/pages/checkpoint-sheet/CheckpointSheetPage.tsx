import type { PatrolCheckpointCodeView } from '@hallwatch/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, get } from '../../api';
import { goToSignIn } from '../../auth/session';
import { setLanguage } from '../../i18n';
import './i18n';
import './checkpoint-sheet.css';

/**
 * Every active checkpoint of a site with its QR code and its code, laid out to print on A4 and
 * post at the checkpoints (docs/contracts/patrol.md). Admins and supervisors only: the codes are
 * what proves a round was walked.
 */
export function CheckpointSheetPage() {
  const { t, i18n } = useTranslation('checkpointSheet');
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const site = new URLSearchParams(window.location.search).get('site') ?? '';
  const [codes, setCodes] = useState<PatrolCheckpointCodeView[] | null>(null);
  const [error, setError] = useState<string | null>(site ? null : t('noSite'));

  useEffect(() => {
    if (!site) return;
    get<PatrolCheckpointCodeView[]>(`/api/v1/admin/sites/${encodeURIComponent(site)}/patrol/checkpoint-codes`).then(setCodes, (err) => {
      if (err instanceof ApiError && err.status === 401) goToSignIn();
      else setError(t('failed', { message: err instanceof ApiError ? errorText(err) : String(err) }));
    });
  }, [site, t]);

  return (
    <main className="cs-page">
      <header className="cs-head">
        <div>
          <h1>{t('title')}</h1>
          {site && <p>{t('site', { site })}</p>}
        </div>
        <div className="cs-actions">
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
          <button type="button" onClick={() => setLanguage(lang === 'en' ? 'zh' : 'en')} data-testid="lang">
            {t('language')}
          </button>
        </div>
      </header>
      <p className="cs-how">{t('howTo')}</p>
      {error && <p role="alert">{error}</p>}
      {!codes && !error && <p>{t('loading')}</p>}
      {codes && (
        <ol className="cs-grid" data-testid="checkpoint-sheet">
          {codes.map((c) => (
            <li key={c.code} className="cs-card" data-testid={`sheet-${c.code}`}>
              <img src={c.qr} alt={c.payload} data-testid={`qr-${c.code}`} />
              <strong className="cs-label">{c.label[lang]}</strong>
              <span className="cs-code">
                {t('code')} <span data-testid={`code-${c.code}`}>{c.scanCode}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
