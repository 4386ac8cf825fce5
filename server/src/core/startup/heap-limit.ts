/** Megabytes of V8 old space the server runs with unless HALLWATCH_HEAP_MB says otherwise. */
export const DEFAULT_HEAP_MB = 384;
const MIN_HEAP_MB = 128;

/**
 * The Node.js options the server process starts with. Left alone, V8 sizes its heap to the
 * machine (about 4 GB here) and lets garbage stand far above what the live state holds: a district
 * of 1,000 watched sites holds about 130 MB, yet its server grew past 700 MB. A limit makes V8
 * collect sooner at no measurable CPU cost (docs/operations.md has the figures). It can only be
 * set as the process starts, so every launcher of the server passes these.
 */
export function serverNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.HALLWATCH_HEAP_MB ?? String(DEFAULT_HEAP_MB);
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < MIN_HEAP_MB)
    throw new Error(`HALLWATCH_HEAP_MB must be a whole number of megabytes, at least ${MIN_HEAP_MB}; got "${raw}"`);
  return [`--max-old-space-size=${mb}`];
}
