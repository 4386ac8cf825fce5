import type { TFunction, i18n as I18n } from 'i18next';
import type { FormWords } from './form-errors';

/**
 * The registry forms' words for a refused field (`err_409_code`, then `err_code`), so that a
 * department's name speaks of its own limit; `nameMax` is that form's limit on the name.
 */
export const registryWords =
  (t: TFunction, i18n: I18n, nameMax: number): FormWords =>
  (field, status) => {
    const key = [`err_${status}_${field}`, `err_${field}`].find((k) => i18n.exists(`registry:${k}`));
    return key ? t(key, { max: nameMax }) : undefined;
  };

/** A number typed in a form: '' is none; text that is no number goes as it is, for the server to name the field. */
export const optionalNumber = (text: string): number | null => {
  if (text.trim() === '') return null;
  const n = Number(text);
  return (Number.isFinite(n) ? n : text) as number;
};
