// What the published seed report states about its items' standing. Expected values were read
// off the seed text by hand: line 11 "截至目前，对照巡察反馈的60个具体问题，目前已全部整改", and
// items 29 and 30, whose measures end "定期检查，长期坚持" (lines 144 and 148).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseReport, type MeasureBlock, type ParsedReport } from '../report-parser';
import { reportWideStatus, statedItemStatus } from '../report-status';

const SEED = path.resolve(__dirname, 'fixtures/huiji-2024-report.txt');

const block = (measures: string[], line = 5): MeasureBlock => ({
  part: null,
  section: null,
  subsection: null,
  labelLine: null,
  measures,
  measureLines: measures.map((_, i) => line + i),
  measureMarkers: measures.map(() => ''),
  remarks: [],
  figures: [],
  endLine: line + measures.length - 1,
});

describe('the status the seed report states', () => {
  let report: ParsedReport;
  beforeAll(() => {
    report = parseReport(readFileSync(SEED, 'utf8'));
  });

  it('reads "目前已全部整改" in the summary (line 11) as every item rectified', () => {
    expect(reportWideStatus(report)).toEqual({ status: 'rectified', phrase: '目前已全部整改', line: 11, scope: 'report' });
  });

  it('gives items 29 and 30 the 长期坚持 of their own measures, and every other item the summary’s', () => {
    const wide = reportWideStatus(report);
    const stated = report.items.map((i) => [i.number, statedItemStatus(i, wide)] as const);
    const own = stated.filter(([, s]) => s?.scope === 'item');
    expect(own).toEqual([
      [29, { status: 'ongoing', phrase: '长期坚持', line: 144, scope: 'item' }],
      [30, { status: 'ongoing', phrase: '长期坚持', line: 148, scope: 'item' }],
    ]);
    expect(stated.filter(([, s]) => s?.status === 'rectified')).toHaveLength(57);
    // Item 2 says "区发改委和区教育局已整改完毕" of two departments, not of itself: the summary decides.
    expect(stated.find(([n]) => n === 2)?.[1]?.scope).toBe('report');
    // Item 42, whose heading the report lost, is rectified by the summary too.
    const i42 = report.orphans.find((o) => o.inferredNumber === 42)!;
    expect(statedItemStatus(i42, wide)?.status).toBe('rectified');
  });

  it('does not read the closing text’s plans ("对已经完成的整改任务…", "确保…全部整改到位") as a statement', () => {
    expect(reportWideStatus({ preamble: [], epilogue: report.epilogue })).toBeNull();
  });
});

describe('stated status wording', () => {
  const wide = { status: 'rectified' as const, phrase: '已全部整改', line: 1, scope: 'report' as const };

  it('reads a report still at work as in progress', () => {
    const r = reportWideStatus({
      preamble: [{ line: 3, text: '目前，反馈的问题正在整改，部分已整改完毕。', kind: 'paragraph' }],
      epilogue: [],
    });
    expect(r).toMatchObject({ status: 'in_progress', phrase: '正在整改', line: 3 });
  });

  it('lets an item’s own most cautious word win over the summary', () => {
    expect(statedItemStatus(block(['一是召开会议，已整改完毕。', '二是相关工作正在整改。']), wide)).toMatchObject({
      status: 'in_progress',
      line: 6,
    });
    expect(statedItemStatus(block(['一是建立制度，长期坚持。', '二是该问题已整改到位。']), wide)).toMatchObject({
      status: 'ongoing',
      line: 5,
    });
    expect(statedItemStatus(block(['一是完善台账。已整改。']), null)).toMatchObject({
      status: 'rectified',
      phrase: '已整改',
      scope: 'item',
    });
  });

  it('has nothing to say for a report and an item that state nothing', () => {
    expect(reportWideStatus({ preamble: [{ line: 1, text: '现将巡察整改情况予以公布。', kind: 'paragraph' }], epilogue: [] })).toBeNull();
    expect(statedItemStatus(block(['一是召开专题会议。']), null)).toBeNull();
  });
});
