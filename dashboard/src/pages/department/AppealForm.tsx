import { APPEAL_REASON_LABELS, APPEAL_REASONS, type AppealReason, type AppealView } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentApi } from './api';
import { useSubmit } from './useSubmit';

interface Props {
  site: string;
  reviewId: string;
  lang: 'zh' | 'en';
  onFiled: (appeal: AppealView) => void;
  onCancel: () => void;
}

/** 申诉: the department contests one of its 差评 as mistaken or malicious; the office decides. */
export function AppealForm({ site, reviewId, lang, onFiled, onCancel }: Props) {
  const { t } = useTranslation('department');
  const [reason, setReason] = useState<AppealReason | ''>('');
  const [statement, setStatement] = useState('');
  const { busy, errors, refused, run } = useSubmit({ reason: 'reasonRequired', statement: 'statementRequired', reviewId: 'notAppealable' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An unchosen reason goes as it is, so that the server names the field and the form shows it.
    void run(() => departmentApi.appeal(site, reviewId, { reason: reason as AppealReason, statement }), onFiled);
  };

  return (
    <form className="dp-form" onSubmit={submit} noValidate data-testid="dp-appeal-form">
      <fieldset className="dp-choices" aria-invalid={errors.reason ? 'true' : undefined}>
        <legend>{t('reasonLabel')}</legend>
        {APPEAL_REASONS.map((r) => (
          <label key={r}>
            <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
            {APPEAL_REASON_LABELS[r][lang]}
          </label>
        ))}
        {errors.reason && <em className="dp-field-error">{errors.reason}</em>}
      </fieldset>
      <label>
        <span>{t('statementLabel')}</span>
        <textarea
          name="statement"
          rows={3}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          placeholder={t('statementPlaceholder')}
          aria-invalid={errors.statement ? 'true' : undefined}
        />
        {errors.statement && <em className="dp-field-error">{errors.statement}</em>}
      </label>
      {errors.reviewId && <p className="dp-refused">{errors.reviewId}</p>}
      <p className="office-muted office-small">{t('appealHint')}</p>
      {refused && (
        <p className="dp-refused" role="alert">
          {refused}
        </p>
      )}
      <div className="dp-buttons">
        <button type="submit" className="tr-button tr-button--primary" disabled={busy}>
          {busy ? t('sending') : t('appealSend')}
        </button>
        <button type="button" className="tr-button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
