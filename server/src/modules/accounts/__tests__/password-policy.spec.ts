import { sanitizeDetails } from '../../audit/audit-log';
import { charactersOutsidePatterns } from '../keyboard-patterns';
import { passwordProblem } from '../password-policy';

describe('password policy', () => {
  it('accepts a long passphrase, in any script', () => {
    expect(passwordProblem('correct horse battery staple', 'wang')).toBeNull();
    expect(passwordProblem('我每天早上八点半到政务大厅', 'wang')).toBeNull();
  });

  it('refuses short, over-long, common, repetitive and username-bearing passwords', () => {
    expect(passwordProblem('elevenchars', 'wang')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(129), 'wang')).toMatch(/at most 128/);
    expect(passwordProblem('Password1234', 'wang')).toMatch(/common/);
    expect(passwordProblem('1qaz2wsx3edc', 'wang')).toMatch(/common/);
    expect(passwordProblem('abababababababab', 'wang')).toMatch(/repeats/);
    expect(passwordProblem('hello WANG.admin 2024', 'wang.admin')).toMatch(/username/);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('政务服务大厅运行监测系统', 'wang')).toBeNull();
    expect(passwordProblem('政务服务大厅运行监测', 'wang')).toMatch(/at least 12/);
  });
});

describe('audit details', () => {
  it('drops secret-looking keys and masks phone and ID numbers', () => {
    expect(
      sanitizeDetails({
        fields: ['name'],
        password: 'x',
        newToken: 'y',
        phone: '13812345678',
        note: '回访 13812345678，身份证 110101199003071234',
        nested: { authorization: 'Bearer z', ok: 1 },
      }),
    ).toEqual({ fields: ['name'], note: '回访 138****5678，身份证 [id]', nested: { ok: 1 } });
  });
});

describe('keyboard patterns', () => {
  it.each([
    'qwertyuiop12',
    '1qaz2wsx3edc4rfv',
    '1q2w3e4r5t6y',
    'asdfghjkl;asdf',
    '0987654321qwe',
    'abcdefgh1234',
    'aaaa1111bbbb',
    '!QAZ@WSX#EDC',
  ])('refuses %j', (p) => expect(passwordProblem(p, 'wang')).toMatch(/keyboard pattern|common/));

  it('counts the characters outside patterns', () => {
    expect(charactersOutsidePatterns('qwertyuiop12')).toBe(2);
    expect(charactersOutsidePatterns('zebra')).toBe(5);
    expect(charactersOutsidePatterns('abcabc')).toBe(0);
  });
});
