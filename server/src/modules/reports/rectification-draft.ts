import {
  activeRate,
  averageWaitSec,
  goodRate,
  type IndicatorId,
  type OfficeReportLang,
  type PatrolNoticeView,
  type RateCounts,
  RECTIFICATION_STATUS_LABELS,
  type RectificationItemView,
  type RectificationListView,
  type RoundState,
} from '@hallwatch/shared';
import type { FileChild } from 'docx';
import { docxBytes, h1, h2, h3, h4, note, para, type Run, table, title } from './docx-kit';
import { count, dayText, minutes, percent, shortDay, timeText } from './report-format';

/** What the live record says of the period, read once for every linked item. */
export interface PeriodFigures {
  from: string;
  to: string;
  rounds: Record<RoundState, number>;
  notices: PatrolNoticeView[];
  counts: RateCounts;
}

export interface DraftContext {
  siteName: string;
  siteNameEn: string | null;
  timeZone: string;
  generatedAt: Date;
  lang: OfficeReportLang;
}

/** The families of figures an item's links draw on; an indicator read only live (presence) has none over a period. */
type Family = 'patrol' | 'reviews' | 'complaints' | 'queue';

export function familyOf(id: IndicatorId): Family | null {
  if (id.startsWith('patrol.') || id.startsWith('notices.')) return 'patrol';
  if (id.startsWith('reviews.') || id.startsWith('callbacks.')) return 'reviews';
  if (id.startsWith('complaints.')) return 'complaints';
  if (id.startsWith('queue.') || id.startsWith('windows.') || id === 'tidal.advice' || id === 'surge.risk') return 'queue';
  return null;
}

const FAMILY_ORDER: Family[] = ['patrol', 'reviews', 'complaints', 'queue'];
const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => (n <= 10 ? NUMERALS[n] : n < 20 ? `十${NUMERALS[n - 10]}` : String(n));

const W = {
  zh: {
    title: '关于巡察整改情况的报告',
    draft: '草稿',
    draftMark: '草稿 · 供办公室修改，未经审定不得印发',
    period: (f: string, t: string) => `统计期间：${dayText(f, 'zh')}至${dayText(t, 'zh')}`,
    generated: (at: string, ref: string) => `生成时间：${at}；依据：整改报告「${ref}」及监测平台记录`,
    intro: (site: string, t: string, n: number, r: number, p: number, o: number, withEvidence: number, attention: number) =>
      `截至${dayText(t, 'zh')}，${site}对照巡察反馈的${n}个具体问题，已整改${r}个，正在整改${p}个，需长期坚持${o}个。本期${withEvidence}个事项有整改记录或监测数据，${attention}个事项本期无整改记录，列为需关注事项（见文末）。以下按整改报告的结构逐项列出，数字取自监测平台，请办公室核对后修改定稿。`,
    part: (n: number) => `${numeral(n)}、巡察反馈问题整改落实情况`,
    section: (numeralText: string | null, t: string | null) => `(${numeralText ?? '—'})${t ?? ''}`,
    progress: '整改情况：',
    status: (s: string, dept: string | null, deadline: string | null) =>
      `当前状态：${s}${dept ? `；责任部门：${dept}` : ''}${deadline ? `；完成时限：${deadline}` : ''}。`,
    evidence: (d: string, text: string) => `${shortDay(d, 'zh')}，${text}`,
    figures: '本期数据：',
    patrol: (rounds: number, notices: number) => `本期开展巡查${rounds}次，下发督查告知书${notices}份`,
    itemNotices: (n: number) => `其中涉及本事项${n}份`,
    reviews: (c: RateCounts) =>
      `收到评价${count(c.reviews)}条，好评率${percent(goodRate(c))}，主动评价率${percent(activeRate(c))}，差评${count(c.bad)}条，回访${count(c.callbackDone)}人`,
    complaints: (c: RateCounts) =>
      `受理投诉${count(c.complaints)}件，到期${count(c.complaintsDue)}件，按期办结${count(c.complaintsClosedOnTime)}件`,
    queue: (c: RateCounts) => `办结业务${count(c.completed)}件，平均等候${minutes(averageWaitSec(c), 'zh')}`,
    end: '。',
    sep: '，',
    noEvidence: '【需关注】本期无整改记录，请责任部门补充整改情况。',
    rebound: '【需关注】该事项已整改但监测指标出现反弹。',
    measures: '原整改措施（供参考）：',
    attention: (n: number) => `${numeral(n)}、需关注事项`,
    attentionText: (n: number) => `以下${n}个事项本期无整改记录或出现反弹，请督促责任部门补充材料：`,
    attentionHead: ['序号', '问题', '当前状态', '责任部门', '原因'],
    noRecord: '本期无整改记录',
    reboundReason: '指标反弹',
    attentionNone: '本期各事项均有整改记录。',
    next: (n: number) => `${numeral(n)}、下一步整改工作安排（请办公室填写）`,
    nextText: '（此处由办公室结合本期情况填写下一步工作安排。）',
    noReport: '尚未导入巡察整改报告。',
  },
  en: {
    title: 'Report on the progress of rectification',
    draft: 'DRAFT',
    draftMark: 'DRAFT · for the office to edit; not to be issued before review',
    period: (f: string, t: string) => `Period: ${f} to ${t}`,
    generated: (at: string, ref: string) => `Generated ${at} from the rectification report "${ref}" and the monitoring record`,
    intro: (site: string, t: string, n: number, r: number, p: number, o: number, withEvidence: number, attention: number) =>
      `As of ${t}, of the ${n} problems the inspection raised at ${site}, ${r} are rectified, ${p} in progress and ${o} ongoing. This period ${withEvidence} items have records or monitored figures; ${attention} have no record and are listed as needing attention at the end. Items follow the published report's structure; the figures come from the monitoring platform. Please check and edit before the report is finalised.`,
    part: (n: number) => `Part ${n}: progress on the problems raised`,
    section: (numeralText: string | null, t: string | null) => `(${numeralText ?? '—'}) ${t ?? ''}`,
    progress: 'Progress (整改情况):',
    status: (s: string, dept: string | null, deadline: string | null) =>
      `Status: ${s}${dept ? `; department: ${dept}` : ''}${deadline ? `; deadline: ${deadline}` : ''}.`,
    evidence: (d: string, text: string) => `${d}: ${text}`,
    figures: 'Figures for the period: ',
    patrol: (rounds: number, notices: number) => `${rounds} patrol rounds done, ${notices} notices issued`,
    itemNotices: (n: number) => `${n} of them on this item`,
    reviews: (c: RateCounts) =>
      `${count(c.reviews)} ratings, good rate ${percent(goodRate(c))}, active rate ${percent(activeRate(c))}, ${count(c.bad)} bad, ${count(c.callbackDone)} raters called back`,
    complaints: (c: RateCounts) =>
      `${count(c.complaints)} complaints received, ${count(c.complaintsDue)} due, ${count(c.complaintsClosedOnTime)} closed on time`,
    queue: (c: RateCounts) => `${count(c.completed)} services completed, average wait ${minutes(averageWaitSec(c), 'en')}`,
    end: '.',
    sep: '; ',
    noEvidence: '[Needs attention] No record this period: the responsible department should add its progress.',
    rebound: '[Needs attention] Rectified, but its monitored figure has rebounded.',
    measures: 'Measures in the published report (for reference):',
    attention: (n: number) => `Part ${n}: items needing attention`,
    attentionText: (n: number) => `${n} items have no record this period or have rebounded:`,
    attentionHead: ['No.', 'Problem', 'Status', 'Department', 'Reason'],
    noRecord: 'No record this period',
    reboundReason: 'Rebounding',
    attentionNone: 'Every item has a record this period.',
    next: (n: number) => `Part ${n}: next steps (for the office to write)`,
    nextText: '(The office writes the next steps here.)',
    noReport: 'No rectification report has been imported yet.',
  },
};

export interface ItemDraft {
  item: RectificationItemView;
  evidence: RectificationItemView['evidence'];
  /** The figures sentence filled from the live record; null when the item is not linked. */
  figures: string | null;
  attention: Array<'no-record' | 'rebound'>;
}

/** What the draft says of one item over the period: its dated records, its linked figures, and whether it needs attention. */
export function itemDraft(item: RectificationItemView, p: PeriodFigures, lang: OfficeReportLang): ItemDraft {
  const w = W[lang];
  const evidence = item.evidence.filter((e) => e.date >= p.from && e.date <= p.to);
  const families = new Set(item.links.map((l) => familyOf(l.indicator)).filter((f): f is Family => f !== null));
  const onItem = p.notices.filter((n) => n.items.includes(item.number)).length;
  const parts: string[] = [];
  for (const f of FAMILY_ORDER) {
    if (!families.has(f)) continue;
    if (f === 'patrol') parts.push(w.patrol(p.rounds.done, p.notices.length) + (onItem ? `（${w.itemNotices(onItem)}）` : ''));
    if (f === 'reviews') parts.push(w.reviews(p.counts));
    if (f === 'complaints') parts.push(w.complaints(p.counts));
    if (f === 'queue') parts.push(w.queue(p.counts));
  }
  if (!families.has('patrol') && onItem) parts.push(w.itemNotices(onItem).replace(/^其中/, '本期下发督查告知书'));
  const figures = parts.length ? parts.join(w.sep) + w.end : null;
  const attention: ItemDraft['attention'] = [];
  if (!evidence.length && !figures) attention.push('no-record');
  if (item.rebound) attention.push('rebound');
  return { item, evidence, figures, attention };
}

export async function rectificationDraftDocx(
  list: RectificationListView,
  p: PeriodFigures,
  ctx: DraftContext,
): Promise<{ title: string; bytes: Buffer; drafts: ItemDraft[] }> {
  const lang = ctx.lang;
  const w = W[lang];
  const site = lang === 'en' ? (ctx.siteNameEn ?? ctx.siteName) : ctx.siteName;
  const docTitle = `${w.title}（${w.draft}）`;
  const children: FileChild[] = [
    title(docTitle),
    note(w.draftMark, 'C00000'),
    note(w.period(p.from, p.to)),
    note(w.generated(timeText(ctx.generatedAt.toISOString(), ctx.timeZone), list.report?.ref ?? '—'), '555555', true),
  ];
  if (!list.report) {
    children.push(para(w.noReport));
    return { title: docTitle, bytes: await docxBytes({ title: docTitle, header: w.draftMark, children }), drafts: [] };
  }
  const items = list.sections.flatMap((s) => s.items);
  const drafts = items.map((i) => itemDraft(i, p, lang));
  const needing = drafts.filter((d) => d.attention.length);
  const k = list.counts;
  children.push(para(w.intro(site, p.to, k.total, k.rectified, k.in_progress, k.ongoing, drafts.length - needing.length, needing.length)));

  let part: number | null | undefined;
  let section: number | null | undefined;
  let subsection: number | null | undefined;
  for (const d of drafts) {
    const i = d.item;
    if (i.partOrdinal !== part) {
      part = i.partOrdinal;
      section = subsection = undefined;
      children.push(h1(w.part(part ?? 1)));
    }
    if (i.sectionOrdinal !== section) {
      section = i.sectionOrdinal;
      subsection = undefined;
      if (section !== null) children.push(h2(w.section(i.sectionNumeral, i.sectionTitle)));
    }
    if (i.subsectionOrdinal !== subsection) {
      subsection = i.subsectionOrdinal;
      if (subsection !== null) children.push(h3(`${subsection}.${i.subsectionTitle ?? ''}`));
    }
    children.push(h4(`(${i.number})${i.problem}`));
    children.push(para({ text: w.progress, bold: true }));
    children.push(
      para({ text: w.status(RECTIFICATION_STATUS_LABELS[i.status][lang], i.responsibleDepartment, i.deadline), color: '444444' }),
    );
    for (const e of d.evidence) children.push(para(w.evidence(e.date, e.text)));
    if (d.figures) children.push(para({ text: w.figures, bold: true }, { text: d.figures, highlight: 'yellow' } satisfies Run));
    if (d.attention.includes('no-record')) children.push(para({ text: w.noEvidence, bold: true, color: 'C00000' }));
    if (d.attention.includes('rebound')) children.push(para({ text: w.rebound, bold: true, color: 'C00000' }));
    if (i.measures.length) {
      children.push(para({ text: w.measures, color: '777777' }));
      for (const m of i.measures) children.push(para({ text: `${m.marker}${m.text}`, color: '777777' }));
    }
  }

  // The closing parts follow the last of the report's, as the published report ends on its 三、下一步整改工作安排.
  const closing = Math.max(1, ...drafts.map((d) => d.item.partOrdinal ?? 1)) + 1;
  children.push(h1(w.attention(closing)));
  if (needing.length) {
    children.push(para(w.attentionText(needing.length)));
    children.push(
      table(
        w.attentionHead,
        needing.map((d) => [
          String(d.item.number),
          d.item.problem.length > 60 ? `${d.item.problem.slice(0, 60)}…` : d.item.problem,
          RECTIFICATION_STATUS_LABELS[d.item.status][lang],
          d.item.responsibleDepartment ?? '—',
          d.attention.map((a) => (a === 'rebound' ? w.reboundReason : w.noRecord)).join('；'),
        ]),
        [8, 46, 12, 14, 20],
      ),
    );
  } else children.push(para(w.attentionNone));
  children.push(h1(w.next(closing + 1)), para(w.nextText));
  return { title: docTitle, bytes: await docxBytes({ title: docTitle, header: w.draftMark, children }), drafts };
}
