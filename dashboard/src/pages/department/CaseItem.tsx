import { followUpStatusLabel, type FollowUpCaseView } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api';
import { dueAt } from '../../format/due-at';
import { departmentApi } from './api';
import { AppealForm } from './AppealForm';
import { useSubmit } from './useSubmit';

interface Props {
  site: string;
  item: FollowUpCaseView;
  time: (iso: string) => string;
  lang: 'zh' | 'en';
  /** After any act: the page reads its tasks again and says what was stored (a key of the page's strings). */
  onDone: (what: string) => void;
}

type Open = 'contact' | 'resolve' | 'appeal' | null;

/**
 * One follow-up the department handles: it calls the citizen (the number shown on demand, and
 * audited), logs each call and its fix. The confirming call that closes the case is the
 * supervision office's, so a case that waits for it says so and offers nothing more.
 */
export function CaseItem({ site, item: c, time, lang, onDone }: Props) {
  const { t } = useTranslation('department');
  const [open, setOpen] = useState<Open>(null);
  const [reached, setReached] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [phone, setPhone] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const { busy, errors, refused, run } = useSubmit({ reached: 'reachedRequired', note: 'noteRequired' });
  const waitsForOffice = c.status === 'awaiting_confirmation';
  const appealable = c.kind === 'review' && c.rating !== null && c.rating <= 2 && !c.appeal;

  const show = (which: Open) => {
    setOpen(which);
    setNote('');
    setReached(null);
  };
  const reveal = async () => {
    setPhoneError(null);
    try {
      setPhone((await departmentApi.phone(site, c.id)).phone);
    } catch (err) {
      setPhoneError(errorText(err));
    }
  };
  const finished = (what: string) => {
    setOpen(null);
    onDone(what);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (open === 'contact')
      void run(
        // An unanswered choice goes as null, so that the server names the field and the form shows it.
        () => departmentApi.contact(site, c.id, { reached: reached as boolean, note: note.trim() || null }),
        () => finished('doneContact'),
      );
    else
      void run(
        () => departmentApi.resolution(site, c.id, { note }),
        () => finished('doneResolve'),
      );
  };

  return (
    <li className={c.contactOverdueAt || c.resolveOverdueAt ? 'dp-overdue' : undefined} data-testid={`dp-case-${c.sourceId}`}>
      <strong>
        {t(`kind_${c.kind}`)}
        {c.rating !== null && ` · ${t('rating', { rating: c.rating })}`}
        {c.window && ` · ${t('window', { window: c.window })}`}
      </strong>
      <span className="dp-status">{followUpStatusLabel(c)[lang]}</span>
      {c.appeal && <span className="dp-tag">{t(`caseAppeal_${c.appeal.status}`)}</span>}
      {c.summary && <span>{c.summary}</span>}
      {c.workOrder && (
        // The platform's own limit is the one the hotline holds the department to; read-only here, the desk handles the order.
        <span className="office-muted" data-testid="dp-work-order">
          {t('workOrder', { number: c.workOrder.number })}
          {c.workOrder.closeBy && ` · ${t('orderCloseBy', { time: time(c.workOrder.closeBy) })}`}
        </span>
      )}
      <span className="office-muted">
        {!c.firstContactAt && `${t('contactDue', { time: dueAt(c.contactDueAt, time) })} · `}
        {t('resolveDue', { time: dueAt(c.resolveDueAt, time) })}
        {c.firstContactAt && ` · ${t('contacted', { time: time(c.firstContactAt) })}`}
      </span>
      {c.phoneMasked && (
        <span className="dp-phone">
          {t('phone')} <strong data-testid="dp-phone">{phone ?? c.phoneMasked}</strong>
          {phone ? (
            <span className="office-muted office-small"> {t('phoneAudited')}</span>
          ) : (
            !waitsForOffice && (
              <button type="button" className="tr-link dp-link" onClick={() => void reveal()}>
                {t('phoneReveal')}
              </button>
            )
          )}
          {phoneError && <span className="dp-refused"> {phoneError}</span>}
        </span>
      )}
      {waitsForOffice && <span className="dp-waits">{t('waitsForOffice')}</span>}
      {open === null && (
        <span className="dp-buttons">
          {!waitsForOffice && (
            <button type="button" className="tr-button dp-act" onClick={() => show('contact')}>
              {t('contactOpen')}
            </button>
          )}
          {!waitsForOffice && c.firstContactAt && (
            <button type="button" className="tr-button dp-act" onClick={() => show('resolve')}>
              {t('resolveOpen')}
            </button>
          )}
          {appealable && (
            <button type="button" className="tr-button dp-act" onClick={() => show('appeal')}>
              {t('appealOpen')}
            </button>
          )}
        </span>
      )}
      {open === 'appeal' && (
        <AppealForm site={site} reviewId={c.sourceId} lang={lang} onFiled={() => finished('doneAppeal')} onCancel={() => setOpen(null)} />
      )}
      {(open === 'contact' || open === 'resolve') && (
        <form className="dp-form" onSubmit={submit} noValidate data-testid={`dp-${open}-form`}>
          {open === 'contact' && (
            <fieldset className="dp-choices" aria-invalid={errors.reached ? 'true' : undefined}>
              <legend>{t('reachedLabel')}</legend>
              <label>
                <input type="radio" name="reached" checked={reached === true} onChange={() => setReached(true)} />
                {t('reachedYes')}
              </label>
              <label>
                <input type="radio" name="reached" checked={reached === false} onChange={() => setReached(false)} />
                {t('reachedNo')}
              </label>
              {errors.reached && <em className="dp-field-error">{errors.reached}</em>}
            </fieldset>
          )}
          <label>
            <span>{open === 'contact' ? t('contactNoteLabel') : t('resolveNoteLabel')}</span>
            <textarea
              name="note"
              rows={3}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={errors.note ? 'true' : undefined}
            />
            {errors.note && <em className="dp-field-error">{errors.note}</em>}
          </label>
          <p className="office-muted office-small">{open === 'contact' ? t('contactHint') : t('resolveHint')}</p>
          {refused && (
            <p className="dp-refused" role="alert">
              {refused}
            </p>
          )}
          <div className="dp-buttons">
            <button type="submit" className="tr-button tr-button--primary" disabled={busy}>
              {busy ? t('sending') : t('save')}
            </button>
            <button type="button" className="tr-button" onClick={() => setOpen(null)} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
