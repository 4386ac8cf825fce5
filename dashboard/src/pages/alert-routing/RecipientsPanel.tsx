import { RECIPIENT_DUTIES, type AlertRecipientInput, type AlertRecipientView, type DepartmentView } from '@hallwatch/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  people: AlertRecipientView[];
  departments: DepartmentView[];
  busy: boolean;
  onAdd: (input: AlertRecipientInput) => Promise<boolean>;
  onRemove: (p: AlertRecipientView) => void;
}

const EMPTY: AlertRecipientInput = { name: '', department: null, duty: 'member', mobile: null, userId: null, email: null };
const blankToNull = (v: string) => (v.trim() ? v.trim() : null);

// The people rules @mention and escalations reach, per department or the site's office.
export function RecipientsPanel({ people, departments, busy, onAdd, onRemove }: Props) {
  const { t } = useTranslation('alertRouting');
  const [draft, setDraft] = useState<AlertRecipientInput>(EMPTY);
  const set = (patch: Partial<AlertRecipientInput>) => setDraft((d) => ({ ...d, ...patch }));
  const deptName = (code: string | null) => (code === null ? t('person.office') : (departments.find((d) => d.code === code)?.name ?? code));

  return (
    <section className="ar-section" data-testid="ar-recipients">
      <h2>{t('recipients')}</h2>
      {people.length === 0 ? (
        <p className="office-muted">{t('noRecipients')}</p>
      ) : (
        <table className="ar-table">
          <thead>
            <tr>
              <th>{t('person.name')}</th>
              <th>{t('person.department')}</th>
              <th>{t('person.duty')}</th>
              <th>{t('person.mobile')}</th>
              <th>{t('person.userId')}</th>
              <th>{t('person.email')}</th>
              <th>{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{deptName(p.department)}</td>
                <td>{t(`duty.${p.duty}`)}</td>
                <td>{p.mobile ?? '—'}</td>
                <td>{p.userId ?? '—'}</td>
                <td>{p.email ?? '—'}</td>
                <td>
                  <button type="button" className="tr-link" disabled={busy} onClick={() => onRemove(p)}>
                    {t('remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="ar-form__row ar-add"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await onAdd(draft)) setDraft(EMPTY);
        }}
      >
        <label>
          {t('person.name')}
          <input value={draft.name} maxLength={40} onChange={(e) => set({ name: e.target.value })} data-testid="ar-person-name" />
        </label>
        <label>
          {t('person.department')}
          <select value={draft.department ?? ''} onChange={(e) => set({ department: e.target.value || null })}>
            <option value="">{t('person.office')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('person.duty')}
          <select value={draft.duty} onChange={(e) => set({ duty: e.target.value as AlertRecipientInput['duty'] })}>
            {RECIPIENT_DUTIES.map((d) => (
              <option key={d} value={d}>
                {t(`duty.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('person.mobile')}
          <input
            value={draft.mobile ?? ''}
            inputMode="tel"
            maxLength={11}
            onChange={(e) => set({ mobile: blankToNull(e.target.value) })}
            data-testid="ar-person-mobile"
          />
        </label>
        <label>
          {t('person.userId')}
          <input value={draft.userId ?? ''} maxLength={64} onChange={(e) => set({ userId: blankToNull(e.target.value) })} />
        </label>
        <label>
          {t('person.email')}
          <input value={draft.email ?? ''} type="email" maxLength={254} onChange={(e) => set({ email: blankToNull(e.target.value) })} />
        </label>
        <button type="submit" className="tr-button" disabled={busy} data-testid="ar-person-add">
          {t('person.add')}
        </button>
      </form>
    </section>
  );
}
