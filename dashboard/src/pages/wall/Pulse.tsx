import { ReactNode, useState } from 'react';
import { DASH } from './format';

/** How many times `value` has changed since mount (React's "previous render" pattern, no refs or effects). */
export function useChangeCount(value: string): number {
  const [prev, setPrev] = useState(value);
  const [count, setCount] = useState(0);
  if (prev !== value) {
    setPrev(value);
    // Data arriving where there was none is not a change of the figure.
    if (prev !== DASH) setCount(count + 1);
  }
  return count;
}

/** Wraps a figure so that it pulses once each time its text changes, and never on first show. */
export function Pulse({ value, children, className = '' }: { value: string; children: ReactNode; className?: string }) {
  const count = useChangeCount(value);
  // A new key remounts the span, which restarts the one-shot animation.
  return (
    <span key={count} className={`${className} ${count ? 'pulse' : ''}`.trim()}>
      {children}
    </span>
  );
}
