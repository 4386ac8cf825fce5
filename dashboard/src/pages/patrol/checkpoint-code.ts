import { CHECKPOINT_CODE_ALPHABET, CHECKPOINT_CODE_LENGTH, CHECKPOINT_QR_PREFIX } from '@hallwatch/shared';

/** A typed code as the server compares it: capitals, without the spaces and dashes people add. */
export const normalCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

export const isCodeShaped = (code: string): boolean =>
  code.length === CHECKPOINT_CODE_LENGTH && [...code].every((ch) => CHECKPOINT_CODE_ALPHABET.includes(ch));

/** The checkpoint and code a scanned QR code holds, or null for any other QR code. */
export function readPayload(text: string): { checkpoint: string; code: string } | null {
  if (!text.startsWith(CHECKPOINT_QR_PREFIX)) return null;
  const rest = text.slice(CHECKPOINT_QR_PREFIX.length);
  const cut = rest.lastIndexOf(':');
  if (cut <= 0) return null;
  return { checkpoint: rest.slice(0, cut), code: normalCode(rest.slice(cut + 1)) };
}
