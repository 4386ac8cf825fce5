import type { PatrolNoticeView } from '@hallwatch/shared';
import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentApi } from './api';
import { useSubmit } from './useSubmit';

interface Props {
  site: string;
  notice: PatrolNoticeView;
  time: (iso: string) => string;
  lang: 'zh' | 'en';
  /** After the reply is stored: the notice closes and leaves the list. */
  onReplied: (notice: PatrolNoticeView) => void;
}

/** A 督查告知书 waiting for the department's answer, and the form that answers it. */
export function NoticeItem({ site, notice: n, time, lang, onReplied }: Props) {
  const { t } = useTranslation('department');
  const [open, setOpen] = useState(false);
  const [reply, setReply] = useState('');
  const [by, setBy] = useState('');
  const { busy, errors, refused, run } = useSubmit({ reply: 'replyRequired', by: 'byTooLong' });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => departmentApi.reply(site, n.id, { reply, by: by.trim() || null }), onReplied);
  };

  return (
    <li className={n.overdue ? 'dp-overdue' : undefined} data-testid={`dp-notice-${n.clientId}`}>
      <strong>{n.text ?? n.clientId}</strong>
      {n.overdue && <span className="dp-badge">{t('overdue')}</span>}
      <span className="office-muted">
        {t('issued', { time: time(n.issuedAt) })} · {t('deadline', { time: time(n.deadline) })}
        {n.items.length > 0 && ` · ${t('items', { items: n.items.join(lang === 'en' ? ', ' : '、') })}`}
      </span>
      {!open ? (
        <button type="button" className="tr-button dp-act" onClick={() => setOpen(true)}>
          {t('replyOpen')}
        </button>
      ) : (
        <form className="dp-form" onSubmit={submit} noValidate>
          <label>
            <span>{t('replyLabel')}</span>
            <textarea
              name="reply"
              rows={3}
              value={reply}
              onChange={(e) => setReply(e.target.value)}
              placeholder={t('replyPlaceholder')}
              aria-invalid={errors.reply ? 'true' : undefined}
            />
            {errors.reply && <em className="dp-field-error">{errors.reply}</em>}
          </label>
          <label>
            <span>{t('byLabel')}</span>
            <input name="by" value={by} onChange={(e) => setBy(e.target.value)} aria-invalid={errors.by ? 'true' : undefined} />
            {errors.by && <em className="dp-field-error">{errors.by}</em>}
          </label>
          <p className="office-muted office-small">{t('replyHint')}</p>
          {refused && (
            <p className="dp-refused" role="alert">
              {refused}
            </p>
          )}
          <div className="dp-buttons">
            <button type="submit" className="tr-button tr-button--primary" disabled={busy}>
              {busy ? t('sending') : t('replySend')}
            </button>
            <button type="button" className="tr-button" onClick={() => setOpen(false)} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
