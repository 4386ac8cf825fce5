// One meaning per colour across the wall (docs/wall.md): green in time, amber warning, red breach.
export type Tone = 'neutral' | 'ok' | 'warn' | 'breach' | 'muted';

/** Each tone also has an icon, so that colour is never the only signal. */
export const TONE_ICON: Record<Tone, string> = { neutral: '', ok: '✔', warn: '▲', breach: '✖', muted: '' };

/** A wait against the target: over it a breach, from the warning share of it a warning. */
export function waitTone(sec: number | null | undefined, targetSec: number, warnRatio: number): Tone {
  if (sec === null || sec === undefined) return 'neutral';
  if (sec > targetSec) return 'breach';
  return sec >= targetSec * warnRatio ? 'warn' : 'ok';
}
