import * as argon2 from 'argon2';

// OWASP Password Storage Cheat Sheet's argon2id setting (19 MiB, 2 passes, 1 lane): memory-hard,
// yet about 80 ms on a small hall server, so a burst of sign-ins cannot exhaust its memory.
const PARAMS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, PARAMS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash refuses the sign-in rather than failing the request.
    return false;
  }
}

/** True when the hash was made with weaker parameters than today's: rehash at the next sign-in. */
export const needsRehash = (hash: string): boolean =>
  argon2.needsRehash(hash, { memoryCost: PARAMS.memoryCost, timeCost: PARAMS.timeCost, parallelism: PARAMS.parallelism });

let dummy: Promise<string> | null = null;

/** Spends the same time as a real check, so an unknown username is not told apart by timing. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('hallwatch-dummy-password-for-timing');
  await verifyPassword(await dummy, password);
}
