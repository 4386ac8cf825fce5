// The dated measures of the published seed report, taken as evidence at import. Expected values
// were read off the seed text by hand (line numbers as in the file).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { datedMeasures, signedDate } from '../report-dated-measures';
import { parseReport, type MeasureBlock, type ParsedItem, type ParsedReport } from '../report-parser';

const SEED = path.resolve(__dirname, 'fixtures/huiji-2024-report.txt');

const block = (measures: string[]): MeasureBlock => ({
  part: null,
  section: null,
  subsection: null,
  labelLine: null,
  measures,
  measureLines: measures.map((_, i) => 10 + i),
  measureMarkers: measures.map(() => ''),
  remarks: [],
  figures: [],
  endLine: 10 + measures.length - 1,
});

describe('dated measures of the seed report', () => {
  let report: ParsedReport;
  const item = (n: number): ParsedItem => report.items.find((i) => i.number === n)!;
  const signed = () => signedDate(report);
  beforeAll(() => {
    report = parseReport(readFileSync(SEED, 'utf8'));
  });

  it('reads the day the report is signed from its last line, "2024年9月26日"', () => {
    expect(signed()).toEqual({ year: 2024, month: 9, day: 26 });
  });

  it('item 1: the contract training of "7月17日" (line 16), in the report’s year', () => {
    expect(datedMeasures(item(1), signed())).toEqual([
      {
        date: '2024-07-17',
        dateText: '7月17日',
        text: '7月17日组织综合科及财务室工作人员进行专题学习,通过交流培训,切实提升风险预判能力。',
        line: 16,
      },
    ]);
  });

  it('item 2: one piece per sentence that names its day, a month alone read as its first day', () => {
    expect(datedMeasures(item(2), signed()).map((m) => [m.date, m.dateText, m.line])).toEqual([
      ['2024-05-08', '2024年5月8日', 20],
      ['2024-06-05', '2024年6月5日', 20],
      ['2024-06-01', '6月上旬', 20],
      ['2024-03-29', '2024年3月29日', 22],
    ]);
  });

  it('item 28: clauses between semicolons are measures of their own; "3月22日至3月29日" dates from its start', () => {
    const m = datedMeasures(item(28), signed());
    expect(m.map((x) => x.date)).toEqual([
      '2024-03-22',
      '2024-03-22',
      '2024-03-29',
      '2024-03-22',
      '2024-03-25',
      '2024-03-28',
      '2024-06-13',
      '2024-07-27',
    ]);
    expect(m[1].text.startsWith('安排专人负责档案立卷归档,3月22日至3月29日')).toBe(true);
  });

  it('keeps a date the report gives with its own year ("2023年11月2日", item 26)', () => {
    expect(datedMeasures(item(26), signed())[0]).toMatchObject({ date: '2023-11-02', line: 131 });
  });

  it('finds 108 dated measures in 44 items; items like 11 and 42 have none', () => {
    const all = [...report.items, ...report.orphans].map((b) => datedMeasures(b, signed()));
    expect(all.flat()).toHaveLength(108);
    expect(all.filter((m) => m.length > 0)).toHaveLength(44);
    expect(datedMeasures(item(11), signed())).toEqual([]);
    expect(
      datedMeasures(
        report.orphans.find((o) => o.inferredNumber === 42)!,
        signed(),
      ),
    ).toEqual([]);
  });
});

describe('dated measure wording', () => {
  const signed = { year: 2024, month: 9, day: 26 };

  it('skips spans up to now and a year alone', () => {
    expect(
      datedMeasures(block(['自5月份以来，开展2次培训。', '2023年以来共反馈报修信息100余条。', '截至2024年8月，办结120件。']), signed),
    ).toEqual([]);
  });

  it('reads a yearless day after the signing as the year before, and drops a day that does not exist', () => {
    expect(datedMeasures(block(['11月3日召开会议。', '2月30日组织学习。']), signed)).toEqual([
      { date: '2023-11-03', dateText: '11月3日', text: '11月3日召开会议。', line: 10 },
    ]);
  });

  it('needs a year from somewhere: without a signed date a yearless day is skipped', () => {
    expect(datedMeasures(block(['7月1日召开会议；2024年7月2日印发通知。']), null)).toEqual([
      { date: '2024-07-02', dateText: '2024年7月2日', text: '2024年7月2日印发通知。', line: 10 },
    ]);
  });

  it('finds no signed date in a report without a full date', () => {
    expect(signedDate({ preamble: [{ line: 1, text: '2024年巡察', kind: 'paragraph' }], epilogue: [] })).toBeNull();
  });
});
