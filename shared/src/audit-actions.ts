// The audit log's actions as people read them: the admin screen shows these names and the
// export carries the Chinese one beside the code, so an auditor never has to decode
// "user.sessions.revoke". An action not listed here reads as its code.

export interface AuditWords {
  zh: string;
  en: string;
}

export const AUDIT_ACTION_LABELS: Readonly<Record<string, AuditWords>> = {
  login: { zh: '登录', en: 'Signed in' },
  'login.failed': { zh: '登录失败', en: 'Sign-in failed' },
  'login.backoff': { zh: '多次失败，暂缓登录', en: 'Sign-in delayed after failures' },
  'login.device.forgotten': { zh: '不再信任登录设备', en: 'Browser no longer trusted' },
  'login.throttled': { zh: '来源地址登录受限', en: 'Address throttled' },
  logout: { zh: '退出登录', en: 'Signed out' },
  'password.change': { zh: '修改本人密码', en: 'Own password changed' },
  'user.create': { zh: '新建账号', en: 'Account created' },
  'user.update': { zh: '修改账号', en: 'Account changed' },
  'user.password.reset': { zh: '重置账号密码', en: 'Password reset' },
  'user.unlock': { zh: '解锁账号', en: 'Account unlocked' },
  'user.sessions.revoke': { zh: '结束账号会话', en: 'Sessions ended' },
  'display-token.create': { zh: '新建大屏令牌', en: 'Display token created' },
  'display-token.revoke': { zh: '吊销大屏令牌', en: 'Display token revoked' },
  'device-key.create': { zh: '新建设备密钥', en: 'Device key created' },
  'device-key.update': { zh: '修改设备密钥', en: 'Device key changed' },
  'device-key.revoke': { zh: '吊销设备密钥', en: 'Device key revoked' },
  'access.denied': { zh: '拒绝访问', en: 'Access refused' },
  'audit.export': { zh: '导出审计日志', en: 'Audit log exported' },
  'alert-rule.create': { zh: '新建告警推送规则', en: 'Alert rule created' },
  'alert-rule.update': { zh: '修改告警推送规则', en: 'Alert rule changed' },
  'alert-rule.delete': { zh: '删除告警推送规则', en: 'Alert rule removed' },
  'alert-recipient.create': { zh: '新增告警接收人', en: 'Alert recipient added' },
  'alert-recipient.update': { zh: '修改告警接收人', en: 'Alert recipient changed' },
  'alert-recipient.delete': { zh: '删除告警接收人', en: 'Alert recipient removed' },
  'calendar.set': { zh: '设置节假日或调休', en: 'Holiday or make-up day set' },
  'calendar.remove': { zh: '移除节假日或调休', en: 'Holiday or make-up day removed' },
  'phone.reveal': { zh: '查看群众电话', en: "Citizen's phone revealed" },
  'follow-up.contact': { zh: '记录回访联系', en: 'Follow-up call logged' },
  'follow-up.resolution': { zh: '记录整改答复', en: 'Follow-up fix recorded' },
  'follow-up.confirmation': { zh: '回访确认办结', en: 'Follow-up confirmed and closed' },
  'appeal.file': { zh: '提出申诉', en: 'Appeal filed' },
  'appeal.decide': { zh: '裁定申诉', en: 'Appeal decided' },
  'callback.verify': { zh: '回访核实', en: 'Second callback recorded' },
  'callback.verify.refused': { zh: '回访核实被拒（本人经办）', en: 'Second callback refused (own case)' },
  'rating.refused': { zh: '重复评价被拒', en: 'Repeat rating refused' },
  'absence.file': { zh: '登记外出或请假', en: 'Absence filed' },
  'absence.decide': { zh: '审批外出或请假', en: 'Absence decided' },
  'absence.cancel': { zh: '撤销外出或请假', en: 'Absence cancelled' },
  'absence.return': { zh: '销假', en: 'Return recorded' },
  'absence.figures.evidence': { zh: '导出离岗统计佐证', en: 'Absence figures evidence taken' },
  'notify.channel.create': { zh: '新增通知渠道', en: 'Notification channel added' },
  'notify.channel.update': { zh: '修改通知渠道', en: 'Notification channel changed' },
  'notify.channel.test': { zh: '发送渠道测试消息', en: 'Channel test message sent' },
  'assessment.weights.set': { zh: '修改考核权重', en: 'Assessment weights set' },
  'assessment.evidence': { zh: '考核结果报送整改佐证', en: 'Assessment filed as evidence' },
  'patrol.round.doubtful': { zh: '巡查存疑', en: 'Patrol round doubtful' },
  'patrol.round.cleared': { zh: '巡查存疑已消除', en: 'Patrol round cleared' },
  'patrol.checkpoint.rotate-code': { zh: '更换点位二维码', en: 'Checkpoint code rotated' },
  'demo.history': { zh: '写入演示历史数据', en: 'Demo history written' },
  'queue.job.retry': { zh: '重试失败的后台任务', en: 'Failed background job retried' },
  'retention.policy.set': { zh: '修改数据保留期限', en: 'Retention policy set' },
  'retention.phones.erase': { zh: '清除到期群众电话', en: "Expired citizens' phones erased" },
  'retention.events.archive': { zh: '归档到期原始事件', en: 'Expired raw events archived' },
  'retention.events.delete': { zh: '删除到期原始事件', en: 'Expired raw events deleted' },
  'retention.photos.delete': { zh: '删除到期巡查照片', en: 'Expired patrol photos deleted' },
};

const REGISTRY_RESOURCES: Readonly<Record<string, AuditWords>> = {
  site: { zh: '站点', en: 'site' },
  department: { zh: '部门', en: 'department' },
  window: { zh: '窗口', en: 'window' },
  staff: { zh: '工作人员', en: 'staff member' },
  service_item: { zh: '服务事项', en: 'service item' },
};
const REGISTRY_VERBS: Readonly<Record<string, AuditWords>> = {
  create: { zh: '新增', en: 'created' },
  update: { zh: '修改', en: 'changed' },
  delete: { zh: '删除', en: 'deleted' },
};

/** An action's name in a language; registry changes (registry.<resource>.<verb>) are composed, the unknown read as their code. */
export function auditActionLabel(action: string, lang: keyof AuditWords): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known[lang];
  const [head, resource, verb] = action.split('.');
  const r = REGISTRY_RESOURCES[resource ?? ''];
  const v = REGISTRY_VERBS[verb ?? ''];
  if (head === 'registry' && r && v) return lang === 'zh' ? `${v.zh}${r.zh}` : `${r.en[0].toUpperCase()}${r.en.slice(1)} ${v.en}`;
  return action;
}

/**
 * The filter's choices of "what": single actions by family, and where a family shares a prefix,
 * the whole family at once (the API reads "absence." as every action under it).
 */
export const AUDIT_ACTION_GROUPS: ReadonlyArray<{ label: AuditWords; prefix?: string; actions: readonly string[] }> = [
  { label: { zh: '登录', en: 'Sign-in' }, actions: ['login', 'logout', 'password.change'] },
  {
    label: { zh: '登录异常', en: 'Sign-in trouble' },
    prefix: 'login.',
    actions: ['login.failed', 'login.backoff', 'login.throttled', 'login.device.forgotten'],
  },
  {
    label: { zh: '账号', en: 'Accounts' },
    prefix: 'user.',
    actions: ['user.create', 'user.update', 'user.password.reset', 'user.unlock', 'user.sessions.revoke'],
  },
  { label: { zh: '拒绝访问', en: 'Refusals' }, actions: ['access.denied'] },
  {
    label: { zh: '登记信息', en: 'Registry' },
    prefix: 'registry.',
    actions: Object.keys(REGISTRY_RESOURCES).flatMap((r) => Object.keys(REGISTRY_VERBS).map((v) => `registry.${r}.${v}`)),
  },
  { label: { zh: '工作日历', en: 'Working calendar' }, prefix: 'calendar.', actions: ['calendar.set', 'calendar.remove'] },
  {
    label: { zh: '回访', en: 'Follow-ups' },
    prefix: 'follow-up.',
    actions: ['follow-up.contact', 'follow-up.resolution', 'follow-up.confirmation'],
  },
  { label: { zh: '查看电话', en: 'Phone reveals' }, actions: ['phone.reveal'] },
  { label: { zh: '申诉', en: 'Appeals' }, prefix: 'appeal.', actions: ['appeal.file', 'appeal.decide'] },
  { label: { zh: '回访核实', en: 'Second callbacks' }, prefix: 'callback.', actions: ['callback.verify', 'callback.verify.refused'] },
  {
    label: { zh: '外出请假', en: 'Absences' },
    prefix: 'absence.',
    actions: ['absence.file', 'absence.decide', 'absence.cancel', 'absence.return', 'absence.figures.evidence'],
  },
  {
    label: { zh: '通知渠道', en: 'Notification channels' },
    prefix: 'notify.',
    actions: ['notify.channel.create', 'notify.channel.update', 'notify.channel.test'],
  },
  { label: { zh: '考核', en: 'Assessment' }, prefix: 'assessment.', actions: ['assessment.weights.set', 'assessment.evidence'] },
  {
    label: { zh: '巡查', en: 'Patrol' },
    prefix: 'patrol.',
    actions: ['patrol.round.doubtful', 'patrol.round.cleared', 'patrol.checkpoint.rotate-code'],
  },
  {
    label: { zh: '设备密钥', en: 'Device keys' },
    prefix: 'device-key.',
    actions: ['device-key.create', 'device-key.update', 'device-key.revoke'],
  },
  { label: { zh: '大屏令牌', en: 'Display tokens' }, prefix: 'display-token.', actions: ['display-token.create', 'display-token.revoke'] },
  {
    label: { zh: '数据保留', en: 'Retention' },
    prefix: 'retention.',
    actions: [
      'retention.policy.set',
      'retention.phones.erase',
      'retention.events.archive',
      'retention.events.delete',
      'retention.photos.delete',
    ],
  },
  { label: { zh: '后台任务', en: 'Background jobs' }, prefix: 'queue.', actions: ['queue.job.retry'] },
  { label: { zh: '其他', en: 'Other' }, actions: ['audit.export', 'rating.refused', 'demo.history'] },
];

/** A page of the audit log as `GET /api/v1/admin/audit` gives it, newest first. */
export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  target: string | null;
  site: string | null;
  details: Record<string, unknown>;
  address: string | null;
  userAgent: string | null;
  /** Acts the entry stands for: more than 1 only for refused requests, counted per caller, route and minute. */
  count: number;
}
