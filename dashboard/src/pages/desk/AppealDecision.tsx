import { APPEAL_REASON_LABELS, type AppealView } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, fieldTexts } from '../../api';
import { goToSignIn } from '../../auth/session';
import { appealsApi } from './appeals-api';

export interface AppealCardProps {
  site: string;
  appeal: AppealView;
  lang: 'zh' | 'en';
  /** Who is signed in: the filer of an appeal never decides it. */
  me: string | null;
  canDecide: boolean;
  deptName: (code: string | null) => string;
  windowName: (code: string | null) => string | null;
  at: (iso: string) => string;
  onDecided: (appeal: AppealView) => void;
}

// The refused fields in this form's own words: it knows what it asked for.
const FIELD_KEYS: Record<string, string> = { decision: 'decisionRequired', note: 'noteRequired' };

/** One pending appeal: the review contested, the department's case, and the decision with its grounds. */
export function AppealCard({ site, appeal: a, lang, me, canDecide, deptName, windowName, at, onDecided }: AppealCardProps) {
  const { t } = useTranslation('deskAppeals');
  const [decision, setDecision] = useState<'upheld' | 'rejected' | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const own = me !== null && a.filedBy === me;
  const r = a.review;
  const win = windowName(r?.window ?? null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setRefused(null);
    try {
      onDecided(await appealsApi.decide(site, a.id, { decision: decision as 'upheld', note }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return goToSignIn();
      const fields = fieldTexts(err);
      // The filer's own decision is refused naming `decision`: that is who, not what, so it is said as such.
      if (err instanceof ApiError && err.status === 403 && err.field === 'decision') setRefused(t('filerRefused'));
      else if (Object.keys(fields).some((f) => FIELD_KEYS[f]))
        setErrors(Object.fromEntries(Object.keys(fields).flatMap((f) => (FIELD_KEYS[f] ? [[f, t(FIELD_KEYS[f])]] : []))));
      else setRefused(err instanceof ApiError && err.status === 409 ? t('conflict') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="dk-ap-item" data-testid={`appeal-${a.reviewId}`}>
      <div className="dk-ap-head">
        <strong>{deptName(a.department)}</strong>
        <span className="dk-ap-rating">{r ? t('review', { rating: r.rating }) : t('reviewGone', { review: a.reviewId })}</span>
        {r && (
          <span className="office-muted office-small">
            {[
              t('reviewAt', { time: at(r.occurredAt) }),
              win,
              r.staff && t('staff', { staff: r.staff }),
              r.ticket && t('ticket', { ticket: r.ticket }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        )}
      </div>
      {r && <p className="dk-ap-comment">{r.comment ? t('comment', { comment: r.comment }) : t('noComment')}</p>}
      <p className="dk-ap-statement">
        <span className="dk-ap-reason">{APPEAL_REASON_LABELS[a.reason][lang]}</span> {t('statement')}
        {a.statement}
      </p>
      <p className="office-muted office-small">{t('filed', { who: a.filedBy, time: at(a.filedAt) })}</p>
      {own ? (
        <p className="dk-ap-own" data-testid="appeal-own">
          {t('ownFiling')}
        </p>
      ) : !canDecide ? (
        <p className="office-muted office-small">{t('readOnly')}</p>
      ) : (
        <form className="dk-ap-form" onSubmit={(e) => void submit(e)} noValidate>
          <fieldset aria-invalid={errors.decision ? 'true' : undefined}>
            <legend>{t('decisionLabel')}</legend>
            <label>
              <input
                type="radio"
                name={`decision-${a.id}`}
                value="upheld"
                checked={decision === 'upheld'}
                onChange={() => setDecision('upheld')}
              />
              {t('uphold')}
            </label>
            <label>
              <input
                type="radio"
                name={`decision-${a.id}`}
                value="rejected"
                checked={decision === 'rejected'}
                onChange={() => setDecision('rejected')}
              />
              {t('reject')}
            </label>
            {errors.decision && <em className="dk-ap-error">{errors.decision}</em>}
          </fieldset>
          <label className="dk-ap-note">
            <span>{t('noteLabel')}</span>
            <textarea
              name="note"
              rows={2}
              value={note}
              placeholder={t('notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={errors.note ? 'true' : undefined}
            />
            {errors.note && <em className="dk-ap-error">{errors.note}</em>}
          </label>
          {refused && (
            <p className="dk-ap-error" role="alert">
              {refused}
            </p>
          )}
          <div>
            <button type="submit" className="dk-ap-button" disabled={busy}>
              {busy ? t('sending') : t('decide')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
