import { i18next } from '../i18n';
import { ApiError } from './api-error';
import { FIELD_MESSAGES, FIELD_NAMES, NETWORK_MESSAGE, REFUSED_PREFIX, STATUS_MESSAGES, Worded } from './error-messages';

export type Lang = keyof Worded;

const pageLang = (): Lang => (i18next.language === 'en' ? 'en' : 'zh');

/** The table's entry for a field: by status first, then by the field, then by the object a dotted path is in (hours.opens → hours). */
function lookup<T>(table: Record<string, T>, status: number, field: string): T | undefined {
  const head = field.split('.')[0];
  return table[`${status}:${field}`] ?? table[field] ?? table[`${status}:${head}`] ?? table[head];
}

/** What the page says about a field the server refused, in the page's language. */
export function fieldText(err: ApiError, field: string, lang: Lang = pageLang()): string {
  const known = lookup(FIELD_MESSAGES, err.status, field);
  if (known) return known[lang];
  const name = lookup(FIELD_NAMES, err.status, field);
  const own = err.fields[field] ?? err.message;
  if (!name) return own;
  return lang === 'en' ? `${name.en}: ${own}` : `${name.zh}：${own}`;
}

/** Every field the server refused, each worded for the page; empty when it named none. */
export function fieldTexts(err: unknown, lang: Lang = pageLang()): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(Object.keys(err.fields).map((f) => [f, fieldText(err, f, lang)]));
}

/** One line for anything a call can throw: a refusal, a failed network, or a bug. */
export function errorText(err: unknown, lang: Lang = pageLang()): string {
  if (err instanceof ApiError) {
    if (err.field) return fieldText(err, err.field, lang);
    const byStatus = STATUS_MESSAGES[err.status] ?? (err.status >= 500 ? STATUS_MESSAGES[500] : undefined);
    if (byStatus) return byStatus[lang];
    return `${REFUSED_PREFIX[lang]}${err.message}`;
  }
  // fetch rejects with a TypeError when the request never got an answer.
  if (err instanceof TypeError) return NETWORK_MESSAGE[lang];
  return err instanceof Error ? err.message : String(err);
}
