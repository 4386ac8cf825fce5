import { useEffect, useState } from 'react';

export interface ElementSize {
  width: number;
  height: number;
  /** The root font size in CSS pixels: the wall's unit, which scales with the screen. */
  rem: number;
}

export function useElementSize<T extends HTMLElement>(): [(el: T | null) => void, ElementSize] {
  const [el, setEl] = useState<T | null>(null);
  const [size, setSize] = useState<ElementSize>({ width: 0, height: 0, rem: 16 });
  useEffect(() => {
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
      setSize((s) => (s.width === width && s.height === height && s.rem === rem ? s : { width, height, rem }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, size];
}
