import { call, makeUser, PASSWORD, signIn } from '../support/accounts';
import { makeSite } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

// Keyboard patterns pass a length rule and a short list of common passwords; they are the first
// guesses of any attacker. So is the password one already has (docs/security.md).

jest.setTimeout(60_000);

const ADMIN_TOKEN = 'test-admin-token-password-policy';

describe('password policy: keyboard patterns and reuse', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN, LOGIN_RATE_PER_MINUTE: '1000' });
    await makeSite(t.ds, 'pp', 1);
  });
  afterAll(() => t.close());

  const PATTERNS = [
    'qwertyuiop[]',
    'QWERTYUIOPas',
    '1qaz2wsx3edc4rfv',
    '1q2w3e4r5t6y7u',
    'zaq12wsxcde34rfv',
    'asdfghjkl;asdf',
    'zxcvbnm,./zxc',
    '123456789012345',
    '0987654321qwe',
    'abcdefgh1234',
    'aaaa1111bbbb',
    'qazwsxedcrfvtgb',
    '!QAZ@WSX#EDC$RFV',
  ];

  it.each(PATTERNS)('refuses %j when a user changes their password, naming the field', async (pattern) => {
    const name = `kb${Math.random().toString(36).slice(2, 8)}`;
    await makeUser(t, name, 'leader', ['pp']);
    const s = await signIn(t.url, name);
    const res = await call<{ field?: string; message: string }>(t.url, 'POST', '/api/v1/auth/password', {
      token: s.token,
      body: { currentPassword: PASSWORD, newPassword: pattern },
    });
    expect([res.status, res.body.field]).toEqual([400, 'newPassword']);
    expect(res.body.message).toMatch(/keyboard|sequence|repeat|common/);
  });

  it('refuses a keyboard pattern for a new account too', async () => {
    const res = await call<{ field?: string }>(t.url, 'POST', '/api/v1/admin/users', {
      token: ADMIN_TOKEN,
      body: { username: 'kb.new', role: 'leader', sites: ['pp'], password: '1qaz2wsx3edc4rfv' },
    });
    expect([res.status, res.body.field]).toEqual([400, 'password']);
  });

  it('refuses the current password as the new one', async () => {
    await makeUser(t, 'same.again', 'leader', ['pp']);
    const s = await signIn(t.url, 'same.again');
    const res = await call<{ field?: string; message: string }>(t.url, 'POST', '/api/v1/auth/password', {
      token: s.token,
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
    });
    expect([res.status, res.body.field]).toEqual([400, 'newPassword']);
    expect(res.body.message).toMatch(/current password/);
  });

  it('accepts passphrases that merely contain a short pattern', async () => {
    for (const [name, next] of [
      ['phrase.a', 'correct horse battery staple'],
      ['phrase.b', 'we were there in 2024 qwe'],
      ['phrase.c', '我每天早上八点半到政务大厅'],
    ]) {
      await makeUser(t, name, 'leader', ['pp']);
      const s = await signIn(t.url, name);
      const res = await call(t.url, 'POST', '/api/v1/auth/password', {
        token: s.token,
        body: { currentPassword: PASSWORD, newPassword: next },
      });
      expect(res.status).toBe(204);
    }
  });
});
