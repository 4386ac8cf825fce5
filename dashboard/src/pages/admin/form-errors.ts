import { ApiError, fieldTexts } from '../../api';

/** A form's own words for a field it shows, by the refusal's status and the field; undefined: the shared words. */
export type FormWords = (field: string, status: number) => string | undefined;

/**
 * A refusal's words for the fields a form shows, to show beside them. A field the form does
 * not show (the server checks more than one form edits) goes to the page's banner instead of
 * being lost, as does a refusal that names no field. `words` lets a form say what a field means
 * there (a department's name is not a device key's) where the shared table's words would mislead.
 */
export function formErrors(
  err: unknown,
  shown: readonly string[],
  fail: (err: unknown) => void,
  words?: FormWords,
): Record<string, string> {
  const all = Object.entries(fieldTexts(err));
  const rest = all.filter(([field]) => !shown.includes(field)).map(([, text]) => text);
  if (!all.length) fail(err);
  else if (rest.length) fail(new Error(rest.join(' ')));
  const status = err instanceof ApiError ? err.status : 0;
  return Object.fromEntries(all.filter(([field]) => shown.includes(field)).map(([field, text]) => [field, words?.(field, status) ?? text]));
}
