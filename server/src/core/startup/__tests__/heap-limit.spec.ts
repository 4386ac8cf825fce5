import { DEFAULT_HEAP_MB, serverNodeArgs } from '../heap-limit';

describe('serverNodeArgs', () => {
  it('limits old space to the default, or to HALLWATCH_HEAP_MB', () => {
    expect(serverNodeArgs({})).toEqual([`--max-old-space-size=${DEFAULT_HEAP_MB}`]);
    expect(serverNodeArgs({ HALLWATCH_HEAP_MB: '1024' })).toEqual(['--max-old-space-size=1024']);
  });

  it.each(['', 'lots', '64', '256.5', '-1'])('refuses HALLWATCH_HEAP_MB=%p, naming it', (raw) => {
    expect(() => serverNodeArgs({ HALLWATCH_HEAP_MB: raw })).toThrow(/HALLWATCH_HEAP_MB must be a whole number of megabytes, at least 128/);
  });
});
