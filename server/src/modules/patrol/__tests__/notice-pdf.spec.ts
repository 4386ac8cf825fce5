import { formatNoticeNumber, noticeNumberPatternProblem } from '@hallwatch/shared';
import { MissingCjkFontError, pickCjkFonts } from '../notice-pdf';

describe('the notice PDF fonts', () => {
  const SERIF = ['/f/NotoSerifCJK-Regular.ttc|NotoSerifCJKsc-Regular', '/f/NotoSerifCJK-Bold.ttc|NotoSerifCJKsc-Bold'];
  const SANS = ['/f/NotoSansCJK-Regular.ttc|NotoSansCJKjp-Regular', '/f/NotoSansCJK-Regular.ttc|NotoSansCJKsc-Regular'];

  it('prefers the serif faces of simplified Chinese', () => {
    expect(pickCjkFonts([...SANS, ...SERIF])).toEqual({
      body: { file: '/f/NotoSerifCJK-Regular.ttc', name: 'NotoSerifCJKsc-Regular' },
      heading: { file: '/f/NotoSerifCJK-Bold.ttc', name: 'NotoSerifCJKsc-Bold' },
    });
  });

  it('falls back to the sans face for both when it is all there is', () => {
    const fonts = pickCjkFonts(SANS);
    expect(fonts.body.name).toBe('NotoSansCJKsc-Regular');
    expect(fonts.heading).toEqual(fonts.body);
  });

  it('refuses with a reason a person can act on when no CJK font is installed', () => {
    expect(() => pickCjkFonts(['/f/DejaVuSans.ttf|DejaVuSans'])).toThrow(MissingCjkFontError);
    try {
      pickCjkFonts([]);
    } catch (err) {
      expect((err as MissingCjkFontError).getStatus()).toBe(503);
      expect(JSON.stringify((err as MissingCjkFontError).getResponse())).toMatch(/install fonts-noto-cjk/);
    }
  });
});

describe('the notice number pattern', () => {
  it('fills the site, the year and the sequence, padded when asked', () => {
    expect(formatNoticeNumber('{site}督告〔{year}〕{seq}号', { site: '惠济区政务服务中心', year: 2026, seq: 7 })).toBe(
      '惠济区政务服务中心督告〔2026〕7号',
    );
    expect(formatNoticeNumber('惠政服督〔{year}〕{seq:3}号', { site: 'x', year: 2026, seq: 7 })).toBe('惠政服督〔2026〕007号');
    expect(formatNoticeNumber('惠督〔{year}〕{seq:2}号', { site: 'x', year: 2026, seq: 123 })).toBe('惠督〔2026〕123号');
  });

  it('accepts only patterns that cannot repeat a number', () => {
    expect(noticeNumberPatternProblem('{site}督告〔{year}〕{seq}号')).toBeNull();
    expect(noticeNumberPatternProblem('督〔{year}〕号')).toMatch(/\{seq\}/);
    expect(noticeNumberPatternProblem('督〔{seq}〕号')).toMatch(/\{year\}/);
    expect(noticeNumberPatternProblem('督〔{year}〕{seq}{x}号')).toMatch(/unknown placeholder \{x\}/);
    expect(noticeNumberPatternProblem('督〔{year}〕{seq号')).toMatch(/unclosed brace/);
    expect(noticeNumberPatternProblem(42)).toMatch(/must be text/);
    expect(noticeNumberPatternProblem(`${'督'.repeat(60)}{year}{seq}`)).toMatch(/at most 60/);
  });
});
