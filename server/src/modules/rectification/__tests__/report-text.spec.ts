import { classifyLine, extractFigures, isTitleLike, parseChineseNumeral, parseNumberToken, readMarkerTypo } from '../report-text';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['四', 4],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十一', 21],
    ['两', 2],
    ['一百零五', 105],
  ])('%s → %d', (text, value) => expect(parseChineseNumeral(text)).toBe(value));

  it.each(['', '是', '一是', 'x'])('rejects %j', (text) => expect(parseChineseNumeral(text)).toBeNull());

  it('reads full-width and ASCII digits too', () => {
    expect(parseNumberToken('１２')).toBe(12);
    expect(parseNumberToken('60')).toBe(60);
    expect(parseNumberToken('六十')).toBe(60);
  });
});

describe('classifyLine', () => {
  it.each([
    ['三、下一步整改工作安排', 'part', 3, '下一步整改工作安排'],
    ['(一)落实巡察发现问题整改不力方面', 'section', 1, '落实巡察发现问题整改不力方面'],
    ['（十二）其他方面', 'section', 12, '其他方面'],
    ['(41)合同供货品牌不符。', 'paren', 41, '合同供货品牌不符。'],
    ['（１２）全角数字。', 'paren', 12, '全角数字。'],
    ['2.整改与日常工作脱节', 'arabic', 2, '整改与日常工作脱节'],
    ['3、财务制度落实不到位', 'arabic', 3, '财务制度落实不到位'],
    ['二是加强学习。', 'cn', 2, '加强学习。'],
    ['第三，加强学习。', 'cn', 3, '加强学习。'],
    ['②措施。', 'circled', 2, '措施。'],
  ])('%s is a %s line', (text, kind, ordinal, body) => {
    expect(classifyLine(7, text)).toMatchObject({ line: 7, kind, ordinal, body });
  });

  it.each(['整改情况:', '整改情况：', '整改情况', '整改措施如下:', '整改落实情况：'])('%s is a label', (text) => {
    expect(classifyLine(1, text).kind).toBe('label');
  });

  it('keeps text after a label colon as its body', () => {
    expect(classifyLine(1, '整改情况：一是措施。')).toMatchObject({ kind: 'label', body: '一是措施。' });
  });

  it('does not take a decimal or a phrase for a marker', () => {
    expect(classifyLine(1, '4.15日国家安全教育日活动。').kind).toBe('paragraph');
    expect(classifyLine(1, '三集中三到位进驻情况。').kind).toBe('paragraph');
    expect(classifyLine(1, '第一议题制度。').kind).toBe('paragraph');
    expect(classifyLine(1, '整改情况良好。').kind).toBe('paragraph');
  });

  it.each(['欢迎广大干部群众进行监督。', '联系方式:0371-63502003;', '电子信箱:a@b.cn', '2024年9月26日'])('%s is closing text', (text) => {
    expect(classifyLine(1, text).kind).toBe('closing');
  });

  it.each(['(12 缺右括号', '(12缺右括号', '12)缺左括号', '三)缺左括号', '■■■', '———'])('%s is garbled', (text) => {
    expect(classifyLine(1, text).kind).toBe('garbled');
  });

  it('flags replacement and control characters but still classifies the line', () => {
    expect(classifyLine(1, '一是\uFFFD措施。')).toMatchObject({ kind: 'cn', corrupt: true });
    expect(classifyLine(1, '一是措施。').corrupt).toBe(false);
  });

  it('trims whitespace including the ideographic space', () => {
    expect(classifyLine(1, '\u3000\u3000一是措施。 ')).toMatchObject({ kind: 'cn', text: '一是措施。' });
    expect(classifyLine(1, ' \t ').kind).toBe('blank');
  });
});

describe('isTitleLike and readMarkerTypo', () => {
  it('tells headings from sentences', () => {
    expect(isTitleLike('财务制度落实不到位')).toBe(true);
    expect(isTitleLike('强化责任担当,切实提高政治站位。收到意见后')).toBe(false);
    expect(isTitleLike('')).toBe(false);
  });

  it('accepts a marker slip only where the numbering expects it', () => {
    expect(readMarkerTypo('三中加强内部控制。', 3)).toEqual({ marker: '三中', body: '加强内部控制。' });
    expect(readMarkerTypo('三中加强内部控制。', 2)).toBeNull();
    expect(readMarkerTypo('三中全会精神。', 3)).toBeNull();
  });
});

describe('extractFigures', () => {
  const texts = (text: string): string[] => extractFigures(text, 1, 'measure').map((f) => f.text);

  it('reads percentages, dates and counts with their units', () => {
    const figures = extractFigures('截至8月4日,主动评价率99.52%,4月-7月共回访260名办事群众。', 5, 'measure');
    expect(figures).toEqual([
      { kind: 'date', text: '8月4日', year: null, month: 8, day: 4, line: 5, source: 'measure' },
      { kind: 'percent', text: '99.52%', value: 99.52, line: 5, source: 'measure' },
      { kind: 'date', text: '4月', year: null, month: 4, day: null, line: 5, source: 'measure' },
      { kind: 'date', text: '7月', year: null, month: 7, day: null, line: 5, source: 'measure' },
      { kind: 'quantity', text: '260名', value: 260, unit: '名', approximate: false, line: 5, source: 'measure' },
    ]);
  });

  it('reads full dates, including stray spaces', () => {
    expect(extractFigures('2024年5月8日召开', 1, 'problem')[0]).toMatchObject({ year: 2024, month: 5, day: 8 });
    expect(extractFigures('2024年3月21 日发现', 1, 'problem')[0]).toMatchObject({ text: '2024年3月21 日', day: 21 });
    expect(extractFigures('2023 年12月召开', 1, 'problem')[0]).toMatchObject({ year: 2023, month: 12, day: null });
  });

  it('reads money, approximate counts and rates', () => {
    expect(extractFigures('退还差旅费1.32万元', 1, 'measure')[0]).toMatchObject({ kind: 'quantity', value: 1.32, unit: '万元' });
    expect(extractFigures('共反馈报修信息100余条', 1, 'measure')[0]).toMatchObject({ value: 100, unit: '条', approximate: true });
    expect(extractFigures('按一天四次督查频次', 1, 'measure')[0]).toMatchObject({ kind: 'frequency', value: 4, per: '天' });
    expect(extractFigures('每季度召开1次', 1, 'measure')[0]).toMatchObject({ kind: 'frequency', value: 1, per: '季度' });
  });

  it('skips numbers that are not evidence: document numbers, ordinals, decimals-as-dates, paper sizes', () => {
    expect(texts('(国发〔2024〕3号)文件')).toEqual([]);
    expect(texts('工作简报(第6期)')).toEqual([]);
    expect(texts('组织开展4.15日国家安全教育日')).toEqual([]);
    expect(texts('购买A4复印纸7笔')).toEqual(['7笔']);
    expect(texts('进驻市、区部门共41家,人员进驻281人')).toEqual(['41家', '281人']);
  });
});
