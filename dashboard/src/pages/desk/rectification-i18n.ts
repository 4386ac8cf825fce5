import { registerTranslations } from '../../i18n';

const zh = {
  title: '整改回头看',
  loading: '正在加载…',
  failed: '无法加载整改台账：{{message}}',
  noReport: '尚未导入整改报告。',
  counts: '已整改 {{rectified}} 项 · 长期坚持 {{ongoing}} 项 · 整改中 {{inProgress}} 项 · 反弹 {{rebounding}} 项',
  none: '没有需要处理的整改事项。',
  item: '第 {{n}} 项',
  reason: { rebound: '问题反弹', overdue: '超过整改期限', noEvidence: '缺少佐证材料' },
  more: '另有 {{n}} 项，请在整改台账中查看。',
  openLedger: '打开整改台账，补充佐证、变更状态',
};

const en: typeof zh = {
  title: 'Look-back on rectification',
  loading: 'Loading…',
  failed: 'Could not load the ledger: {{message}}',
  noReport: 'No rectification report imported yet.',
  counts: '{{rectified}} rectified · {{ongoing}} ongoing · {{inProgress}} in progress · {{rebounding}} rebounding',
  none: 'No rectification item needs the office now.',
  item: 'Item {{n}}',
  reason: { rebound: 'Problem back', overdue: 'Past its deadline', noEvidence: 'No evidence' },
  more: '{{n}} more in the ledger.',
  openLedger: 'Open the ledger to add evidence or change a status',
};

registerTranslations('deskRectification', { zh, en });
