import { unstorableText, validateEvent } from '@hallwatch/shared';

describe('unstorableText', () => {
  it('finds NUL and lone surrogates, and lets paired surrogates and ordinary text through', () => {
    expect(unstorableText('a\u0000b')).toMatch(/NUL/);
    expect(unstorableText('a\ud800')).toMatch(/unpaired/);
    expect(unstorableText('\udc00a')).toMatch(/unpaired/);
    expect(unstorableText('\ude42\ud83d')).toMatch(/unpaired/);
    expect(unstorableText('等太久 🙂')).toBeNull();
  });

  it('names the id or the text field that holds it', () => {
    const base = { type: 'complaint.received', occurredAt: '2024-07-15T09:30:00+08:00', data: { source: 'web', summary: 'ok' } };
    const now = new Date('2024-07-15T02:00:00Z');
    expect(validateEvent({ ...base, id: 'x\ud800' }, now)).toMatchObject({ ok: false, field: 'id' });
    expect(validateEvent({ ...base, id: 'x', data: { source: 'web', summary: 'a\u0000' } }, now)).toMatchObject({
      ok: false,
      field: 'data.summary',
    });
    expect(validateEvent({ ...base, id: 'x' }, now)).toMatchObject({ ok: true });
  });
});
