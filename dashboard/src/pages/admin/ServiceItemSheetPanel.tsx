import type { ServiceItemImportResult, SheetProblem } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { registryApi } from './registry-api';
import './registry-i18n';
import { FieldError } from './SecretOnce';

/**
 * The hall's 事项清单 from Excel: the template, a check that lists every problem by row and
 * column in the page's language, and the import, offered only once the check finds none.
 */
export function ServiceItemSheetPanel(props: { site: string; fail: (err: unknown) => void; onImported: () => void }) {
  const { t } = useTranslation('registry');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ServiceItemImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The file's own refusals in the page's words; anything else goes to the page's banner.
  const refused = (err: unknown) => {
    if (err instanceof ApiError && err.field === 'file') {
      const key = { 413: 'fileTooLarge', 415: 'fileNotXlsx', 422: 'fileHasProblems' }[err.status] ?? 'fileRequired';
      setError(t(key));
    } else props.fail(err);
  };
  const run = async (step: 'previewSheet' | 'importSheet') => {
    setError(null);
    if (!file) return setError(t('fileRequired'));
    setBusy(true);
    try {
      const r = await registryApi[step](props.site, file);
      setResult(r);
      if (r.applied) props.onImported();
    } catch (err) {
      refused(err);
    } finally {
      setBusy(false);
    }
  };
  const problemText = (p: SheetProblem) => t(`problem_${p.problem}`, { value: p.value ?? '' });
  const counts = result && {
    file: result.fileName,
    rows: result.rows,
    created: result.created,
    updated: result.updated,
    unchanged: result.unchanged,
  };

  return (
    <div className="ad-sheet" data-testid="item-sheet">
      <h2 className="ad-h2">{t('sheetTitle')}</h2>
      <p className="office-muted office-small">{t('sheetHint')}</p>
      <div className="ad-inline">
        <button
          type="button"
          className="tr-button"
          onClick={() => registryApi.template(props.site).catch(props.fail)}
          data-testid="sheet-template"
        >
          {t('template')}
        </button>
        <label className="ad-file">
          <span className="tr-button">{t('chooseFile')}</span>
          <input
            type="file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
              setError(null);
            }}
          />
          <span className="ad-file__name" data-testid="sheet-file">
            {file?.name ?? t('noFile')}
          </span>
        </label>
        <button type="button" className="tr-button" disabled={busy} onClick={() => void run('previewSheet')} data-testid="sheet-preview">
          {busy ? t('previewing') : t('preview')}
        </button>
        <button
          type="button"
          className="tr-button tr-button--primary"
          disabled={busy || !result || result.applied || result.problemCount > 0}
          onClick={() => void run('importSheet')}
          data-testid="sheet-import"
        >
          {t('importNow')}
        </button>
      </div>
      <FieldError message={error ?? undefined} testId="error-file" />
      {result && counts && (
        <p className={result.problemCount ? 'ad-bad' : 'ad-notice'} role="status" data-testid="sheet-result">
          {result.applied
            ? t('imported', counts)
            : result.problemCount
              ? t('previewBad', { ...counts, n: result.problemCount })
              : t('previewOk', counts)}
        </p>
      )}
      {result && result.problems.length > 0 && (
        <table className="ad-table ad-table--compact" data-testid="sheet-problems">
          <thead>
            <tr>
              <th className="ad-num">{t('row')}</th>
              <th>{t('column')}</th>
              <th>{t('field')}</th>
              <th>{t('problem')}</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, n) => (
              <tr key={n} data-row={p.row}>
                <td className="ad-num">{p.row}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.field ? t(`field_${p.field}`) : '—'}</td>
                <td>{problemText(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && result.problemCount > result.problems.length && (
        <p className="office-muted office-small">{t('previewMore', { shown: result.problems.length })}</p>
      )}
    </div>
  );
}
