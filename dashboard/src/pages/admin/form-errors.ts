import { fieldTexts } from '../../api';

/**
 * A refusal's words for the fields a form shows, to show beside them. A field the form does
 * not show (the server checks more than one form edits) goes to the page's banner instead of
 * being lost, as does a refusal that names no field.
 */
export function formErrors(err: unknown, shown: readonly string[], fail: (err: unknown) => void): Record<string, string> {
  const all = Object.entries(fieldTexts(err));
  const rest = all.filter(([field]) => !shown.includes(field)).map(([, text]) => text);
  if (!all.length) fail(err);
  else if (rest.length) fail(new Error(rest.join(' ')));
  return Object.fromEntries(all.filter(([field]) => shown.includes(field)));
}
