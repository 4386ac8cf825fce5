import { isCodeShaped, normalCode, readPayload } from './checkpoint-code';

describe('checkpoint codes on the phone', () => {
  it('reads a checkpoint QR code and nothing else', () => {
    expect(readPayload('hallwatch:cp:nameplate:K7MX3QPA')).toEqual({ checkpoint: 'nameplate', code: 'K7MX3QPA' });
    expect(readPayload('hallwatch:cp:a:b:k7mx3qpa')).toEqual({ checkpoint: 'a:b', code: 'K7MX3QPA' });
    expect(readPayload('https://example.com')).toBeNull();
    expect(readPayload('hallwatch:cp:nameplate')).toBeNull();
  });
  it('takes a typed code in any case and spacing, and tells a code-shaped one', () => {
    expect(normalCode(' k7mx-3qpa ')).toBe('K7MX3QPA');
    expect(isCodeShaped('K7MX3QPA')).toBe(true);
    expect(isCodeShaped('K7MX3QP0')).toBe(false);
    expect(isCodeShaped('K7MX3QP')).toBe(false);
  });
});
