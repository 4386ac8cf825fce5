import { sanitizeDetails } from '../audit-log';
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
