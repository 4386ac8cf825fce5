import { ApiError } from '../../api/api-error';
import { i18next } from '../../i18n';
import { evidenceFieldErrors, shownErrors } from './evidence-errors';
import './i18n';

// The server's English refusals of the evidence form and the status, as the page words them.
describe('evidenceFieldErrors', () => {
  const zh = i18next.getFixedT('zh', 'rectification');
  const en = i18next.getFixedT('en', 'rectification');
  const refusal = (status: number, field: string, message: string) => new ApiError(status, message, { [field]: message });

  it('tells a day still to come from a malformed one, naming today', () => {
    const future = refusal(400, 'date', 'date 2099-01-01 is after today (2024-09-01); evidence records what was done');
    expect(evidenceFieldErrors(future, zh, '2024-09-01')).toEqual({ date: '日期不能晚于今天（2024-09-01）：佐证记录已完成的工作' });
    expect(evidenceFieldErrors(refusal(400, 'date', 'date must be a calendar date'), en, '2024-09-01')).toEqual({
      date: 'Enter a valid date (year-month-day)',
    });
  });

  it('words an attachment by what is wrong with it: too large, empty, or not what its name says', () => {
    expect(evidenceFieldErrors(refusal(413, 'attachment', 'attachment is larger than 5 MB'), zh, '').attachment).toBe('附件不能超过 5 MB');
    expect(evidenceFieldErrors(refusal(400, 'attachment', 'attachment is empty'), zh, '').attachment).toBe('附件是空文件');
    expect(evidenceFieldErrors(refusal(400, 'attachment', 'attachment must be a PDF, … file'), en, '').attachment).toMatch(
      /^The attachment must be a PDF, JPG, PNG/,
    );
  });

  it('says a rectified item needs evidence first (409), and leaves a malformed status to the shared words', () => {
    expect(evidenceFieldErrors(refusal(409, 'status', 'item 11 cannot be declared rectified without evidence'), zh, '')).toEqual({
      status: '标记为“已整改”前，须先为本项登记至少一条佐证材料',
    });
    expect(evidenceFieldErrors(refusal(400, 'status', 'status must be one of …'), zh, '').status).toBe('状态须为整改中、已整改或长期坚持');
  });
});

describe('shownErrors', () => {
  it('keeps the form’s own fields beside them and sends the rest, or a refusal naming none, to the banner', () => {
    const seen: unknown[] = [];
    const fail = (err: unknown) => void seen.push(err);
    expect(shownErrors(null, { text: 'a', site: 'b' }, ['text'], fail)).toEqual({ text: 'a' });
    expect((seen[0] as Error).message).toBe('b');
    const bare = new ApiError(403, 'Forbidden');
    expect(shownErrors(bare, {}, ['text'], fail)).toEqual({});
    expect(seen[1]).toBe(bare);
  });
});
