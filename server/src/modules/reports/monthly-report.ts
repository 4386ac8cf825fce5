import {
  activeRate,
  averageWaitSec,
  complaintOnTimeRate,
  callbackRate,
  FOLLOW_UP_STATUS_LABELS,
  goodRate,
  type OfficeReportLang,
  type RateCounts,
  RECTIFICATION_STATUS_LABELS,
  rectifyRate,
  ROUND_STATE_LABELS,
  type RoundState,
} from '@hallwatch/shared';
import type { FileChild } from 'docx';
import { chartPng } from './report-charts';
import { docxBytes, h1, h2, image, note, para, table, title } from './docx-kit';
import type { MonthFigures } from './report-figures';
import { count, dayText, minutes, monthName, percent, pointsChange, rateChange, countChange, timeText } from './report-format';

export interface MonthlyReportContext {
  siteName: string;
  siteNameEn: string | null;
  timeZone: string;
  generatedAt: Date;
  lang: OfficeReportLang;
}

const W = {
  zh: {
    title: (site: string, month: string) => `${site}${monthName(month, 'zh')}运行分析报告`,
    period: (from: string, to: string) => `统计期间：${dayText(from, 'zh')}至${dayText(to, 'zh')}`,
    generated: (at: string) => `生成时间：${at}（数据取自好差评趋势、督查巡查、跟进台账与整改台账）`,
    overview: '一、总体运行情况',
    overviewText: (c: RateCounts, m: string) =>
      `${monthName(m, 'zh')}，大厅共办结业务${count(c.completed)}件，叫号等候平均${minutes(averageWaitSec(c), 'zh')}；收到评价${count(c.reviews)}条，好评率${percent(goodRate(c))}，主动评价率${percent(activeRate(c))}；差评${count(c.bad)}条，投诉${count(c.complaints)}件。`,
    figures: '（一）主要指标及对比',
    head: ['指标', '本月', '上月', '环比', '去年同月', '同比'],
    rows: {
      completed: '办件量（件）',
      wait: '平均等候（分钟）',
      waits: '叫号等候人次',
      reviews: '评价数（条）',
      good: '好评率',
      active: '主动评价率',
      bad: '差评数（条）',
      complaints: '投诉（件）',
      complaintsOnTime: '投诉按期办结率',
      rectify: '差评按期整改率',
    },
    charts: '（二）趋势图',
    dailyChart: (m: string) => `${monthName(m, 'zh')}每日办件量与评价数`,
    served: '办件量',
    reviewsLabel: '评价数',
    yearChart: '近13个月好评率与主动评价率（%）',
    goodLabel: '好评率',
    activeLabel: '主动评价率',
    ranking: '二、进驻部门好差评排名',
    rankingText: (n: number) => `按好评率、差评数、主动评价率、评价数依次排序，共${n}个部门参加排名。`,
    rankingHead: ['名次', '部门', '评价数', '好评率', '主动评价率', '差评', '排名依据'],
    patrol: '三、督查巡查及告知书情况',
    roundsText: (done: number, total: number, prevDone: number) =>
      `本月应巡查${count(total)}次，完成${count(done)}次（上月完成${count(prevDone)}次）。各状态如下：`,
    roundsHead: ['巡查状态', '本月', '上月'],
    noticesText: (n: number, closed: number, overdue: number, points: number) =>
      `本月下发督查告知书${count(n)}份，已回复${count(closed)}份，逾期未回复${count(overdue)}份；确认违规扣分合计${points}分。`,
    noticesHead: ['文号', '部门', '下发时间', '回复期限', '状态', '回复时间'],
    noNotices: '本月未下发督查告知书。',
    open: '待回复',
    overdue: '逾期',
    closed: '已回复',
    complaints: '四、投诉及跟进处理情况',
    followText: (c: RateCounts) =>
      `本月到期差评${count(c.badDue)}条，按期整改${count(c.badClosedOnTime)}条（${percent(rectifyRate(c))}）；实名差评应回访${count(c.callbackDue)}人，已回访${count(c.callbackDone)}人（${percent(callbackRate(c))}）；到期投诉${count(c.complaintsDue)}件，按期办结${count(c.complaintsClosedOnTime)}件（${percent(complaintOnTimeRate(c))}）。`,
    complaintsHead: ['受理时间', '部门', '工单号', '内容摘要', '状态', '办结时间'],
    noComplaints: '本月未收到投诉。',
    rectification: '五、巡察整改事项进展',
    noReport: '尚未导入巡察整改报告。',
    rectText: (t: number, r: number, p: number, o: number, b: number) =>
      `整改报告共${t}个事项：已整改${r}个，整改中${p}个，长期坚持${o}个；其中${b}个已整改事项出现反弹。`,
    rectHead: ['序号', '问题', '状态', '责任部门', '完成时限', '说明'],
    rebound: '反弹',
    late: '已过完成时限',
    attentionNone: '无反弹或逾期事项。',
    attention: '需关注的事项：',
  },
  en: {
    title: (site: string, month: string) => `${site}: monthly operations report, ${monthName(month, 'en')}`,
    period: (from: string, to: string) => `Period: ${from} to ${to}`,
    generated: (at: string) => `Generated ${at} (from the ratings trends, patrol, follow-up ledger and rectification ledger)`,
    overview: '1. Overview',
    overviewText: (c: RateCounts, m: string) =>
      `In ${monthName(m, 'en')} the hall completed ${count(c.completed)} services with an average wait of ${minutes(averageWaitSec(c), 'en')}; it received ${count(c.reviews)} ratings (good rate ${percent(goodRate(c))}, active rate ${percent(activeRate(c))}), ${count(c.bad)} bad ratings and ${count(c.complaints)} complaints.`,
    figures: '1.1 Key figures and comparisons',
    head: ['Figure', 'This month', 'Last month', 'Change', 'Same month last year', 'Change'],
    rows: {
      completed: 'Services completed',
      wait: 'Average wait (min)',
      waits: 'Waits called',
      reviews: 'Ratings',
      good: 'Good rate',
      active: 'Active rate',
      bad: 'Bad ratings',
      complaints: 'Complaints',
      complaintsOnTime: 'Complaints closed on time',
      rectify: 'Bad ratings fixed on time',
    },
    charts: '1.2 Charts',
    dailyChart: (m: string) => `Services and ratings per day, ${monthName(m, 'en')}`,
    served: 'Services',
    reviewsLabel: 'Ratings',
    yearChart: 'Good rate and active rate, last 13 months (%)',
    goodLabel: 'Good rate',
    activeLabel: 'Active rate',
    ranking: '2. Departments ranked by ratings',
    rankingText: (n: number) => `Ranked by good rate, then bad ratings, active rate and ratings; ${n} departments take part.`,
    rankingHead: ['Place', 'Department', 'Ratings', 'Good rate', 'Active rate', 'Bad', 'Decided by'],
    patrol: '3. Patrol rounds and notices',
    roundsText: (done: number, total: number, prevDone: number) =>
      `${count(total)} rounds were planned this month and ${count(done)} done (last month ${count(prevDone)}). By state:`,
    roundsHead: ['Round state', 'This month', 'Last month'],
    noticesText: (n: number, closed: number, overdue: number, points: number) =>
      `${count(n)} notices were issued this month, ${count(closed)} answered and ${count(overdue)} overdue; confirmed violations cost ${points} points.`,
    noticesHead: ['Number', 'Department', 'Issued', 'Reply by', 'State', 'Replied'],
    noNotices: 'No notice was issued this month.',
    open: 'Awaiting reply',
    overdue: 'Overdue',
    closed: 'Answered',
    complaints: '4. Complaints and follow-ups',
    followText: (c: RateCounts) =>
      `${count(c.badDue)} bad ratings fell due, ${count(c.badClosedOnTime)} fixed on time (${percent(rectifyRate(c))}); ${count(c.callbackDue)} real-name raters were due a call, ${count(c.callbackDone)} called (${percent(callbackRate(c))}); ${count(c.complaintsDue)} complaints fell due, ${count(c.complaintsClosedOnTime)} closed on time (${percent(complaintOnTimeRate(c))}).`,
    complaintsHead: ['Received', 'Department', 'Work order', 'Summary', 'State', 'Closed'],
    noComplaints: 'No complaint was received this month.',
    rectification: '5. Rectification items',
    noReport: 'No rectification report has been imported yet.',
    rectText: (t: number, r: number, p: number, o: number, b: number) =>
      `The report holds ${t} items: ${r} rectified, ${p} in progress, ${o} ongoing; ${b} rectified items are rebounding.`,
    rectHead: ['No.', 'Problem', 'Status', 'Department', 'Deadline', 'Note'],
    rebound: 'Rebounding',
    late: 'Deadline passed',
    attentionNone: 'No item is rebounding or past its deadline.',
    attention: 'Items needing attention:',
  },
};

const DECIDED = {
  zh: { goodRate: '好评率', bad: '差评数', activeRate: '主动评价率', reviews: '评价数' },
  en: { goodRate: 'good rate', bad: 'bad ratings', activeRate: 'active rate', reviews: 'ratings' },
};

const clip = (s: string | null, n: number) => (!s ? '—' : s.length > n ? `${s.slice(0, n)}…` : s);

export async function monthlyReportDocx(f: MonthFigures, ctx: MonthlyReportContext): Promise<{ title: string; bytes: Buffer }> {
  const lang = ctx.lang;
  const w = W[lang];
  const site = lang === 'en' ? (ctx.siteNameEn ?? ctx.siteName) : ctx.siteName;
  const docTitle = w.title(site, f.month);
  const { current: c, previous: p, lastYear: y } = f;
  const wait = (x: RateCounts) => averageWaitSec(x);
  const row = (label: string, get: (x: RateCounts) => number | null, kind: 'count' | 'rate' | 'minutes') => {
    const fmt = (v: number | null) => (kind === 'rate' ? percent(v) : kind === 'minutes' ? minutes(v, lang, false) : count(v));
    const change = (a: number | null, b: number | null) =>
      kind === 'rate' ? pointsChange(a, b, lang) : kind === 'minutes' ? rateChange(a, b) : countChange(a, b);
    return [label, fmt(get(c)), fmt(get(p)), change(get(c), get(p)), fmt(get(y)), change(get(c), get(y))];
  };
  const figureRows = [
    row(w.rows.completed, (x) => x.completed, 'count'),
    row(w.rows.waits, (x) => x.waitCount, 'count'),
    row(w.rows.wait, wait, 'minutes'),
    row(w.rows.reviews, (x) => x.reviews, 'count'),
    row(w.rows.good, goodRate, 'rate'),
    row(w.rows.active, activeRate, 'rate'),
    row(w.rows.bad, (x) => x.bad, 'count'),
    row(w.rows.rectify, rectifyRate, 'rate'),
    row(w.rows.complaints, (x) => x.complaints, 'count'),
    row(w.rows.complaintsOnTime, complaintOnTimeRate, 'rate'),
  ];

  const dailyPng = chartPng({
    title: w.dailyChart(f.month),
    labels: f.days.map((d) => String(Number(d.period.slice(8)))),
    series: [
      { label: w.served, values: f.days.map((d) => d.completed), kind: 'bar', color: '#2b6cb0' },
      { label: w.reviewsLabel, values: f.days.map((d) => d.reviews), kind: 'bar', color: '#9ac2e6' },
    ],
  });
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);
  const yearPng = chartPng({
    title: w.yearChart,
    labels: f.months.map((m) => monthName(m.period.slice(0, 7), lang, true)),
    series: [
      { label: w.goodLabel, values: f.months.map((m) => pct(goodRate(m))), kind: 'line', color: '#2f855a', axis: 'percent' },
      { label: w.activeLabel, values: f.months.map((m) => pct(activeRate(m))), kind: 'line', color: '#c05621', axis: 'percent' },
    ],
  });

  const names = new Map(f.ranking.rows.map((r) => [r.key, lang === 'en' ? r.nameEn : r.name]));
  const deptName = (code: string | null) => (code ? (names.get(code) ?? code) : '—');
  const rankingRows = f.ranking.rows.map((r) => [
    String(r.place),
    lang === 'en' ? r.nameEn : r.name,
    count(r.reviews),
    percent(r.goodRate),
    percent(r.activeRate),
    count(r.bad),
    r.decidedBy ? DECIDED[lang][r.decidedBy] : '—',
  ]);

  const states = Object.keys(f.patrol.rounds) as RoundState[];
  const planned = (r: Record<RoundState, number>) => states.reduce((n, s) => n + r[s], 0);
  const roundRows = states
    .filter((s) => f.patrol.rounds[s] || f.previousPatrol.rounds[s])
    .map((s) => [ROUND_STATE_LABELS[s][lang], count(f.patrol.rounds[s]), count(f.previousPatrol.rounds[s])]);
  const notices = f.patrol.notices;
  const noticeState = (n: (typeof notices)[number]) => (n.status === 'closed' ? w.closed : n.overdue ? w.overdue : w.open);
  const points = f.deductions.reduce((s, d) => s + d.points, 0);

  const complaintRows = f.complaints.map((k) => [
    timeText(k.openedAt, ctx.timeZone),
    deptName(k.department),
    k.workOrder?.number ?? '—',
    clip(k.summary, 40),
    FOLLOW_UP_STATUS_LABELS[k.status][lang],
    k.closedAt ? timeText(k.closedAt, ctx.timeZone) : '—',
  ]);

  const children: FileChild[] = [
    title(docTitle),
    note(w.period(f.from, f.to)),
    note(w.generated(timeText(ctx.generatedAt.toISOString(), ctx.timeZone)), '555555', true),
    h1(w.overview),
    para(w.overviewText(c, f.month)),
    h2(w.figures),
    table(w.head, figureRows, [24, 14, 14, 16, 16, 16]),
    h2(w.charts),
    image(dailyPng, 600, 280),
    image(yearPng, 600, 280),
    h1(w.ranking),
    para(w.rankingText(f.ranking.rows.length)),
    table(w.rankingHead, rankingRows, [10, 30, 12, 12, 12, 8, 16]),
    h1(w.patrol),
    para(w.roundsText(f.patrol.rounds.done, planned(f.patrol.rounds), f.previousPatrol.rounds.done)),
    table(w.roundsHead, roundRows, [40, 30, 30]),
    para(
      w.noticesText(notices.length, notices.filter((n) => n.status === 'closed').length, notices.filter((n) => n.overdue).length, points),
    ),
    notices.length
      ? table(
          w.noticesHead,
          notices.map((n) => [
            n.number ?? '—',
            deptName(n.department),
            timeText(n.issuedAt, ctx.timeZone),
            timeText(n.deadline, ctx.timeZone),
            noticeState(n),
            n.repliedAt ? timeText(n.repliedAt, ctx.timeZone) : '—',
          ]),
          [22, 20, 16, 16, 10, 16],
        )
      : para(w.noNotices),
    h1(w.complaints),
    para(w.followText(c)),
    complaintRows.length ? table(w.complaintsHead, complaintRows, [15, 17, 15, 28, 12, 13]) : para(w.noComplaints),
    h1(w.rectification),
    ...rectificationPart(f, lang),
  ];
  return { title: docTitle, bytes: await docxBytes({ title: docTitle, children }) };

  function rectificationPart(fig: MonthFigures, l: OfficeReportLang): FileChild[] {
    const list = fig.rectification;
    if (!list.report) return [para(w.noReport)];
    const k = list.counts;
    const items = list.sections.flatMap((s) => s.items);
    const late = (i: (typeof items)[number]) => i.status !== 'rectified' && i.deadline !== null && i.deadline < fig.to;
    const attention = items.filter((i) => i.rebound || late(i));
    const out: FileChild[] = [para(w.rectText(k.total, k.rectified, k.in_progress, k.ongoing, k.rebounding))];
    if (!attention.length) return [...out, para(w.attentionNone)];
    out.push(para(w.attention));
    out.push(
      table(
        w.rectHead,
        attention.map((i) => [
          String(i.number),
          clip(i.problem, 60),
          RECTIFICATION_STATUS_LABELS[i.status][l],
          i.responsibleDepartment ?? '—',
          i.deadline ?? '—',
          [i.rebound ? w.rebound : null, late(i) ? w.late : null].filter(Boolean).join('；'),
        ]),
        [8, 44, 12, 14, 12, 10],
      ),
    );
    return out;
  }
}
