import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A table's "export to Excel" button; the server writes the workbook with Chinese headers. */
export function ExportButton({ run, testId }: { run: () => Promise<void>; testId: string }) {
  const { t } = useTranslation('trends');
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      await run();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="tr-button" onClick={() => void click()} disabled={busy} data-testid={testId}>
      {busy ? t('exporting') : t('export')}
    </button>
  );
}
