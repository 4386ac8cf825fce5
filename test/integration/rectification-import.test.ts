import type { RectificationImportResult, RectificationItemView, RectificationListView } from '@hallwatch/shared';
import { importReportCommand } from '../../server/src/cli/commands/rectification.commands';
import { adminApi, ErrorBody } from '../support/admin-api';
import { makeSite } from '../support/factories';
import { getBytes, postForm, SEED_REPORT, seedReportText } from '../support/rectification-api';
import { startTestApp, TestApp } from '../support/test-app';

// Importing the published report through the CLI and the API, and re-importing it.

jest.setTimeout(60_000);

const TOKEN = 'test-admin-token-rect';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('rectification import', () => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN: TOKEN });
    api = adminApi(t.url, TOKEN);
    await makeSite(t.ds, 'rc');
    await makeSite(t.ds, 'rc2');
  });
  afterAll(async () => t.close());

  const items = (site: string) => api<RectificationListView>('GET', `/rectification/items?site=${site}`);
  const item = async (site: string, n: number) => (await api<RectificationItemView>('GET', `/rectification/items/${n}?site=${site}`)).body;

  describe('import', () => {
    it('imports the seed through the CLI: 59 headed items + item 42 inferred = the stated 60, with line numbers', async () => {
      const lines: string[] = [];
      const spy = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
      try {
        expect(await importReportCommand.run(t.config, [SEED_REPORT, '--site', 'rc'])).toBe(0);
      } finally {
        spy.mockRestore();
      }
      const out = lines.join('\n');
      expect(out).toContain('Imported huiji-2024-report.txt (utf-8) into site rc, report "main"');
      expect(out).toContain('The report states 60 problems (line 11); found 59 numbered item(s) + 1 inferred ((42)) = 60: they agree.');
      expect(out).toContain(`Created: ${range(1, 60).join(', ')}`);
      // What `npm start` prints for the demo hall, whose ledger thus opens with the report's evidence.
      expect(out).toContain('Status: the report states "目前已全部整改" (line 11); set by this import: 58 rectified, 2 ongoing');
      expect(out).toContain('Evidence from the report: 108 dated measure(s) in 44 item(s); 108 newly recorded');
      expect(out).toMatch(/line 11 {2}count-mismatch: The report states 60 problems but 59 item headings were found; missing: \(42\)/);
      expect(out).toMatch(/line 209–212 {2}missing-item: No heading for item \(42\): numbering jumps from \(41\) to \(43\) at line 213/);
      expect(out).toMatch(/line 12 {2}implied-part/);

      const rows: Array<{ number: number; section_numeral: string; n: number }> = await t.ds.query(
        `SELECT section_numeral, count(*)::int AS n, min(number) AS number FROM rectification_items i
         JOIN sites s ON s.id = i.site_id WHERE s.code = 'rc' GROUP BY section_numeral ORDER BY min(number)`,
      );
      // Read off the seed by hand: (一) 1–10, (二) 11–32, (三) 33–51 with 42, (四) 52–60.
      expect(rows.map((r) => [r.section_numeral, r.n, r.number])).toEqual([
        ['一', 10, 1],
        ['二', 22, 11],
        ['三', 19, 33],
        ['四', 9, 52],
      ]);
    });

    it('leaves an imported report alone with --if-missing (the demo start imports it that way)', async () => {
      await t.ds.query(
        `UPDATE rectification_items SET problem = 'edited by the hall' WHERE number = 1 AND site_id = (SELECT id FROM sites WHERE code = 'rc')`,
      );
      const lines: string[] = [];
      const spy = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
      try {
        expect(await importReportCommand.run(t.config, [SEED_REPORT, '--site', 'rc', '--if-missing'])).toBe(0);
      } finally {
        spy.mockRestore();
      }
      expect(lines.join('\n')).toBe('Site rc already has rectification report "main"; left as it is');
      const [row] = await t.ds.query(
        `SELECT problem FROM rectification_items WHERE number = 1 AND site_id = (SELECT id FROM sites WHERE code = 'rc')`,
      );
      expect(row.problem).toBe('edited by the hall');
    });

    it('serves the items by section with the seed’s numbers, texts and the item 42 inference', async () => {
      const { status, body } = await items('rc');
      expect(status).toBe(200);
      expect(body.report).toMatchObject({
        ref: 'main',
        sourceName: 'huiji-2024-report.txt',
        statedCount: 60,
        statedCountLine: 11,
        importCount: 1,
      });
      // The report says "目前已全部整改" (line 11); items 29 and 30 say of themselves "长期坚持".
      expect(body.counts).toEqual({ in_progress: 0, rectified: 58, ongoing: 2, total: 60, rebounding: 0 });
      expect(body.sections.map((s) => [s.numeral, s.items.length])).toEqual([
        ['一', 10],
        ['二', 22],
        ['三', 19],
        ['四', 9],
      ]);
      expect(body.sections.flatMap((s) => s.items.map((i) => i.number))).toEqual(range(1, 60));

      const i42 = body.sections[2].items.find((i) => i.number === 42)!;
      expect(i42).toMatchObject({ key: 'item-42', problem: '', sourceLine: 209, endLine: 212, subsectionTitle: '财务制度落实不到位' });
      expect(i42.measures.map((m) => [m.marker, m.line])).toEqual([
        ['一是', 210],
        ['二是', 211],
        ['三是', 212],
      ]);
      expect(i42.measures[0].text).toBe('对于差旅费涉及非本单位人员,要求本人按照规定退回原资金渠道,目前已全部退回到位。');
      expect(i42.inferredNote).toContain('No heading for item (42)');

      const i17 = await item('rc', 17);
      expect(i17.problem.startsWith('政务服务营商环境不够优化。')).toBe(true);
      expect(i17.subsectionOrdinal).toBe(3);
      expect(i17.figures).toContainEqual(expect.objectContaining({ kind: 'percent', text: '99.52%', line: 88 }));
      expect(i17.links).toEqual([
        expect.objectContaining({
          indicator: 'reviews.active_rate',
          comparator: '>=',
          target: 0.995,
          window: 'day',
          department: null,
          origin: 'default',
        }),
      ]);
      const i47 = await item('rc', 47);
      expect(i47.measures).toHaveLength(2);
      expect(i47.links.map((l) => [l.indicator, l.comparator, l.target, l.window])).toEqual([
        ['patrol.findings.open', '=', 0, 'day'],
        ['patrol.rounds.done', '>=', 4, 'day'],
      ]);
      // Every item the issue names has a default link; others have none.
      const linked = body.sections.flatMap((s) => s.items.filter((i) => i.links.length).map((i) => i.number));
      expect(linked).toEqual([2, 8, 9, 17, 19, 22, 24, 25, 26, 46, 47, 48, 50, 51]);
      expect(i47.history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actor: 'cli', field: 'imported', new: 'huiji-2024-report.txt' }),
          expect.objectContaining({ actor: 'cli', field: 'status', old: 'in_progress', new: 'rectified' }),
          expect.objectContaining({
            actor: 'cli',
            field: 'evidence',
            old: null,
            new: '2024-06-08 6月8日已对41家单位人员登记表、公示牌更新完毕。 [L234]',
          }),
        ]),
      );
    });

    it('sets each item’s status from what the report states and records its dated measures as evidence from the report', async () => {
      const i2 = await item('rc', 2);
      expect(i2).toMatchObject({ status: 'rectified', statusSetBy: 'report' });
      expect(i2.statedStatus).toEqual({ status: 'rectified', phrase: '目前已全部整改', line: 11, scope: 'report' });
      expect(i2.rectifiedAt).not.toBeNull();
      // Read off the seed by hand (lines 20 and 22): four sentences that say what was done on a day.
      expect(i2.evidence.map((e) => [e.date, e.source, e.sourceLine, e.attachment])).toEqual([
        ['2024-03-29', 'report', 22, null],
        ['2024-05-08', 'report', 20, null],
        ['2024-06-01', 'report', 20, null],
        ['2024-06-05', 'report', 20, null],
      ]);
      expect(i2.evidence[1].text.startsWith('2024年5月8日召开5月份政务服务工作联席会')).toBe(true);
      expect(i2.evidence[2].text).toBe('各行政审批单位均于6月上旬完成自查整改并报送自查整改情况,实现“应进尽进”。');
      // Item 29's own measure ends "定期检查，长期坚持" (line 144): its status is the report's 长期坚持.
      const i29 = await item('rc', 29);
      expect(i29).toMatchObject({ status: 'ongoing', rectifiedAt: null });
      expect(i29.statedStatus).toEqual({ status: 'ongoing', phrase: '长期坚持', line: 144, scope: 'item' });
      // A date without a year is read in the year the report is signed (2024年9月26日).
      expect(i29.evidence.map((e) => e.date)).toEqual(['2024-04-11', '2024-04-17', '2024-05-21']);
      // Item 42 lost its heading and its measures carry no date: rectified by the report, no evidence.
      expect(await item('rc', 42)).toMatchObject({ status: 'rectified', evidence: [] });
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM rectification_evidence e JOIN rectification_items i ON i.id = e.item_id
         JOIN sites s ON s.id = i.site_id WHERE s.code = 'rc' AND e.source = 'report'`,
      );
      expect(n).toBe(108);
    });

    it('imports through the API (multipart) and answers the count check, warnings and notes', async () => {
      const { status, body } = await postForm<RectificationImportResult>(
        t.url,
        '/rectification/import?site=rc2',
        TOKEN,
        {},
        {
          field: 'file',
          name: '惠济区巡察整改.txt',
          bytes: seedReportText(),
          type: 'text/plain',
        },
      );
      expect(status).toBe(200);
      expect(body.created).toEqual(range(1, 60));
      expect(body.count).toEqual(expect.objectContaining({ stated: 60, headed: 59, inferred: [42], total: 60, matches: true }));
      expect(body.warnings).toEqual([expect.objectContaining({ line: 11, kind: 'count-mismatch' })]);
      expect(body.notes).toContainEqual(expect.objectContaining({ line: 209, endLine: 212, kind: 'missing-item' }));
      expect(body.report.sourceName).toBe('惠济区巡察整改.txt');
      expect(body.linksAdded).toBe(21);
      expect(body.statedStatus).toEqual({ status: 'rectified', phrase: '目前已全部整改', line: 11, scope: 'report' });
      expect(body.statusSet).toEqual({ in_progress: 0, rectified: 58, ongoing: 2 });
      expect(body).toMatchObject({ evidenceAdded: 108, evidenceTotal: 108 });
      expect(body.items).toHaveLength(60);
      expect(body.items.find((i) => i.number === 29)).toMatchObject({
        status: 'ongoing',
        statusFromReport: true,
        stated: { phrase: '长期坚持', line: 144 },
      });
      expect(body.items.find((i) => i.number === 1)?.measures).toEqual([
        {
          date: '2024-07-17',
          dateText: '7月17日',
          line: 16,
          text: '7月17日组织综合科及财务室工作人员进行专题学习,通过交流培训,切实提升风险预判能力。',
        },
      ]);
    });

    it('re-imports as updates, never duplicates; a text/plain body works too', async () => {
      const res = await fetch(`${t.url}/api/v1/admin/rectification/import?site=rc2&name=again.txt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain; charset=utf-8' },
        body: seedReportText(),
      });
      const again = (await res.json()) as RectificationImportResult;
      expect(res.status).toBe(200);
      expect(again).toMatchObject({
        created: [],
        updated: [],
        unchanged: 60,
        linksAdded: 0,
        absent: [],
        evidenceAdded: 0,
        evidenceTotal: 108,
      });
      expect(again.statusSet).toEqual({ in_progress: 0, rectified: 0, ongoing: 0 });
      expect(again.report.importCount).toBe(2);

      // The office's own decisions and records outlive any re-import: item 29 reopened, item 1 given evidence.
      expect((await api('PATCH', '/rectification/items/29?site=rc2', { status: 'in_progress' })).status).toBe(200);
      expect((await api('POST', '/rectification/items/1/evidence?site=rc2', { date: '2024-07-18', text: '合同台账复核' })).status).toBe(
        201,
      );

      // A corrected copy: item 17 reworded, item 1's training a day later, item 60 dropped.
      const edited = seedReportText()
        .replace('(17)政务服务营商环境不够优化。', '(17)政务服务营商环境仍不够优化。')
        .replace('7月17日组织综合科', '7月18日组织综合科')
        .split('\n')
        .filter((_, i) => i + 1 < 294 || i + 1 > 297) // lines 294–297 hold item 60
        .join('\n');
      const third = await postForm<RectificationImportResult>(
        t.url,
        '/rectification/import?site=rc2',
        TOKEN,
        {},
        {
          field: 'file',
          name: 'corrected.txt',
          bytes: edited,
        },
      );
      expect(third.status).toBe(200);
      expect(third.body.updated).toEqual([1, 17]);
      expect(third.body).toMatchObject({ evidenceAdded: 1, statusSet: { in_progress: 0, rectified: 0, ongoing: 0 } });
      expect(third.body.items.find((i) => i.number === 29)).toMatchObject({ status: 'in_progress', statusFromReport: false });
      const i1 = await item('rc2', 1);
      // Same day: in the order recorded, the office's first.
      expect(i1.evidence.map((e) => [e.date, e.source, e.text.slice(0, 5)])).toEqual([
        ['2024-07-18', 'office', '合同台账复'],
        ['2024-07-18', 'report', '7月18日'],
      ]);
      const replaced = i1.history.filter((h) => h.field === 'evidence' && h.at === third.body.report.importedAt);
      expect(replaced.map((h) => [h.old?.slice(0, 10) ?? null, h.new?.slice(0, 10) ?? null])).toEqual(
        expect.arrayContaining([
          ['2024-07-17', null],
          [null, '2024-07-18'],
        ]),
      );
      expect((await item('rc2', 29)).status).toBe('in_progress');
      expect(third.body.absent).toEqual(['item-60']);
      const [{ n }] = await t.ds.query(
        `SELECT count(*)::int AS n FROM rectification_items i JOIN sites s ON s.id = i.site_id WHERE s.code = 'rc2'`,
      );
      expect(n).toBe(60);
      const i17 = await item('rc2', 17);
      expect(i17.problem.startsWith('政务服务营商环境仍不够优化。')).toBe(true);
      expect(i17.history[0]).toMatchObject({ actor: 'admin-token', field: 'problem' });
      expect(i17.history[0].old?.startsWith('政务服务营商环境不够优化。')).toBe(true);
      expect(i17.links).toHaveLength(1);
      expect((await item('rc2', 60)).absentFromLatestImport).toBe(true);
    });

    it('refuses an upload that is not a report, naming the field', async () => {
      const res = await postForm<ErrorBody>(
        t.url,
        '/rectification/import?site=rc2',
        TOKEN,
        {},
        { field: 'file', name: 'x.txt', bytes: '这不是报告。' },
      );
      expect(res.status).toBe(400);
      expect(res.body.field).toBe('file');
      const missing = await postForm<ErrorBody>(t.url, '/rectification/import?site=rc2', TOKEN, { note: 'x' });
      expect(missing.status).toBe(400);
      const wrongField = await postForm<ErrorBody>(
        t.url,
        '/rectification/import?site=rc2',
        TOKEN,
        {},
        { field: 'report', name: 'a.txt', bytes: 'x' },
      );
      expect(wrongField.status).toBe(400);
      expect(wrongField.body.field).toBe('file');
    });

    it('answers 401 without the admin token on every rectification route', async () => {
      const none = await postForm<ErrorBody>(
        t.url,
        '/rectification/import?site=rc',
        null,
        {},
        { field: 'file', name: 'r.txt', bytes: seedReportText() },
      );
      expect(none.status).toBe(401);
      expect((await api('GET', '/rectification/items?site=rc', undefined, null)).status).toBe(401);
      expect((await api('PATCH', '/rectification/items/47?site=rc', { status: 'in_progress' }, null)).status).toBe(401);
      expect((await api('POST', '/rectification/look-back?site=rc', undefined, 'wrong-token-wrong-token')).status).toBe(401);
      expect((await getBytes(t.url, '/rectification/ledger.xlsx?site=rc', null)).status).toBe(401);
      expect((await item('rc', 47)).status).toBe('rectified');
    });
  });
});
