import { useEffect, useState } from 'react';

/** `?rotate=N`: N seconds per page (at least 5), or null for a wall that shows one page. */
export function rotationSeconds(param: string | null): number | null {
  if (param === null) return null;
  const n = Number(param);
  return Number.isFinite(n) && n > 0 ? Math.max(5, n) : null;
}

/** The page on screen: cycles through `count` pages every `seconds`; page 0 when not rotating. */
export function useWallRotation(seconds: number | null, count: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (seconds === null) return;
    const timer = setInterval(() => setTick((n) => n + 1), seconds * 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return seconds === null || count <= 0 ? 0 : tick % count;
}
