import {
  CALLBACK_ANSWERS,
  FOLLOW_UP_STATUS_LABELS,
  type CallbackAnswer,
  type CallbackAnswerInput,
  type CallbackCheckView,
  type CallbackDrawReason,
} from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldTexts } from '../../api';
import { hallDateTime, Lang } from './format';

const ANSWER_KEYS: Record<CallbackAnswer, string> = {
  confirmed: 'answerConfirmed',
  not_contacted: 'answerNotContacted',
  contacted_not_solved: 'answerNotSolved',
};
// Short on the choice chips, whole in the recorded outcome.
const CHIP_KEYS: Record<CallbackAnswer, string> = {
  confirmed: 'chipConfirmed',
  not_contacted: 'chipNotContacted',
  contacted_not_solved: 'chipNotSolved',
};
const REASON_KEYS: Record<CallbackDrawReason, string> = {
  random: 'reasonRandom',
  weekly_minimum: 'reasonWeekly',
  recheck: 'reasonRecheck',
};
// What this form asks for, in its own words: the table of shared field messages is for fields every page shares.
const FIELD_KEYS: Record<string, string> = { answer: 'answerRequired', note: 'noteRequired', calledAt: 'calledAtWrong' };

export interface RowProps {
  check: CallbackCheckView;
  lang: Lang;
  timeZone: string;
  /** Who is signed in: the handler sees their own cases without the form. */
  me: string;
  canVerify: boolean;
  reveal: (id: string) => Promise<string>;
  answer: (id: string, input: CallbackAnswerInput) => Promise<CallbackCheckView>;
  onAnswered: (check: CallbackCheckView) => void;
}

/** One drawn closure: what the handler recorded, the citizen's number on demand, and the verifier's answer. */
export function CheckRow({ check: c, lang, timeZone, me, canVerify, reveal, answer, onAnswered }: RowProps) {
  const { t } = useTranslation('callbacks');
  const [phone, setPhone] = useState<string | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [chosen, setChosen] = useState<CallbackAnswer | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const at = (iso: string) => hallDateTime(iso, timeZone);
  const dept = c.departmentName ? c.departmentName[lang] : (c.department ?? t('noDepartment'));
  const own = c.handler === me;

  const show = async () => {
    setRevealing(true);
    try {
      setPhone(await reveal(c.id));
    } catch (err) {
      setRefused(errorText(err));
    } finally {
      setRevealing(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setRefused(null);
    try {
      onAnswered(await answer(c.id, { answer: chosen as CallbackAnswer, note }));
    } catch (err) {
      const fields = fieldTexts(err);
      if (Object.keys(fields).length)
        setErrors(Object.fromEntries(Object.entries(fields).map(([f, text]) => [f, FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : text])));
      else if (err instanceof ApiError && err.status === 403 && /handle/.test(err.message)) setRefused(t('refusedHandler'));
      else setRefused(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr className={`cb-row ${c.answer ? `cb-row--${c.answer}` : ''}`} data-testid={`check-${c.sourceId}`}>
      <td>
        <div className="cb-case">
          <strong>{c.kind === 'review' ? t('review', { rating: c.rating ?? '?' }) : t('complaint')}</strong>
          <span className="office-muted">
            {dept}
            {c.window ? ` · ${t('window', { window: c.window })}` : ''}
          </span>
        </div>
        {c.summary && <p className="cb-summary">{c.summary}</p>}
      </td>
      <td>
        <div>{c.handler}</div>
        <div className="office-muted cb-nowrap">{at(c.closedAt)}</div>
      </td>
      <td className="cb-record">
        <div>
          <span className="office-muted">{t('resolution')}</span>
          {c.resolution ?? t('nothingRecorded')}
        </div>
        {c.confirmationNote && (
          <div>
            <span className="office-muted">{t('confirmationNote')}</span>
            {c.confirmationNote}
          </div>
        )}
      </td>
      <td>
        <span className={`cb-reason cb-reason--${c.reason}`}>{t(REASON_KEYS[c.reason])}</span>
        <div className="office-muted cb-nowrap">{t('drawnAt', { time: at(c.drawnAt) })}</div>
      </td>
      <td className="cb-nowrap">
        {!c.hasPhone ? (
          <span className="office-muted">{t('noPhone')}</span>
        ) : phone ? (
          <div>
            <strong className="cb-phone" data-testid="phone">
              {phone}
            </strong>
            <div className="office-muted office-small">{t('revealed')}</div>
          </div>
        ) : (
          <div>
            <div>{c.phoneMasked}</div>
            {canVerify && !c.answer && !own && (
              <button type="button" className="tr-button cb-small" onClick={() => void show()} disabled={revealing}>
                {revealing ? t('revealing') : t('reveal')}
              </button>
            )}
          </div>
        )}
      </td>
      <td className="cb-verify">
        {c.answer ? (
          <div data-testid="outcome">
            <strong className={`cb-answer cb-answer--${c.answer}`}>{t(ANSWER_KEYS[c.answer])}</strong>
            {c.note && <p className="cb-summary">{c.note}</p>}
            <div className="office-muted office-small">
              {t('verifiedBy', { who: c.verifiedBy, time: at(c.verifiedAt!) })} ·{' '}
              {c.answer === 'confirmed' ? t('stillClosed') : t('reopened')}
            </div>
            <div className="office-muted office-small">{t('statusNow', { status: FOLLOW_UP_STATUS_LABELS[c.caseStatus][lang] })}</div>
          </div>
        ) : own ? (
          <p className="office-muted">{t('ownCase')}</p>
        ) : canVerify ? (
          <form className="cb-form" onSubmit={(e) => void submit(e)} noValidate>
            <fieldset className="cb-choices" aria-invalid={!!errors.answer}>
              <legend className="office-sr">{t('answer')}</legend>
              {CALLBACK_ANSWERS.map((a) => (
                <label key={a} className={`cb-choice cb-choice--${a} ${chosen === a ? 'cb-choice--on' : ''}`}>
                  <input type="radio" name={`answer-${c.id}`} value={a} checked={chosen === a} onChange={() => setChosen(a)} />
                  {t(CHIP_KEYS[a])}
                </label>
              ))}
            </fieldset>
            {errors.answer && <p className="cb-field-error">{errors.answer}</p>}
            <label className="cb-note">
              <span className="office-sr">{t('note')}</span>
              <textarea
                name="note"
                rows={2}
                value={note}
                placeholder={t('notePlaceholder')}
                onChange={(e) => setNote(e.target.value)}
                aria-invalid={!!errors.note}
              />
            </label>
            {errors.note && <p className="cb-field-error">{errors.note}</p>}
            {errors.calledAt && <p className="cb-field-error">{errors.calledAt}</p>}
            {refused && <p className="cb-field-error">{refused}</p>}
            <button type="submit" className="tr-button tr-button--primary cb-small" disabled={busy}>
              {busy ? t('recording') : t('record')}
            </button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}
