// Keyboard walks (qwerty, 1qaz2wsx, 1q2w3e…), alphabet and digit runs (abcd, 654321) and
// repeats (aaaa, abcabc): the first guesses of every cracking tool, however long they get.

const ROWS = ['1234567890-=', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./'];
const SHIFTED = ['!@#$%^&*()_+', 'QWERTYUIOP{}|', 'ASDFGHJKL:"', 'ZXCVBNM<>?'];

const KEY = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((ch, c) => KEY.set(ch, [r, c])));
SHIFTED.forEach((row, r) => [...row].forEach((ch, c) => KEY.set(ch, [r, c])));

/** Touching keys (rows and columns of a US/Chinese keyboard, staggering ignored), or the same key again. */
function keysTouch(a: string, b: string): boolean {
  const p = KEY.get(a);
  const q = KEY.get(b);
  return !!p && !!q && Math.abs(p[0] - q[0]) <= 1 && Math.abs(p[1] - q[1]) <= 1;
}

/** Neighbours in the alphabet or among digits, in one direction with the step before. */
function inSequence(prev: string | undefined, a: string, b: string): boolean {
  const step = b.charCodeAt(0) - a.charCodeAt(0);
  if (Math.abs(step) !== 1 || !/[a-z0-9]/i.test(a) || !/[a-z0-9]/i.test(b)) return false;
  return prev === undefined || a.charCodeAt(0) - prev.charCodeAt(0) === step;
}

/** Positions covered by runs of at least `min` characters in which each follows from the one before. */
function coverRuns(chars: string[], follows: (i: number) => boolean, covered: boolean[], min = 3): void {
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && follows(i)) continue;
    if (i - start >= min) for (let k = start; k < i; k++) covered[k] = true;
    start = i;
  }
}

/** Positions of a chunk repeated right after itself (abcabc, 1212 12). */
function coverRepeatedChunks(s: string, covered: boolean[]): void {
  for (let len = 2; len <= s.length / 2; len++)
    for (let i = 0; i + 2 * len <= s.length; i++)
      if (s.slice(i, i + len) === s.slice(i + len, i + 2 * len)) for (let k = i; k < i + 2 * len; k++) covered[k] = true;
}

/** How many characters of the password are not part of a keyboard walk, a sequence or a repeat. */
export function charactersOutsidePatterns(password: string): number {
  const chars = [...password.toLowerCase()];
  const covered = chars.map(() => false);
  coverRuns(chars, (i) => keysTouch(chars[i - 1], chars[i]), covered);
  coverRuns(chars, (i) => inSequence(chars[i - 2], chars[i - 1], chars[i]), covered);
  coverRepeatedChunks(chars.join(''), covered);
  return covered.filter((c) => !c).length;
}
