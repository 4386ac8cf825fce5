import { ApiError } from '../../api/api-error';
import { formErrors } from './form-errors';

describe('formErrors', () => {
  const failed = () => {
    const seen: unknown[] = [];
    return { seen, fail: (err: unknown) => void seen.push(err) };
  };

  it('puts the words for the form’s own fields beside them and nothing in the banner', () => {
    const { seen, fail } = failed();
    const err = new ApiError(400, '…', { waitWarnRatio: 'waitWarnRatio must be a number between 0 and 1, e.g. 0.8' });
    expect(formErrors(err, ['waitWarnRatio', 'surgeFactor'], fail)).toEqual({
      waitWarnRatio: expect.stringMatching(/^(预警比例|Warning share)/),
    });
    expect(seen).toEqual([]);
  });

  it('sends a field the form does not show to the banner, worded, instead of losing it', () => {
    const { seen, fail } = failed();
    const err = new ApiError(400, '…', { surgeFactor: 'x', 'hours.opens': 'hours.opens must be HH:MM' });
    expect(Object.keys(formErrors(err, ['surgeFactor'], fail))).toEqual(['surgeFactor']);
    expect(seen).toHaveLength(1);
    expect((seen[0] as Error).message).toMatch(/^(开门时间须写作 HH:MM|Opening time must be written HH:MM)/);
  });

  it('sends a refusal without a field to the banner as it is', () => {
    const { seen, fail } = failed();
    const err = new ApiError(403, 'Forbidden');
    expect(formErrors(err, ['name'], fail)).toEqual({});
    expect(seen).toEqual([err]);
  });
});

describe('formErrors with a form’s own words', () => {
  it('takes the form’s words for its fields, by status, and the shared words for the rest', () => {
    const seen: unknown[] = [];
    const err = new ApiError(409, 'taken', { code: 'Site "x" already has a department with code "d1"', username: 'u' });
    const words = (field: string, status: number) => (field === 'code' && status === 409 ? '编码已被使用' : undefined);
    expect(formErrors(err, ['code', 'username'], (e) => void seen.push(e), words)).toEqual({
      code: '编码已被使用',
      username: expect.stringMatching(/^(该用户名已被使用|That username is already taken)/),
    });
    expect(seen).toEqual([]);
  });
});
