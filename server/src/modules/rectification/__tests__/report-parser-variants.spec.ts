// Hand-made variants of the seed's format, one per tolerance the parser promises.
import { parseReport, type ParsedReport } from '../report-parser';

const doc = (...lines: string[]): string => lines.join('\n');
const numbers = (r: ParsedReport): number[] => r.items.map((i) => i.number);

describe('parseReport on hand-made variants', () => {
  describe('part headings', () => {
    it('infers an unheaded part when sections restart at (一) with no "二、" heading', () => {
      const r = parseReport(
        doc(
          '现将巡察整改情况予以公布:',
          '(一)党组书记组织落实整改工作情况',
          '1.强化责任担当,切实提高政治站位。',
          '(二)局党组织巡察整改主体责任落实情况',
          '1.深刻领会精神,统一思想认识。对照反馈的2个具体问题逐项整改。',
          '(一)第一方面问题',
          '(1)问题一。',
          '一是措施一。',
          '(二)第二方面问题',
          '(2)问题二。',
          '一是措施二。',
        ),
      );
      expect(numbers(r)).toEqual([1, 2]);
      expect(r.items[0].part).toEqual({ ordinal: 2, title: null, line: 6, inferred: true });
      expect(r.items[1].section).toMatchObject({ ordinal: 2, title: '第二方面问题', line: 9 });
      expect(r.inferred).toContainEqual(expect.objectContaining({ kind: 'implied-part', line: 6 }));
      expect(r.preamble.map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
      expect(r.statedCount).toBe(2);
      expect(r.warnings).toEqual([]);
    });

    it('uses explicit part headings and lets section numbers repeat across parts', () => {
      const r = parseReport(
        doc(
          '一、党组书记组织落实整改情况',
          '(一)组织领导',
          '截至目前,反馈的4个具体问题已全部整改。',
          '二、巡察反馈问题整改情况',
          '(一)政治建设方面',
          '(1)问题一。',
          '一是措施。',
          '(2)问题二。',
          '一是措施。',
          '三、作风建设问题整改情况',
          '(一)作风方面',
          '(3)问题三。',
          '一是措施。',
          '(二)纪律方面',
          '(4)问题四。',
          '一是措施。',
          '四、下一步工作打算',
          '持续巩固整改成果。',
        ),
      );
      expect(numbers(r)).toEqual([1, 2, 3, 4]);
      expect(r.items[0].part).toEqual({ ordinal: 2, title: '巡察反馈问题整改情况', line: 4, inferred: false });
      expect(r.items[2].part).toMatchObject({ ordinal: 3, title: '作风建设问题整改情况' });
      expect(r.items[2].section).toMatchObject({ ordinal: 1, title: '作风方面', line: 11 });
      expect(r.sections.map((s) => [s.numeral, s.part?.ordinal])).toEqual([
        ['一', 2],
        ['一', 3],
        ['二', 3],
      ]);
      expect(r.inferred.filter((n) => n.kind === 'implied-part')).toEqual([]);
      expect(r.epilogue.map((e) => e.line)).toEqual([17, 18]);
      expect(r.warnings).toEqual([]);
    });

    it('treats reports without parts or a preamble as having no part', () => {
      const r = parseReport(doc('(一)方面', '(1)问题。', '整改情况:', '一是措施。'));
      expect(r.items[0].part).toBeNull();
      expect(r.preamble).toEqual([]);
    });
  });

  describe('skipped item numbers', () => {
    it('assigns a second 整改情况 block to the one skipped number, as in the seed around (41)/(43)', () => {
      const r = parseReport(
        doc(
          '(1)问题一。',
          '整改情况:',
          '一是措施一。',
          '二是措施二。',
          '整改情况:',
          '一是退回差旅费1.32万元。',
          '二是加强学习。',
          '(3)问题三。',
          '一是措施。',
        ),
      );
      expect(numbers(r)).toEqual([1, 3]);
      expect(r.items[0].measures).toEqual(['措施一。', '措施二。']);
      expect(r.orphans).toHaveLength(1);
      expect(r.orphans[0]).toMatchObject({ inferredNumber: 2, afterItem: 1, startLine: 5, endLine: 7, opener: 'label' });
      expect(r.orphans[0].figures).toContainEqual(
        expect.objectContaining({ kind: 'quantity', text: '1.32万元', value: 1.32, unit: '万元' }),
      );
      const note = r.inferred.find((n) => n.kind === 'missing-item');
      expect(note).toMatchObject({ line: 5, endLine: 7 });
      expect(note?.message).toContain('from (1) to (3) at line 8');
    });

    it('detects a lost heading from measure numbering starting again at 一是 without a label', () => {
      const r = parseReport(doc('(1)问题一。', '一是措施。', '二是措施。', '一是另一项的措施。', '(3)问题三。', '一是措施。'));
      expect(r.items[0].measures).toHaveLength(2);
      expect(r.orphans[0]).toMatchObject({ inferredNumber: 2, startLine: 4, opener: 'renumbered', measures: ['另一项的措施。'] });
    });

    it('notes a skipped number with no text to recover', () => {
      const r = parseReport(doc('共3个具体问题。', '(1)问题一。', '一是措施。', '(3)问题三。', '一是措施。'));
      expect(r.orphans).toEqual([]);
      expect(r.inferred).toContainEqual(expect.objectContaining({ kind: 'missing-item', line: 4 }));
      expect(r.warnings).toEqual([expect.objectContaining({ kind: 'count-mismatch', line: 1 })]);
      expect(r.warnings[0].message).toContain('missing: (2)');
    });

    it('notes trailing items the stated count promises but the text lacks', () => {
      const r = parseReport(doc('反馈问题共3个。', '(1)问题一。', '一是措施。', '(2)问题二。', '一是措施。'));
      expect(r.inferred).toContainEqual(expect.objectContaining({ kind: 'missing-item', message: expect.stringContaining('(3)') }));
    });

    it('warns about a headless block that no gap explains, instead of merging it', () => {
      const r = parseReport(doc('(1)问题一。', '整改情况:', '一是措施。', '整改情况:', '一是多出的措施。', '(2)问题二。', '一是措施。'));
      expect(r.items[0].measures).toEqual(['措施。']);
      expect(r.orphans[0]).toMatchObject({ key: null, inferredNumber: null, startLine: 4 });
      expect(r.warnings).toContainEqual(expect.objectContaining({ kind: 'orphan-unassigned', line: 4 }));
    });
  });

  describe('labels, widths and measure numbering', () => {
    it('reads measures with or without the 整改情况 label', () => {
      const r = parseReport(doc('(1)问题一。', '一是措施一。', '二是措施二。', '(2)问题二。', '整改情况:', '一是措施。'));
      expect(r.items.map((i) => i.labelLine)).toEqual([null, 5]);
      expect(r.items[0].measures).toEqual(['措施一。', '措施二。']);
    });

    it('reads one unnumbered paragraph as the single measure, noting when the label is missing', () => {
      const r = parseReport(doc('(1)问题一。', '整改情况:', '已全部整改。', '(2)问题二。', '已组织培训2次。'));
      expect(r.items.map((i) => i.measures)).toEqual([['已全部整改。'], ['已组织培训2次。']]);
      expect(r.inferred.filter((n) => n.kind === 'label-missing').map((n) => n.line)).toEqual([5]);
    });

    it('takes the problem from the next line when the heading holds only the number', () => {
      const r = parseReport(doc('(1)', '问题写在下一行。', '整改情况:', '一是措施。'));
      expect(r.items[0]).toMatchObject({ problem: '问题写在下一行。', measures: ['措施。'] });
    });

    it('accepts full-width brackets, colons and digits mixed with half-width ones', () => {
      const r = parseReport(
        doc(
          '（一）第一方面',
          '（1）问题一。',
          '整改情况：',
          '一是，措施一。',
          '(2)问题二。',
          '整改情况:一是措施二。',
          '（ ３ ）问题三。',
          '整改措施如下：',
          '二是：措施三。',
        ),
      );
      expect(numbers(r)).toEqual([1, 2, 3]);
      expect(r.items[0]).toMatchObject({ problem: '问题一。', measures: ['措施一。'], measureMarkers: ['一是'], labelLine: 3 });
      expect(r.items[1]).toMatchObject({ measures: ['措施二。'], labelLine: 6 });
      expect(r.items[2]).toMatchObject({ measures: ['措施三。'], labelLine: 8 });
      expect(r.sections[0]).toMatchObject({ numeral: '一', title: '第一方面' });
    });

    it('splits measures numbered 1./2., （1）/（2）, ① and 第一,', () => {
      const r = parseReport(
        doc(
          '(1)问题一。',
          '整改情况:',
          '1.措施甲。',
          '2．措施乙。',
          '(2)问题二。',
          '整改情况:',
          '（1）措施丙。',
          '（2）措施丁。',
          '(3)问题三。',
          '①措施戊。',
          '②措施己。',
          '(4)问题四。',
          '第一,措施庚。',
          '第二,措施辛。',
        ),
      );
      expect(numbers(r)).toEqual([1, 2, 3, 4]);
      expect(r.items.map((i) => i.measures)).toEqual([
        ['措施甲。', '措施乙。'],
        ['措施丙。', '措施丁。'],
        ['措施戊。', '措施己。'],
        ['措施庚。', '措施辛。'],
      ]);
      expect(r.items[1].measureMarkers).toEqual(['（1）', '（2）']);
    });

    it('tells an item heading from a （N） measure with the same number by what follows it', () => {
      const r = parseReport(doc('(1)问题一。', '（1）措施一。', '(2)问题二。', '整改情况:', '（1）措施。', '（2）措施。'));
      expect(numbers(r)).toEqual([1, 2]);
      expect(r.items[0].measures).toEqual(['措施一。']);
      expect(r.items[1].measures).toHaveLength(2);
    });

    it('tells a subsection heading "3.…" from an arabic-numbered measure', () => {
      const r = parseReport(
        doc('(一)方面', '1.第一小类', '(1)问题一。', '整改情况:', '1.措施一。', '2.措施二。', '2.第二小类', '(2)问题二。', '1.措施。'),
      );
      expect(r.items[0].measures).toEqual(['措施一。', '措施二。']);
      expect(r.items[0].subsection).toMatchObject({ ordinal: 1, title: '第一小类' });
      expect(r.items[1].subsection).toMatchObject({ ordinal: 2, title: '第二小类', line: 7 });
      expect(r.sections[0].subsections.map((s) => s.ordinal)).toEqual([1, 2]);
    });

    it('keeps unnumbered text after numbered measures as a remark and reads a "三中" slip as 三是', () => {
      const r = parseReport(doc('(1)问题。', '一是措施。', '二是措施。', '三中措施。', '截至8月,共开展检查50余次。'));
      expect(r.items[0].measureMarkers).toEqual(['一是', '二是', '三中']);
      expect(r.items[0].remarks).toEqual(['截至8月,共开展检查50余次。']);
      expect(r.items[0].figures).toContainEqual(expect.objectContaining({ source: 'remark', text: '50余次', approximate: true }));
      expect(r.inferred.map((n) => n.kind)).toEqual(['marker-typo', 'remark']);
    });

    it('notes numbering that starts late or skips, and warns when it goes back', () => {
      const r = parseReport(doc('(1)问题。', '二是措施。', '四是措施。', '三是措施。'));
      expect(r.items[0].measures).toHaveLength(3);
      expect(r.inferred.filter((n) => n.kind === 'measure-numbering').map((n) => n.line)).toEqual([2, 3]);
      expect(r.warnings).toContainEqual(expect.objectContaining({ kind: 'measure-order', line: 4 }));
    });
  });
});
