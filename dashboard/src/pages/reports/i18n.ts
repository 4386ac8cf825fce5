import { registerTranslations } from '../../i18n';

// The reports page: Chinese first, English beside it (docs/contracts/reports.md).
const zh = {
  title: '报告文档',
  subtitle: '按监测数据生成月度运行分析报告和整改情况报告草稿（Word 文档），数字与各页面一致；月报于每月 1 日自动生成上月报告',
  monthly: {
    title: '月度运行分析报告',
    note: '本月与上月、去年同月对比，附趋势图、部门排名、督查巡查、投诉跟进和整改事项进展',
    month: '报告月份',
  },
  draft: {
    title: '整改情况报告（草稿）',
    note: '按已公布整改报告的结构逐项列出本期整改记录与监测数据，无记录的事项列为需关注，供办公室修改',
    from: '起始日期',
    to: '截止日期',
    report: '整改报告',
  },
  lang: '文档语言',
  langs: { zh: '中文', en: 'English' },
  generate: '生成',
  generating: '正在生成…',
  made: '已生成：{{title}}',
  list: '已生成的文档',
  empty: '尚未生成文档。',
  loading: '正在加载…',
  col: {
    kind: '类型',
    title: '标题',
    period: '期间',
    lang: '语言',
    trigger: '生成方式',
    by: '生成人',
    at: '生成时间',
    size: '大小',
    file: '文件',
  },
  kinds: { monthly: '月报', 'rectification-draft': '整改草稿' },
  triggers: { manual: '手动', schedule: '定时' },
  download: '下载',
  downloading: '正在下载…',
  errorPrefix: '未完成：',
};

const en: typeof zh = {
  title: 'Reports',
  subtitle:
    'Word documents written from the monitored figures: the monthly operations report and the draft rectification progress report; their figures agree with the pages. The monthly report for the month before is written on the 1st by itself',
  monthly: {
    title: 'Monthly operations report',
    note: 'The month against the month before and the same month last year, with charts, the department ranking, patrol, complaints and the rectification items',
    month: 'Month',
  },
  draft: {
    title: 'Rectification progress report (draft)',
    note: "Every item of the published report with this period's records and monitored figures; items without a record are listed as needing attention, for the office to edit",
    from: 'From',
    to: 'To',
    report: 'Report',
  },
  lang: 'Language',
  langs: { zh: '中文', en: 'English' },
  generate: 'Generate',
  generating: 'Generating…',
  made: 'Generated: {{title}}',
  list: 'Generated documents',
  empty: 'No document has been generated yet.',
  loading: 'Loading…',
  col: {
    kind: 'Kind',
    title: 'Title',
    period: 'Period',
    lang: 'Language',
    trigger: 'Made by',
    by: 'By',
    at: 'Generated',
    size: 'Size',
    file: 'File',
  },
  kinds: { monthly: 'Monthly', 'rectification-draft': 'Draft' },
  triggers: { manual: 'Request', schedule: 'Schedule' },
  download: 'Download',
  downloading: 'Downloading…',
  errorPrefix: 'Not done: ',
};

registerTranslations('reports', { zh, en });
