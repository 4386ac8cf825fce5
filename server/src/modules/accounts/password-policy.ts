import { COMMON_PASSWORDS } from './common-passwords';
import { charactersOutsidePatterns } from './keyboard-patterns';

export const PASSWORD_MIN_LENGTH = 12;
/** Characters that must lie outside keyboard walks, sequences and repeats (qwertyuiop12 has two). */
export const PASSWORD_MIN_FREE_CHARACTERS = 5;
// Long enough for any passphrase, short enough that hashing it cannot be used to burn CPU.
export const PASSWORD_MAX_LENGTH = 128;

/** Why a password is refused, in words the person can act on; null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters (a short sentence works well)`;
  if (length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'password is one of the most common passwords; choose another';
  if (new Set(lower).size <= 2) return 'password repeats one or two characters; choose another';
  if (charactersOutsidePatterns(password) < PASSWORD_MIN_FREE_CHARACTERS)
    return 'password is mostly a keyboard pattern, a sequence or a repeat (like qwerty, 1qaz2wsx, 123456, abcabc); choose another';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) return 'password must not contain the username';
  return null;
}
