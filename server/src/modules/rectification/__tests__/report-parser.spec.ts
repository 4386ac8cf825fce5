// Parses the real published report. Every expected value below was read off the seed text
// by hand, not copied from parser output.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseReport, type ParsedItem, type ParsedReport } from '../report-parser';

// The hall's published rectification report as text (docs/contracts/rectification.md), kept in the repository.
const SEED = path.resolve(__dirname, 'fixtures/huiji-2024-report.txt');

describe('parseReport on the published seed report', () => {
  let report: ParsedReport;
  const item = (n: number): ParsedItem => {
    const found = report.items.find((i) => i.number === n);
    if (!found) throw new Error(`item ${n} not parsed`);
    return found;
  };

  beforeAll(() => {
    report = parseReport(readFileSync(SEED, 'utf8'));
  });

  it('reads the seed report in full', () => {
    expect(report.items.length).toBeGreaterThan(50);
  });

  it('finds the stated count of 60 in the summary paragraph', () => {
    expect(report.statedCount).toBe(60);
    expect(report.statedCountLine).toBe(11);
  });

  it('finds the 59 (N) headings the report really has: 1–41 and 43–60', () => {
    const expected = [...Array.from({ length: 41 }, (_, i) => i + 1), ...Array.from({ length: 18 }, (_, i) => i + 43)];
    expect(report.items.map((i) => i.number)).toEqual(expected);
    expect(report.items.map((i) => i.key)).toEqual(expected.map((n) => `item-${n}`));
  });

  it('warns that 59 headings do not match the stated 60, naming 42', () => {
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toMatchObject({ line: 11, kind: 'count-mismatch' });
    expect(report.warnings[0].message).toContain('states 60 problems but 59 item headings');
    expect(report.warnings[0].message).toContain('missing: (42)');
    expect(report.unplaced).toEqual([]);
  });

  it('recovers the measures of the missing item 42 from the second 整改情况 block under item 41', () => {
    expect(report.orphans).toHaveLength(1);
    const orphan = report.orphans[0];
    expect(orphan).toMatchObject({
      key: 'item-42',
      inferredNumber: 42,
      afterItem: 41,
      startLine: 209,
      endLine: 212,
      labelLine: 209,
      opener: 'label',
    });
    expect(orphan.measureMarkers).toEqual(['一是', '二是', '三是']);
    expect(orphan.measureLines).toEqual([210, 211, 212]);
    expect(orphan.measures[0]).toBe('对于差旅费涉及非本单位人员,要求本人按照规定退回原资金渠道,目前已全部退回到位。');
    expect(orphan.section?.numeral).toBe('三');
    expect(orphan.subsection?.title).toBe('财务制度落实不到位');
  });

  it('explains the item 42 inference with line numbers', () => {
    const notes = report.inferred.filter((n) => n.kind === 'missing-item');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ line: 209, endLine: 212 });
    expect(notes[0].message).toContain('numbering jumps from (41) to (43) at line 213');
    expect(notes[0].message).toContain('Lines 209–212 open with a second 整改情况 label after item (41) (lines 205–208)');
    expect(notes[0].message).toContain('(一是…三是)');
    expect(notes[0].message).toContain('missing item 42');
    expect(notes[0].message).toContain('not attached to item (41)');
  });

  it('keeps item 41 to its own two measures', () => {
    const i41 = item(41);
    expect(i41.problem).toBe('合同供货品牌不符;直饮水机服务合同要求每年保证6次巡检,实际巡检仅有3次。');
    expect(i41.measureLines).toEqual([207, 208]);
    expect(i41.endLine).toBe(208);
    expect(i41.figures).toContainEqual(expect.objectContaining({ kind: 'frequency', text: '每年保证6次', value: 6, per: '年' }));
  });

  it('infers the dropped part heading from the sections restarting at (一)', () => {
    const part = { ordinal: 2, title: null, line: 12, inferred: true };
    expect(report.sections.map((s) => [s.numeral, s.line])).toEqual([
      ['一', 12],
      ['二', 55],
      ['三', 161],
      ['四', 253],
    ]);
    for (const s of report.sections) expect(s.part).toEqual(part);
    expect(report.sections[0].title).toBe('落实巡察发现问题整改不力,“后半篇文章”成效不明显方面');
    expect(report.sections.map((s) => s.subsections.map((x) => x.ordinal))).toEqual([[2], [1, 2, 3, 4, 5], [1, 2, 3, 4], [1, 2]]);
    expect(report.sections.map((s) => s.itemNumbers.length)).toEqual([10, 22, 18, 9]);
    expect(report.inferred).toContainEqual(expect.objectContaining({ kind: 'implied-part', line: 12 }));
  });

  it('notes that subsection "1." of section (一) is absent', () => {
    expect(report.inferred).toContainEqual(expect.objectContaining({ kind: 'subsection-gap', line: 34 }));
    expect(item(5).subsection).toBeNull();
    expect(item(6).subsection).toEqual({ ordinal: 2, title: '整改与日常工作脱节,未建立常态化、长效化机制', line: 34 });
  });

  it('keeps the preamble (the leadership account numbered 1.…4.) out of the items', () => {
    expect(report.preamble).toHaveLength(11);
    expect(report.preamble[1]).toEqual({ line: 2, kind: 'section', text: '(一)党组书记组织落实整改工作情况' });
    expect(report.preamble[2].text.startsWith('1.强化责任担当')).toBe(true);
    expect(report.preamble.filter((p) => p.kind === 'section').map((p) => p.line)).toEqual([2, 6]);
    expect(report.items[0].sourceLine).toBe(13);
  });

  it('reads the next-steps part and sign-off as closing text', () => {
    expect(report.epilogue).toHaveLength(9);
    expect(report.epilogue[0]).toEqual({ line: 298, text: '三、下一步整改工作安排' });
    expect(report.epilogue[8]).toEqual({ line: 306, text: '2024年9月26日' });
    expect(item(60).endLine).toBe(297);
  });

  it('parses item 1: no label, four 一是…四是 measures', () => {
    const i1 = item(1);
    expect(i1).toMatchObject({ sourceLine: 13, labelLine: null, subsection: null });
    expect(i1.section).toMatchObject({ ordinal: 1, numeral: '一', line: 12 });
    expect(i1.problem).toBe('个别问题整改不到位。如2020年巡察发现的“未与物业公司签订服务协议”问题。');
    expect(i1.measures).toHaveLength(4);
    expect(i1.measures[0]).toBe('对接物业公司出具原政务服务大厅电费收取的情况说明。');
    expect(i1.figures).toContainEqual(expect.objectContaining({ kind: 'date', text: '7月17日', year: null, month: 7, day: 17, line: 16 }));
    expect(i1.figures).toContainEqual(expect.objectContaining({ kind: 'quantity', text: '100余条', value: 100, approximate: true }));
  });

  it('parses item 2 with its label and the figures it quotes', () => {
    const i2 = item(2);
    expect(i2).toMatchObject({ sourceLine: 18, labelLine: 19, endLine: 22 });
    expect(i2.problem.startsWith('个别问题整改不到位。“三集中三到位”推进缓慢')).toBe(true);
    expect(i2.measures).toHaveLength(3);
    const texts = i2.figures.map((f) => f.text);
    expect(texts).toEqual(expect.arrayContaining(['41家', '6名', '2024年5月8日', '1703项', '281人']));
    expect(i2.figures).toContainEqual(
      expect.objectContaining({ kind: 'date', text: '2024年5月8日', year: 2024, month: 5, day: 8, source: 'measure' }),
    );
    expect(i2.figures).toContainEqual(expect.objectContaining({ text: '41家', source: 'problem', line: 18 }));
  });

  it('parses item 17 with the 99.52% review rate', () => {
    const i17 = item(17);
    expect(i17.section?.numeral).toBe('二');
    expect(i17.subsection).toEqual({ ordinal: 3, title: '围绕中心服务大局意识不足,政务服务营商环境有待优化提升', line: 81 });
    expect(i17.problem.startsWith('政务服务营商环境不够优化。我区2023年营商环境企业满意度调查结果显示')).toBe(true);
    expect(i17.measures).toHaveLength(3);
    expect(i17.figures).toContainEqual(expect.objectContaining({ kind: 'percent', text: '99.52%', value: 99.52, line: 88 }));
    expect(i17.figures).toContainEqual(expect.objectContaining({ kind: 'quantity', text: '260名', value: 260, unit: '名' }));
  });

  it('parses item 22, whose only measure is numbered 二是', () => {
    const i22 = item(22);
    expect(i22.subsection?.ordinal).toBe(4);
    expect(i22.measures).toHaveLength(1);
    expect(i22.measureMarkers).toEqual(['二是']);
    expect(i22.measures[0].startsWith('针对公积金中心开展“商转公贷款”业务后')).toBe(true);
    expect(report.inferred).toContainEqual(expect.objectContaining({ kind: 'measure-numbering', line: 112 }));
    expect(item(19).measureMarkers).toEqual(['二是', '三是']);
  });

  it('parses item 26 under subsection 5', () => {
    const i26 = item(26);
    expect(i26.subsection).toEqual({ ordinal: 5, title: '缺乏防范化解重大风险意识', line: 128 });
    expect(i26.problem).toBe(
      '网络舆情事件防范不力。2020年,区政务服务大厅因办理离婚业务排号难问题发生网络舆情事件,该问题时隔三年,2023年9月再次引发舆情,造成不良影响。',
    );
    expect(i26.measures).toHaveLength(2);
    expect(i26.figures).toContainEqual(expect.objectContaining({ kind: 'date', text: '2023年11月2日', year: 2023, month: 11, day: 2 }));
  });

  it('parses item 43 right after the gap', () => {
    const i43 = item(43);
    expect(i43).toMatchObject({ sourceLine: 213, labelLine: 214 });
    expect(i43.problem).toBe('采购不规范。政务服务办事大厅设备采购项目和新增人员工装采购项目中,采购人代表参与竞争性磋商小组评审专家评审。');
    expect(i43.measures).toHaveLength(3);
    expect(i43.subsection?.title).toBe('财务制度落实不到位');
  });

  it('parses items 46–48 (patrol frequency and roster figures)', () => {
    expect(item(46).subsection).toEqual({ ordinal: 4, title: '工作作风不实', line: 226 });
    expect(item(46).measures).toHaveLength(2);
    const i47 = item(47);
    expect(i47.measures).toHaveLength(2);
    expect(i47.figures).toContainEqual(expect.objectContaining({ kind: 'frequency', text: '一天四次', value: 4, per: '天', line: 233 }));
    expect(i47.figures).toContainEqual(expect.objectContaining({ kind: 'quantity', text: '41家', value: 41, line: 234 }));
    const i48 = item(48);
    expect(i48.problem).toBe(
      '督查监管科对大厅问题熟视无睹。市公安局交警五大队进驻表名单32人,现为21人,未及时对人员进驻实际情况进行更新追踪。',
    );
    expect(i48.measures).toHaveLength(3);
    expect(i48.figures.filter((f) => f.source === 'problem').map((f) => f.text)).toEqual(['32人', '21人']);
  });

  it('parses item 60, the last one', () => {
    const i60 = item(60);
    expect(i60.section).toMatchObject({ numeral: '四', line: 253 });
    expect(i60.subsection?.title).toBe('选人用人程序不规范,干部日常监督管理不到位');
    expect(i60.measures).toHaveLength(2);
    expect(i60.measureLines).toEqual([296, 297]);
  });

  it('handles the odd items: single paragraphs, a remark, and the "三中" slip', () => {
    for (const n of [7, 25, 44, 49, 54, 56]) expect(item(n).measureMarkers).toEqual(['']);
    expect(item(11).remarks).toHaveLength(1);
    expect(item(11).remarks[0].startsWith('截至2024年8月,共召开3次党组会议')).toBe(true);
    expect(item(33).remarks).toHaveLength(1);
    expect(item(39).measureMarkers).toEqual(['一是', '二是', '三中']);
    expect(item(39).measures[2]).toBe('加强内部控制,建立完善的内部控制机制,进一步提高财务管理规范化水平。');
    expect(report.inferred).toContainEqual(expect.objectContaining({ kind: 'marker-typo', line: 199 }));
  });

  it('accounts for all 157 measure paragraphs: 154 in items, 3 in the orphan', () => {
    expect(report.items.reduce((sum, i) => sum + i.measures.length, 0)).toBe(154);
    expect(report.items.filter((i) => i.labelLine === null).map((i) => i.number)).toEqual([1, 3, 4, 6, 9, 29, 31, 51]);
  });

  it('is deterministic, so a re-import yields the same keys and content', () => {
    expect(parseReport(readFileSync(SEED, 'utf8'))).toEqual(report);
  });
});
