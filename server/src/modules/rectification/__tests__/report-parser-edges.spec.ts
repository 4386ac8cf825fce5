// Hand-made variants: what is not an item, how counts and keys behave, and what the parser
// reports when the text is empty, item-less or damaged.
import { parseReport, type ParsedReport } from '../report-parser';

const doc = (...lines: string[]): string => lines.join('\n');
const numbers = (r: ParsedReport): number[] => r.items.map((i) => i.number);
const kinds = (r: ParsedReport): string[] => r.warnings.map((w) => w.kind);

describe('parseReport outside the happy path', () => {
  describe('preamble, closing text and counts', () => {
    it('keeps the leadership account numbered 1.…4. in the preamble, not in items', () => {
      const r = parseReport(
        doc(
          '按照区委统一部署,现将巡察整改情况予以公布:',
          '(一)党组书记组织落实整改工作情况',
          '1.强化责任担当,切实提高政治站位。收到反馈意见后,主动认领问题。',
          '2.坚持问题导向,认真落实巡察意见。',
          '截至目前,对照巡察反馈的1个具体问题,目前已全部整改。',
          '(一)问题方面',
          '(1)问题。',
          '一是措施。',
        ),
      );
      expect(numbers(r)).toEqual([1]);
      expect(r.preamble.map((p) => p.kind)).toEqual(['paragraph', 'section', 'paragraph', 'paragraph', 'paragraph']);
      expect(r.inferred).toContainEqual(expect.objectContaining({ kind: 'preamble', line: 1, endLine: 5 }));
      expect(r.warnings).toEqual([]);
    });

    it('stops the last item at a sign-off line even without a part heading', () => {
      const r = parseReport(
        doc('(1)问题。', '一是措施。', '欢迎广大干部群众对巡察整改落实情况进行监督。', '联系电话:0371-0000000', '2024年9月26日'),
      );
      expect(r.items[0].measures).toEqual(['措施。']);
      expect(r.epilogue.map((e) => e.line)).toEqual([3, 4, 5]);
    });

    it('accepts a count written in Chinese numerals and stays quiet when it matches', () => {
      const r = parseReport(doc('对照反馈的两个具体问题,已全部整改。', '(1)问题。', '一是措施。', '(2)问题。', '一是措施。'));
      expect(r.statedCount).toBe(2);
      expect(r.warnings).toEqual([]);
    });

    it('warns when the report states no count', () => {
      const r = parseReport(doc('(1)问题。', '一是措施。'));
      expect(r.statedCount).toBeNull();
      expect(kinds(r)).toEqual(['stated-count-missing']);
    });
  });

  describe('keys', () => {
    it('keys items by number, so a re-import with shifted lines maps to the same rows', () => {
      const body = ['(1)问题一。', '一是措施。', '(2)问题二。', '一是措施。'];
      const first = parseReport(doc(...body));
      const second = parseReport(doc('新增的导语。', '', ...body));
      expect(second.items.map((i) => i.key)).toEqual(first.items.map((i) => i.key));
      expect(first.items.map((i) => i.key)).toEqual(['item-1', 'item-2']);
      expect(second.items[0].sourceLine).toBe(3);
    });

    it('keeps keys unique when a number repeats, and warns', () => {
      const r = parseReport(doc('(1)问题一。', '一是措施。', '(2)问题二。', '一是措施。', '(2)问题重复。', '一是措施。', '(1)倒序。'));
      expect(r.items.map((i) => i.key)).toEqual(['item-1', 'item-2', 'item-2@5', 'item-1@7']);
      expect(r.warnings.filter((w) => w.kind === 'duplicate-item').map((w) => w.line)).toEqual([5, 7]);
    });

    it('warns about an item number lower than one already seen', () => {
      const r = parseReport(doc('(1)问题。', '一是措施。', '(3)问题。', '一是措施。', '(2)问题。', '一是措施。'));
      expect(r.warnings).toContainEqual(expect.objectContaining({ kind: 'out-of-order-item', line: 5 }));
    });
  });

  describe('error paths', () => {
    it.each(['', '   \n\n\t\n'])('reports empty input %j', (input) => {
      const r = parseReport(input);
      expect(r.items).toEqual([]);
      expect(r.warnings).toEqual([{ line: 1, kind: 'empty-input', message: 'The report is empty.' }]);
    });

    it('reports a text without any (N) heading and keeps it all as preamble', () => {
      const r = parseReport(doc('', '这是一份没有编号问题的说明。', '对照反馈的3个具体问题已整改。'));
      expect(r.items).toEqual([]);
      expect(r.preamble).toHaveLength(2);
      expect(r.statedCount).toBe(3);
      expect(r.warnings.map((w) => [w.line, w.kind])).toEqual([
        [2, 'no-items'],
        [3, 'count-mismatch'],
      ]);
    });

    it('reports garbled and unplaceable lines with their line numbers, never dropping them', () => {
      const r = parseReport(
        doc(
          '共3个具体问题。',
          '(一)方面',
          '(1)问题一。',
          '一是措施。',
          '(2 问题二缺少右括号。',
          '■■■ ——',
          '二是乱码\uFFFD措施。',
          '(二)另一方面',
          '放在方面标题和问题之间的说明。',
          '整改情况:',
          '(3)问题三。',
          '一是措施。',
        ),
      );
      expect(numbers(r)).toEqual([1, 3]);
      expect(r.warnings.map((w) => [w.line, w.kind])).toEqual([
        [1, 'count-mismatch'],
        [5, 'garbled-line'],
        [6, 'garbled-line'],
        [7, 'garbled-line'],
        [9, 'unplaced-line'],
        [10, 'unplaced-line'],
      ]);
      expect(r.unplaced.map((u) => u.line)).toEqual([5, 6, 9, 10]);
      expect(r.warnings[1].message).toContain('Line 5');
      expect(r.items[0].measures).toEqual(['措施。', '乱码\uFFFD措施。']);
      expect(r.inferred).toContainEqual(expect.objectContaining({ kind: 'missing-item', line: 11 }));
    });

    it('reads CRLF line endings and a byte-order mark', () => {
      const r = parseReport('\uFEFF(1)问题。\r\n整改情况:\r\n一是措施。\r\n');
      expect(r.items[0]).toMatchObject({ number: 1, problem: '问题。', labelLine: 2, measures: ['措施。'], measureLines: [3] });
    });
  });
});
