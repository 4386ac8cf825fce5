import { MessageAllowance } from './message-allowance';

describe('MessageAllowance', () => {
  const limits = { perSecond: 2, burst: 3, dropsBeforeDisconnect: 4 };

  it('passes a burst, tells of the first drop only, and disconnects a client that never pauses', () => {
    const a = new MessageAllowance(limits, 0);
    expect([0, 0, 0].map((t) => a.judge(t))).toEqual(['pass', 'pass', 'pass']);
    expect([0, 0, 0, 0].map((t) => a.judge(t))).toEqual(['first-drop', 'drop', 'drop', 'drop']);
    // A token comes back after half a second and is spent at once: the flood goes on.
    expect(a.judge(500)).toBe('pass');
    expect(a.judge(500)).toBe('disconnect');
  });

  it('forgives the drops of a client that paused until its allowance was full again', () => {
    const a = new MessageAllowance(limits, 0);
    for (let i = 0; i < 3; i++) a.judge(0);
    expect(a.judge(0)).toBe('first-drop');
    expect(a.retryAfterMs(0)).toBe(500);
    expect(a.judge(1500)).toBe('pass');
    for (let i = 0; i < 2; i++) a.judge(1500);
    expect(a.judge(1500)).toBe('first-drop');
  });
});
