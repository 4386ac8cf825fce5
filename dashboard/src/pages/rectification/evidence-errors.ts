import type { TFunction } from 'i18next';
import { ApiError, fieldTexts } from '../../api';

/**
 * The words beside the evidence form's and the status field's inputs when the server refuses
 * them. The server says "date … is after today" or "attachment must be a PDF…" in English; the
 * page says which rule the person broke, in the page's language. Other fields keep the shared words.
 */
export function evidenceFieldErrors(err: unknown, t: TFunction<'rectification'>, today: string): Record<string, string> {
  const texts = fieldTexts(err);
  if (!(err instanceof ApiError)) return texts;
  const own = (field: string) => err.fields[field] ?? '';
  if ('date' in texts) texts.date = own('date').includes('after today') ? t('errors.dateFuture', { today }) : t('errors.date');
  if ('text' in texts) texts.text = t('errors.text');
  if ('attachment' in texts)
    texts.attachment =
      err.status === 413 || own('attachment').includes('larger than')
        ? t('errors.attachmentSize')
        : own('attachment').includes('empty')
          ? t('errors.attachmentEmpty')
          : t('errors.attachmentType');
  if ('status' in texts && err.status === 409) texts.status = t('errors.needsEvidence');
  return texts;
}

/**
 * Of the worded refusals, those for the fields a form shows, to show beside them; anything
 * else (another field, or a refusal naming none) goes to the page's banner through `fail`.
 */
export function shownErrors(err: unknown, texts: Record<string, string>, shown: readonly string[], fail: (err: unknown) => void) {
  const all = Object.entries(texts);
  const rest = all.filter(([f]) => !shown.includes(f)).map(([, text]) => text);
  if (!all.length) fail(err);
  else if (rest.length) fail(new Error(rest.join(' ')));
  return Object.fromEntries(all.filter(([f]) => shown.includes(f)));
}
