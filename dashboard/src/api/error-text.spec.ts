import { ApiError } from './api-error';
import { errorText, fieldTexts } from './error-text';

describe('errorText', () => {
  it('words a refused field in the page’s language and units, not the API’s', () => {
    const err = new ApiError(400, 'waitWarnRatio must be a number between 0 and 1, e.g. 0.8', {
      waitWarnRatio: 'waitWarnRatio must be a number between 0 and 1, e.g. 0.8',
    });
    expect(errorText(err, 'zh')).toBe('预警比例须为 0 到 100 之间的百分数（不含 0 和 100）');
    expect(errorText(err, 'en')).toMatch(/percentage between 0 and 100/);
  });

  it('tells the same field apart by status where it fails in two ways', () => {
    const taken = new ApiError(409, 'A user named "zhang" already exists', { username: 'A user named "zhang" already exists' });
    expect(errorText(taken, 'zh')).toBe('该用户名已被使用');
    const malformed = new ApiError(400, 'username must be …', { username: 'username must be …' });
    expect(errorText(malformed, 'zh')).toMatch(/^用户名须为 3–64 个/);
  });

  it('words a field inside an object by the object’s words', () => {
    // A part of the object with no words of its own is worded by the object's; one with its own, by those.
    const err = new ApiError(400, 'hours.timeZone must be a zone', { 'hours.timeZone': 'hours.timeZone must be a zone' });
    expect(errorText(err, 'zh')).toBe('开放时间有误：开门须早于关门，时间写作 HH:MM');
    const opens = new ApiError(400, 'hours.opens must be HH:MM', { 'hours.opens': 'hours.opens must be HH:MM' });
    expect(errorText(opens, 'zh')).toBe('开门时间须写作 HH:MM（24 小时制），且早于关门时间');
    const photo = new ApiError(413, 'photo.bytes too large', { 'photo.bytes': 'photo.bytes too large' });
    expect(errorText(photo, 'en')).toBe('The photo is too large');
  });

  it('names a field it has no words for, with the server’s text', () => {
    const err = new ApiError(400, 'photo is empty', { photo: 'photo is empty' });
    expect(errorText(err, 'zh')).toBe('照片：photo is empty');
    expect(errorText(err, 'en')).toBe('Photo: photo is empty');
    const unknown = new ApiError(400, 'lookBack.days must be at most 30', { 'lookBack.days': 'lookBack.days must be at most 30' });
    expect(errorText(unknown, 'zh')).toBe('lookBack.days must be at most 30');
  });

  it('words a status without a field, and falls back to the server’s text for one it does not know', () => {
    expect(errorText(new ApiError(403, 'Forbidden'), 'zh')).toBe('当前账号无权进行此操作');
    expect(errorText(new ApiError(507, 'Insufficient Storage'), 'zh')).toBe('服务器出错，请稍后再试');
    expect(errorText(new ApiError(409, 'The round is already done'), 'zh')).toBe('请求未被接受：The round is already done');
    expect(errorText(new ApiError(409, 'The round is already done'), 'en')).toBe('Not accepted: The round is already done');
  });

  it('tells a request that got no answer from a bug', () => {
    expect(errorText(new TypeError('Failed to fetch'), 'zh')).toBe('无法连接服务器，请检查网络后重试');
    expect(errorText(new Error('boom'), 'zh')).toBe('boom');
  });
});

describe('fieldTexts', () => {
  it('words every refused field, and none for anything but an ApiError', () => {
    const err = new ApiError(400, '…', { username: 'u', password: 'p' });
    expect(Object.keys(fieldTexts(err, 'zh'))).toEqual(['username', 'password']);
    expect(fieldTexts(err, 'zh').password).toMatch(/^密码须为 12–128 个字符/);
    expect(fieldTexts(new TypeError('x'), 'zh')).toEqual({});
  });
});
