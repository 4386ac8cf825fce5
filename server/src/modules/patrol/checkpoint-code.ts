import { randomInt } from 'node:crypto';
import { CHECKPOINT_CODE_ALPHABET, CHECKPOINT_CODE_LENGTH, CHECKPOINT_QR_PREFIX } from '@hallwatch/shared';

/** A fresh checkpoint code from the system's secure random source: it must not be guessable from the others. */
export function newCheckpointCode(): string {
  let out = '';
  for (let i = 0; i < CHECKPOINT_CODE_LENGTH; i++) out += CHECKPOINT_CODE_ALPHABET[randomInt(CHECKPOINT_CODE_ALPHABET.length)];
  return out;
}

/** The text printed as the checkpoint's QR code; the phone page reads the checkpoint and the code from it. */
export const checkpointPayload = (checkpoint: string, code: string): string => `${CHECKPOINT_QR_PREFIX}${checkpoint}:${code}`;
