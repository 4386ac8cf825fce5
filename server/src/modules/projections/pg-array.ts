// PostgreSQL array literals for unnest() parameters. The pg driver builds them element by
// element with two regular expressions each, and for a 1,000-row batch with a dozen columns
// that shows; most values here need no escaping at all, so they are only checked for it.
// Instants travel as epoch milliseconds (see ms()): PostgreSQL reads an int8 several times
// faster than ISO text, and JavaScript writes one far faster than Date#toISOString.
export type ArrayValue = string | number | boolean | null;

/** An instant as epoch milliseconds, for an `int8[]` column turned back by `to_timestamp(x / 1000.0)`. */
export const ms = (at: Date | null): number | null => (at === null ? null : at.getTime());

const NEEDS_ESCAPE = /["\\]/;

function element(v: ArrayValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  // Always quoted: a bare NULL (any case), a comma, a brace or a space would change the meaning.
  return NEEDS_ESCAPE.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : `"${v}"`;
}

/** The text form of a one-dimensional array, for a `$n::type[]` parameter. */
export function arrayLiteral(values: readonly ArrayValue[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = element(values[i]);
  return `{${parts.join(',')}}`;
}

/**
 * One column of a multi-array unnest(): a column with no value at all goes as an empty
 * array, because unnest() pads shorter arrays with NULLs, and is then not parsed 1,000 times.
 */
export function unnestColumn(values: readonly ArrayValue[]): string {
  return values.every((v) => v === null) ? '{}' : arrayLiteral(values);
}
