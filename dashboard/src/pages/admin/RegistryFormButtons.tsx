import { useTranslation } from 'react-i18next';

/** The registry forms' last row: add (or save while editing a row) and, while editing, cancel. */
export function RegistryFormButtons({ editing, testId, onCancel }: { editing: boolean; testId: string; onCancel: () => void }) {
  const { t } = useTranslation('registry');
  return (
    <>
      <button type="submit" className="tr-button tr-button--primary" data-testid={testId}>
        {editing ? t('save') : t('add')}
      </button>
      {editing && (
        <button type="button" className="tr-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </>
  );
}
